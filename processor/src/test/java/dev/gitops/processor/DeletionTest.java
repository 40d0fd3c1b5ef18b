package dev.gitops.processor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gitops.processor.support.ApiClient;
import dev.gitops.processor.support.Fixtures;
import dev.gitops.processor.support.TestEnvironment;
import java.net.http.HttpResponse;
import java.util.concurrent.atomic.AtomicBoolean;
import org.gaul.s3proxy.blobstore.BlobStore;
import org.gaul.s3proxy.blobstore.ForwardingBlobStore;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.services.s3.model.DeleteObjectRequest;
import software.amazon.awssdk.services.s3.model.DeleteObjectResponse;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * A deletion S3 answers only in part. S3Proxy serves the real DeleteObjects exchange; a middleware around its
 * filesystem store refuses to remove originals (AccessDenied, as AWS answers a key the role may not delete),
 * so S3Proxy's answer lists that key under {@code <Error>} while the request itself succeeds with 200.
 */
class DeletionTest {
    private static final AtomicBoolean REFUSE_ORIGINALS = new AtomicBoolean();
    private static TestEnvironment env;
    private static App app;
    private static ApiClient alice;

    /** Refuses to remove a document's original while {@link #REFUSE_ORIGINALS} is set. */
    private static final class RefusingStore extends ForwardingBlobStore {
        RefusingStore(BlobStore delegate) {
            super(delegate);
        }

        @Override
        public DeleteObjectResponse removeBlob(DeleteObjectRequest request) {
            if (REFUSE_ORIGINALS.get() && request.key().endsWith("/original")) {
                throw (S3Exception) S3Exception.builder().statusCode(403).message("Access Denied")
                        .awsErrorDetails(AwsErrorDetails.builder().errorCode("AccessDenied").errorMessage("Access Denied")
                                .build()).build();
            }
            return super.removeBlob(request);
        }
    }

    @BeforeAll
    static void start() throws Exception {
        env = new TestEnvironment(RefusingStore::new);
        app = env.start("api");
        alice = new ApiClient(app.apiPort(), "alice");
    }

    @AfterAll
    static void stop() throws Exception {
        if (app != null) app.close();
        if (env != null) env.close();
    }

    @Test
    void aKeyS3RefusesFailsTheDeletionAndARetryFinishesIt() throws Exception {
        HttpResponse<byte[]> r = alice.upload(Fixtures.text("partly deleted"), "text/plain", "partial-delete");
        assertEquals(202, r.statusCode(), () -> new String(r.body()));
        String id = ApiClient.json(r).path("id").asText();

        REFUSE_ORIGINALS.set(true);
        HttpResponse<byte[]> refused = alice.delete("/v1/documents/" + id);
        assertEquals(500, refused.statusCode(), "a refused key must not be answered as deleted");
        JsonNode problem = ApiClient.json(refused);
        assertEquals("https://gitops.dev/problems/deletion-incomplete", problem.path("type").asText(), problem::toString);
        assertTrue(problem.path("detail").asText().contains("1 stored objects remain"), problem::toString);
        assertTrue(env.storedFile("alice", id, "original").toFile().isFile(), "the refused original is still stored");
        assertEquals(200, alice.get("/v1/documents/" + id).statusCode(), "the record is deleted last, so it is still found");

        REFUSE_ORIGINALS.set(false);
        assertEquals(204, alice.delete("/v1/documents/" + id).statusCode());
        assertEquals(404, alice.get("/v1/documents/" + id).statusCode());
        assertEquals(0, env.storedFiles().filter(p -> p.toString().contains(id)).count());
    }
}
