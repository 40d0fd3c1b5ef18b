package dev.gitops.processor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gitops.processor.support.ApiClient;
import dev.gitops.processor.support.Fixtures;
import dev.gitops.processor.support.TestEnvironment;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The API end to end against S3Proxy and RabbitMQ: one processor running api and worker. */
class DocumentApiTest {
    private static final Duration DONE_WITHIN = Duration.ofSeconds(60);
    private static TestEnvironment env;
    private static App app;
    private static ApiClient alice;

    @BeforeAll
    static void start() throws Exception {
        env = new TestEnvironment().set("PROCESSOR_MAX_UPLOAD_BYTES", "80MiB");
        app = env.start("both");
        alice = new ApiClient(app.apiPort(), "alice");
    }

    @AfterAll
    static void stop() throws Exception {
        if (app != null) app.close();
        if (env != null) env.close();
    }

    private static String upload(ApiClient client, byte[] body, String type) {
        HttpResponse<byte[]> r = client.upload(body, type);
        assertEquals(202, r.statusCode(), () -> new String(r.body()));
        JsonNode doc = ApiClient.json(r);
        assertEquals("queued", doc.path("status").asText());
        assertEquals("/v1/documents/" + doc.path("id").asText(), r.headers().firstValue("Location").orElseThrow());
        return doc.path("id").asText();
    }

