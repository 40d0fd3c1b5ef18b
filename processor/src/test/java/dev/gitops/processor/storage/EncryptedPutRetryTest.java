package dev.gitops.processor.storage;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gitops.processor.config.ProcessorConfig;
import dev.gitops.processor.document.DocumentId;
import dev.gitops.processor.document.TenantId;
import dev.gitops.processor.support.DroppingProxy;
import dev.gitops.processor.support.TestEnvironment;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * An encrypted put whose first request is lost on the network is stored all the same: the retry encrypts
 * anew (a resent AES-GCM body under the same key and IV is refused by the cipher), and the object reads back.
 */
class EncryptedPutRetryTest {
    private static TestEnvironment env;

    @BeforeAll
    static void start() throws Exception {
        env = new TestEnvironment();
    }

    @AfterAll
    static void stop() throws Exception {
        env.close();
    }

    private static byte[] putAndReadBack(byte[] content) throws Exception {
        try (DroppingProxy proxy = new DroppingProxy(env.s3.endpoint("127.0.0.1"))) {
            Map<String, String> vars = env.env("api");
            vars.put("PROCESSOR_S3_ENDPOINT", proxy.endpoint().toString());
            ProcessorConfig config = ProcessorConfig.from(vars);
            try (S3Clients s3 = new S3Clients(config.storage())) {
                DocumentStore store = new DocumentStore(s3, config.storage().bucket(), Optional.empty(),
                        Optional.empty(), new ObjectMapper(), 1 << 16);
                store.createBucketIfMissing();
                TenantId tenant = new TenantId("retry");
                DocumentId id = DocumentId.generate(Clock.systemUTC(), new SecureRandom());
                proxy.dropNext(1);
                try (Spool spool = new Spool(1 << 16, 1 << 20).fill(new ByteArrayInputStream(content))) {
                    store.putOriginal(tenant, id, spool, "text/plain");
                }
                assertEquals(1, proxy.dropped(), "the first connection was dropped");
                try (Spool read = store.readOriginal(tenant, id, content.length).orElseThrow()) {
                    return read.toByteArray();
                }
            }
        }
    }

    @Test
    void anEmptyOriginalIsStoredAfterALostRequest() throws Exception {
        assertEquals(0, putAndReadBack(new byte[0]).length);
    }

    @Test
    void aSmallOriginalIsStoredAfterALostRequest() throws Exception {
        byte[] content = "retried, encrypted anew".getBytes(StandardCharsets.UTF_8);
        assertArrayEquals(content, putAndReadBack(content));
        assertTrue(env.storedFiles().findAny().isPresent());
    }
}