    private static String sha256(byte[] b) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
    }

    private static void assertRoundTrip(byte[] body, String type, String expectedMedia, String expectedText) throws Exception {
        String id = upload(alice, body, type);
        JsonNode doc = alice.awaitFinal(id, DONE_WITHIN);
        assertEquals("done", doc.path("status").asText(), doc::toString);
        assertEquals(expectedMedia, doc.path("mediaType").asText());
        assertEquals(body.length, doc.path("size").asLong());
        assertEquals(sha256(body), doc.path("sha256").asText());
        HttpResponse<byte[]> content = alice.get("/v1/documents/" + id + "/content");
        assertEquals(200, content.statusCode());
        assertArrayEquals(body, content.body());
        assertEquals(type, content.headers().firstValue("Content-Type").orElseThrow());
        HttpResponse<byte[]> text = alice.get("/v1/documents/" + id + "/text");
        assertEquals(200, text.statusCode());
        String extracted = new String(text.body(), StandardCharsets.UTF_8);
        if (expectedText != null) assertTrue(extracted.contains(expectedText), () -> "text was: " + extracted);
        assertEquals(extracted.length(), doc.path("textLength").asInt());
    }

    @Test
    void plainTextRoundTrip() throws Exception {
        assertRoundTrip(Fixtures.text("marker-text-4711"), "text/plain", "text/plain", "marker-text-4711");
    }

    @Test
    void pdfRoundTripWithPageCount() throws Exception {
        byte[] pdf = Fixtures.pdf("First page marker-pdf-1", "Second page marker-pdf-2");
        assertRoundTrip(pdf, "application/pdf", "application/pdf", "marker-pdf-2");
        String id = upload(alice, pdf, "application/pdf");
        assertEquals(2, alice.awaitFinal(id, DONE_WITHIN).path("pageCount").asInt());
    }

    @Test
    void docxRoundTrip() throws Exception {
        assertRoundTrip(Fixtures.docx("marker-docx-99"),
                "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
                "application/vnd.openxmlformats-officedocument.wordprocessingml.document", "marker-docx-99");
    }

    @Test
    void imageRoundTripHasMetadataAndNoOcrText() throws Exception {
        byte[] png = Fixtures.png(64, 32);
        String id = upload(alice, png, "image/png");
        JsonNode doc = alice.awaitFinal(id, DONE_WITHIN);
        assertEquals("done", doc.path("status").asText(), doc::toString);
        assertEquals("image/png", doc.path("mediaType").asText());
        assertEquals("64", doc.path("metadata").path("tiff:ImageWidth").asText(), doc::toString);
        assertArrayEquals(png, alice.get("/v1/documents/" + id + "/content").body());
        assertEquals("", new String(alice.get("/v1/documents/" + id + "/text").body(), StandardCharsets.UTF_8).trim());
    }

    @Test
    void storedObjectsHoldOnlyCiphertext() throws Exception {
        String marker = "plaintext-must-not-be-stored-" + UUID.randomUUID();
        byte[] body = Fixtures.text(marker);
        String id = upload(alice, body, "text/plain");
        assertEquals("done", alice.awaitFinal(id, DONE_WITHIN).path("status").asText());
        List<Path> files = env.storedFiles().toList();
        assertTrue(files.stream().anyMatch(p -> p.toString().contains(id)), "the document's objects are in the bucket");
        byte[] needle = marker.getBytes(StandardCharsets.UTF_8);
        for (Path f : files) {
            byte[] stored = Files.readAllBytes(f);
            assertFalse(Fixtures.contains(stored, needle), "plaintext found in " + f);
            assertFalse(Fixtures.contains(stored, "\"status\"".getBytes(StandardCharsets.UTF_8)), "plain JSON record in " + f);
        }
        // Each part of the document is there, and each is ciphertext (never equal to the plaintext).
        byte[] storedOriginal = Files.readAllBytes(env.storedFile("alice", id, "original"));
        assertEquals(body.length + 16, storedOriginal.length, "AES-GCM: plaintext length + 16-byte tag");
        assertFalse(java.util.Arrays.equals(body, java.util.Arrays.copyOf(storedOriginal, body.length)));
        assertTrue(Files.exists(env.storedFile("alice", id, "text")));
        assertTrue(Files.exists(env.storedFile("alice", id, "record")));
    }

    @Test
    void tamperedCiphertextIsDetectedAndNotReturned() throws Exception {
        byte[] body = Fixtures.text("tamper-" + UUID.randomUUID());
        String id = upload(alice, body, "text/plain");
        assertEquals("done", alice.awaitFinal(id, DONE_WITHIN).path("status").asText());
        Path original = env.storedFile("alice", id, "original");
        byte[] stored = Files.readAllBytes(original);
        stored[stored.length / 2] ^= 0x01;
        Files.write(original, stored);
        HttpResponse<byte[]> r = alice.get("/v1/documents/" + id + "/content");
        assertEquals(500, r.statusCode());
        assertEquals("application/problem+json", r.headers().firstValue("Content-Type").orElseThrow());
        assertEquals("https://gitops.dev/problems/integrity-check-failed", ApiClient.json(r).path("type").asText());
        assertFalse(Fixtures.contains(r.body(), "tamper-".getBytes(StandardCharsets.UTF_8)));
        assertTrue(app.meters().get("documents.integrity.failures").counter().count() >= 1);
    }

    @Test
    void tenantsAreIsolated() throws Exception {
        ApiClient bob = alice.as("bob");
        String id = upload(alice, Fixtures.text("alice-only"), "text/plain");
        alice.awaitFinal(id, DONE_WITHIN);
        for (String path : List.of("/v1/documents/" + id, "/v1/documents/" + id + "/content", "/v1/documents/" + id + "/text")) {
            HttpResponse<byte[]> r = bob.get(path);
            assertEquals(404, r.statusCode(), path);
            assertEquals("https://gitops.dev/problems/not-found", ApiClient.json(r).path("type").asText());
        }
        assertEquals(404, bob.delete("/v1/documents/" + id).statusCode());
        assertEquals(200, alice.get("/v1/documents/" + id).statusCode(), "bob's delete touched nothing");
        JsonNode bobsList = ApiClient.json(bob.get("/v1/documents"));
        for (JsonNode d : bobsList.path("documents")) assertNotEquals(id, d.path("id").asText());

        HttpResponse<byte[]> anonymous = new ApiClient(app.apiPort(), null).get("/v1/documents/" + id);
        assertEquals(401, anonymous.statusCode());
        assertEquals("https://gitops.dev/problems/missing-tenant", ApiClient.json(anonymous).path("type").asText());
    }

    @Test
    void idempotencyKeyReturnsTheSameDocument() throws Exception {
        byte[] body = Fixtures.text("idempotent");
        String key = "key-" + UUID.randomUUID();
        HttpResponse<byte[]> first = alice.upload(body, "text/plain", key);
        HttpResponse<byte[]> second = alice.upload(body, "text/plain", key);
        assertEquals(202, first.statusCode());
        assertEquals(202, second.statusCode());
        String id = ApiClient.json(first).path("id").asText();
        assertEquals(id, ApiClient.json(second).path("id").asText());
        assertEquals("true", second.headers().firstValue("Idempotent-Replayed").orElseThrow());
        long stored = env.storedFiles().filter(p -> p.toString().contains("/documents/") && p.endsWith("original")).count();
        HttpResponse<byte[]> third = alice.upload(body, "text/plain", key);
        assertEquals(id, ApiClient.json(third).path("id").asText());
        assertEquals(stored, env.storedFiles().filter(p -> p.toString().contains("/documents/") && p.endsWith("original")).count());

        HttpResponse<byte[]> other = alice.upload(Fixtures.text("different"), "text/plain", key);
        assertEquals(422, other.statusCode());
        // The same key used by another tenant is another tenant's business.
        assertNotEquals(id, ApiClient.json(alice.as("carol").upload(body, "text/plain", key)).path("id").asText());
    }

    @Test
    void oversizedUploadIs413AndStoresNothing() throws Exception {
        ApiClient dave = alice.as("dave-" + UUID.randomUUID().toString().substring(0, 6));
        byte[] big = new byte[81 * 1024 * 1024];
        new Random(1).nextBytes(big);
        HttpResponse<byte[]> declared = dave.upload(big, "application/octet-stream");
        assertEquals(413, declared.statusCode());
        assertEquals("https://gitops.dev/problems/too-large", ApiClient.json(declared).path("type").asText());
        // Without a Content-Length (chunked), the limit applies while streaming.
        HttpRequest chunked = dave.request("/v1/documents").header("Content-Type", "application/octet-stream")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(big))).build();
        HttpResponse<byte[]> streamed = dave.send(chunked);
        assertEquals(413, streamed.statusCode());
        assertEquals(0, ApiClient.json(dave.get("/v1/documents")).path("documents").size());
        assertEquals(0, app.store().allKeys("tenants/" + "dave").size() + env.storedFiles()
                .filter(p -> p.toString().contains("/dave-")).count());
    }

    @Test
    void aClientStillSendingAfterThe413KeepsItsConnectionAndReadsTheAnswer() throws Exception {
        // The server answers after the headers; 32 MiB is far beyond what socket buffers hold, so the client can write it
        // only if the server keeps reading after its answer (a lingering close) instead of resetting the connection.
        try (Socket socket = new Socket("127.0.0.1", app.apiPort())) {
            OutputStream out = socket.getOutputStream();
            out.write(("POST /v1/documents HTTP/1.1\r\nHost: localhost\r\nX-Consumer-Username: erin\r\n"
                    + "Content-Type: application/octet-stream\r\nContent-Length: " + (81L << 20) + "\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            byte[] chunk = new byte[1 << 20];
            for (int i = 0; i < 32; i++) out.write(chunk);
            out.flush();
            BufferedReader answer = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII));
            assertTrue(answer.readLine().startsWith("HTTP/1.1 413 "));
            List<String> headers = new ArrayList<>();
            for (String line = answer.readLine(); line != null && !line.isEmpty(); line = answer.readLine()) {
                headers.add(line.toLowerCase(java.util.Locale.ROOT));
            }
            assertTrue(headers.contains("connection: close"), headers::toString);
        }
    }

    @Test
    void largeDocumentStreamsThroughEncryptionBeyondTheClientBuffer() throws Exception {
        // 70 MiB: more than the encryption client's 64 MiB buffer, so decryption must stream (delayed authentication).
        byte[] big = new byte[70 * 1024 * 1024];
        new Random(7).nextBytes(big);
        HttpRequest request = alice.request("/v1/documents").header("Content-Type", "application/octet-stream")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(big))).build();
        HttpResponse<byte[]> r = alice.send(request);
        assertEquals(202, r.statusCode(), () -> new String(r.body()));
        String id = ApiClient.json(r).path("id").asText();
        HttpResponse<InputStream> content;
        try {
            content = java.net.http.HttpClient.newHttpClient().send(alice.request("/v1/documents/" + id + "/content").GET().build(),
                    HttpResponse.BodyHandlers.ofInputStream());
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
        assertEquals(200, content.statusCode());
        MessageDigest digest = MessageDigest.getInstance("SHA-256");
        try (InputStream in = content.body()) {
            byte[] buf = new byte[1 << 16];
            int n;
            while ((n = in.read(buf)) > 0) digest.update(buf, 0, n);
        }
        assertEquals(sha256(big), HexFormat.of().formatHex(digest.digest()));
        JsonNode doc = alice.awaitFinal(id, DONE_WITHIN);
        assertEquals("failed", doc.path("status").asText(), "random bytes have no recognisable type");
        assertEquals("unsupported-media-type", doc.path("failure").path("reason").asText());
    }

    @Test
    void badDocumentsFailWithAReason() throws Exception {
        JsonNode corrupt = alice.awaitFinal(upload(alice, Fixtures.corruptPdf(), "application/pdf"), DONE_WITHIN);
        assertEquals("failed", corrupt.path("status").asText());
        assertEquals("corrupt-document", corrupt.path("failure").path("reason").asText(), corrupt::toString);

        JsonNode encrypted = alice.awaitFinal(upload(alice, Fixtures.encryptedPdf("hidden"), "application/pdf"), DONE_WITHIN);
        assertEquals("failed", encrypted.path("status").asText());
        assertEquals("encrypted-document", encrypted.path("failure").path("reason").asText(), encrypted::toString);

        JsonNode empty = alice.awaitFinal(upload(alice, new byte[0], "text/plain"), DONE_WITHIN);
        assertEquals("failed", empty.path("status").asText());

        String failedId = corrupt.path("id").asText();
        HttpResponse<byte[]> text = alice.get("/v1/documents/" + failedId + "/text");
        assertEquals(409, text.statusCode());
        assertEquals("https://gitops.dev/problems/text-not-available", ApiClient.json(text).path("type").asText());
    }

    @Test
    void listingPagesThroughEveryDocumentOnce() throws Exception {
        ApiClient erin = alice.as("erin");
        Set<String> uploaded = new HashSet<>();
        for (int i = 0; i < 7; i++) uploaded.add(upload(erin, Fixtures.text("page " + i), "text/plain"));
        List<String> seen = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            HttpResponse<byte[]> r = erin.get("/v1/documents?limit=3" + (cursor == null ? "" : "&cursor=" + cursor));
            assertEquals(200, r.statusCode());
            JsonNode page = ApiClient.json(r);
            page.path("documents").forEach(d -> seen.add(d.path("id").asText()));
            cursor = page.hasNonNull("nextCursor") ? page.path("nextCursor").asText() : null;
            pages++;
        } while (cursor != null && pages < 10);
        assertEquals(3, pages);
        assertEquals(uploaded, new HashSet<>(seen));
        assertEquals(seen.size(), new HashSet<>(seen).size(), "no document twice");
        assertEquals(seen.stream().sorted().toList(), seen, "oldest first");
        assertEquals(400, erin.get("/v1/documents?cursor=not-a-cursor").statusCode());
        assertEquals(400, erin.get("/v1/documents?limit=1000").statusCode());
    }

    @Test
    void deleteRemovesEverything() throws Exception {
        String key = "delete-" + UUID.randomUUID();
        HttpResponse<byte[]> r = alice.upload(Fixtures.text("to be deleted"), "text/plain", key);
        String id = ApiClient.json(r).path("id").asText();
        alice.awaitFinal(id, DONE_WITHIN);
        assertEquals(204, alice.delete("/v1/documents/" + id).statusCode());
        assertEquals(404, alice.get("/v1/documents/" + id).statusCode());
        assertEquals(404, alice.get("/v1/documents/" + id + "/content").statusCode());
        assertEquals(0, env.storedFiles().filter(p -> p.toString().contains(id)).count());
        assertEquals(404, alice.delete("/v1/documents/" + id).statusCode());
        // The idempotency key is released with the document.
        HttpResponse<byte[]> again = alice.upload(Fixtures.text("to be deleted"), "text/plain", key);
        assertNotEquals(id, ApiClient.json(again).path("id").asText());
    }

    @Test
    void openApiProblemsHealthAndMetrics() throws Exception {
        HttpResponse<byte[]> spec = alice.get("/openapi");
        assertEquals(200, spec.statusCode());
        String yaml = new String(spec.body(), StandardCharsets.UTF_8);
        assertTrue(yaml.startsWith("openapi: 3.1.0"));
        for (String path : List.of("/v1/documents:", "/v1/documents/{id}:", "/v1/documents/{id}/content:", "/v1/documents/{id}/text:")) {
            assertTrue(yaml.contains(path), path);
        }
        HttpResponse<byte[]> unknown = alice.get("/v2/nothing");
        assertEquals(404, unknown.statusCode());
        assertEquals("application/problem+json", unknown.headers().firstValue("Content-Type").orElseThrow());
        HttpResponse<byte[]> wrongMethod = alice.send(alice.request("/v1/documents").PUT(HttpRequest.BodyPublishers.noBody()).build());
        assertEquals(405, wrongMethod.statusCode());
        assertEquals(404, alice.get("/v1/documents/not-an-id").statusCode());

        ApiClient management = new ApiClient(app.managementPort(), null);
        assertEquals(200, management.get("/health/live").statusCode());
        assertEquals(200, management.get("/health/started").statusCode());
        HttpResponse<byte[]> ready = management.get("/health/ready");
        assertEquals(200, ready.statusCode(), () -> new String(ready.body()));
        upload(alice, Fixtures.text("metrics"), "text/plain");
        String metrics = new String(management.get("/metrics").body(), StandardCharsets.UTF_8);
        for (String name : List.of("documents_uploaded_total", "documents_upload_bytes", "documents_processing_seconds",
                "documents_queue_depth", "documents_publish_confirm_seconds", "jvm_memory_used_bytes")) {
            assertTrue(metrics.contains(name), name);
        }
    }
}
