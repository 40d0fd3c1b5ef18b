package dev.gitops.processor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gitops.processor.document.DocumentId;
import dev.gitops.processor.document.TenantId;
import dev.gitops.processor.queue.WorkMessage;
import dev.gitops.processor.support.ApiClient;
import dev.gitops.processor.support.Fixtures;
import dev.gitops.processor.support.LocalRabbitMq;
import dev.gitops.processor.support.TestEnvironment;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/** Failure scenarios against the real broker and store: poison documents, restarts, crashes, outages. */
class ResilienceTest {

    @Test
    void poisonDocumentIsParkedAfterTheDeliveryLimitAndMarkedFailed() throws Exception {
        // Every extraction exceeds a 5 ms limit: each delivery times out and goes back to the queue.
        try (TestEnvironment env = new TestEnvironment().set("PROCESSOR_EXTRACTION_TIMEOUT", "5ms")
                .set("PROCESSOR_DELIVERY_LIMIT", "2");
             App app = env.start("both")) {
            ApiClient api = new ApiClient(app.apiPort(), "poison");
            byte[] slow = Fixtures.text("x".repeat(4 * 1024 * 1024));
            HttpResponse<byte[]> r = api.upload(slow, "text/plain");
            assertEquals(202, r.statusCode());
            JsonNode doc = api.awaitFinal(ApiClient.json(r).path("id").asText(), Duration.ofSeconds(60));
            assertEquals("failed", doc.path("status").asText(), doc::toString);
            assertEquals("delivery-limit-reached", doc.path("failure").path("reason").asText(), doc::toString);
            assertTrue(doc.path("attempts").asInt() >= 2, doc::toString);
            String parked = app.broker().topology().parkedQueue();
            assertEquals(1, awaitDepth(app, parked, 1), "the poison message waits in " + parked);
            assertEquals(0, app.broker().depth(app.broker().topology().workQueue()));
        }
    }

    @Test
    void brokerRestartDuringUploadsLosesNothing() throws Exception {
        try (TestEnvironment env = new TestEnvironment().set("PROCESSOR_CONFIRM_TIMEOUT", "20s");
             App app = env.start("both")) {
            ApiClient api = new ApiClient(app.apiPort(), "restart");
            Set<String> accepted = ConcurrentHashMap.newKeySet();
            Map<Integer, Integer> statuses = new ConcurrentHashMap<>();
            AtomicBoolean running = new AtomicBoolean(true);
            List<Thread> uploaders = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                int thread = t;
                uploaders.add(Thread.ofVirtual().start(() -> {
                    for (int i = 0; running.get(); i++) {
                        HttpResponse<byte[]> r = api.upload(Fixtures.text("restart " + thread + "-" + i), "text/plain");
                        statuses.merge(r.statusCode(), 1, Integer::sum);
                        if (r.statusCode() == 202) accepted.add(ApiClient.json(r).path("id").asText());
                        else assertEquals(503, r.statusCode(), () -> new String(r.body()));
                    }
                }));
            }
            Thread.sleep(1500);
            int before = accepted.size();
            LocalRabbitMq.restart();
            Thread.sleep(2000);
            running.set(false);
            for (Thread t : uploaders) t.join(60_000);
            assertTrue(before > 0, "uploads were accepted before the restart");
            assertTrue(accepted.size() > before, "uploads were accepted after the restart: " + statuses);
            for (String id : accepted) {
                JsonNode doc = api.awaitFinal(id, Duration.ofSeconds(90));
                assertEquals("done", doc.path("status").asText(), doc::toString);
            }
            // Nothing but the accepted documents was stored (a 503 leaves nothing behind).
            assertEquals(accepted, listAll(api));
        }
    }

    @Test
    void workerKilledMidDocumentIsRedeliveredAndFinishesOnce() throws Exception {
        try (TestEnvironment env = new TestEnvironment(); App api = env.start("api")) {
            ApiClient client = new ApiClient(api.apiPort(), "crash");
            Process worker = startWorkerProcess(env);
            try {
                // Large enough that decryption and extraction take seconds.
                byte[] big = Fixtures.text("crash marker ".repeat(1_000_000));
                HttpResponse<byte[]> r = client.upload(big, "text/plain");
                assertEquals(202, r.statusCode());
                String id = ApiClient.json(r).path("id").asText();
                awaitStatus(client, id, "processing", Duration.ofSeconds(60));
                worker.destroyForcibly(); // SIGKILL
                assertTrue(worker.waitFor(10, TimeUnit.SECONDS));
                assertEquals("processing", ApiClient.json(client.get("/v1/documents/" + id)).path("status").asText());

                try (App second = env.start("worker")) {
                    JsonNode done = client.awaitFinal(id, Duration.ofSeconds(120));
                    assertEquals("done", done.path("status").asText(), done::toString);
                    assertEquals(2, done.path("attempts").asInt(), "one attempt killed, one finished: " + done);
                    String text = new String(client.get("/v1/documents/" + id + "/text").body(), StandardCharsets.UTF_8);
                    assertTrue(text.contains("Plain text document.") && text.contains("crash marker"));

                    // A duplicate delivery changes nothing visible.
                    second.broker().publishWork(new WorkMessage(new TenantId("crash"), new DocumentId(id)));
                    Thread.sleep(1500);
                    JsonNode after = ApiClient.json(client.get("/v1/documents/" + id));
                    assertEquals(done.path("completedAt").asText(), after.path("completedAt").asText());
                    assertEquals(done.path("attempts").asInt(), after.path("attempts").asInt());
                    assertEquals(0, second.broker().depth(second.broker().topology().parkedQueue()));
                }
            } finally {
                worker.destroyForcibly();
            }
        }
    }

    @Test
    void gracefulShutdownFinishesTheDocumentInFlight() throws Exception {
        try (TestEnvironment env = new TestEnvironment().set("PROCESSOR_SHUTDOWN_GRACE", "120s");
             App api = env.start("api")) {
            ApiClient client = new ApiClient(api.apiPort(), "drain");
            App worker = env.start("worker");
            HttpResponse<byte[]> r = client.upload(Fixtures.text("drain marker ".repeat(1_000_000)), "text/plain");
            assertEquals(202, r.statusCode());
            String id = ApiClient.json(r).path("id").asText();
            awaitStatus(client, id, "processing", Duration.ofSeconds(60));
            worker.close(); // as on SIGTERM: stop consuming, finish in-flight, then close
            JsonNode doc = ApiClient.json(client.get("/v1/documents/" + id));
            assertEquals("done", doc.path("status").asText(), "finished before the worker stopped: " + doc);
            assertEquals(1, doc.path("attempts").asInt(), "not redelivered: " + doc);
        }
    }

    @Test
    void storageOutageAnswers503StoresNothingAndProcessingResumes() throws Exception {
        try (TestEnvironment env = new TestEnvironment(); App api = env.start("api")) {
            ApiClient client = new ApiClient(api.apiPort(), "outage");
            ApiClient management = new ApiClient(api.managementPort(), null);
            int s3Port = env.s3.port();

            // Accepted while the store is up, but no worker is running yet.
            HttpResponse<byte[]> queued = client.upload(Fixtures.text("queued before the outage"), "text/plain");
            assertEquals(202, queued.statusCode());
            String queuedId = ApiClient.json(queued).path("id").asText();

            env.s3.stop();
            HttpResponse<byte[]> during = client.upload(Fixtures.text("during the outage"), "text/plain");
            assertEquals(503, during.statusCode(), () -> new String(during.body()));
            assertEquals("https://gitops.dev/problems/service-unavailable", ApiClient.json(during).path("type").asText());
            assertTrue(during.headers().firstValue("Retry-After").isPresent());
            Thread.sleep(3500); // readiness caches dependency checks for 3 s
            HttpResponse<byte[]> ready = management.get("/health/ready");
            assertEquals(503, ready.statusCode());
            assertTrue(new String(ready.body()).contains("\"storage\":\"DOWN"), new String(ready.body()));
            assertEquals(200, management.get("/health/live").statusCode(), "liveness ignores dependencies");

            try (App worker = env.start("worker")) {
                Thread.sleep(1500); // the worker meets the outage and schedules retries
                env.s3.start("127.0.0.1", s3Port);
                JsonNode doc = client.awaitFinal(queuedId, Duration.ofSeconds(60));
                assertEquals("done", doc.path("status").asText(), doc::toString);
            }
            assertEquals(Set.of(queuedId), listAll(client), "the upload refused during the outage left nothing");
            HttpResponse<byte[]> after = client.upload(Fixtures.text("after the outage"), "text/plain");
            assertEquals(202, after.statusCode());
        }
    }

    private static long awaitDepth(App app, String queue, long expected) throws InterruptedException {
        long depth = -1;
        for (int i = 0; i < 100 && depth != expected; i++) {
            depth = app.broker().depth(queue);
            Thread.sleep(100);
        }
        return depth;
    }

    private static void awaitStatus(ApiClient client, String id, String status, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            HttpResponse<byte[]> r = client.get("/v1/documents/" + id);
            if (r.statusCode() == 200 && status.equals(ApiClient.json(r).path("status").asText())) return;
            Thread.sleep(20);
        }
        throw new AssertionError(id + " never reached " + status);
    }

    private static Set<String> listAll(ApiClient client) {
        Set<String> ids = new HashSet<>();
        String cursor = null;
        do {
            JsonNode page = ApiClient.json(client.get("/v1/documents?limit=100" + (cursor == null ? "" : "&cursor=" + cursor)));
            page.path("documents").forEach(d -> ids.add(d.path("id").asText()));
            cursor = page.hasNonNull("nextCursor") ? page.path("nextCursor").asText() : null;
        } while (cursor != null);
        return ids;
    }

    /** A worker in its own JVM, so it can be killed with SIGKILL. */
    private static Process startWorkerProcess(TestEnvironment env) throws Exception {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        ProcessBuilder pb = new ProcessBuilder(java.toString(), "--sun-misc-unsafe-memory-access=allow", "-Xmx512m",
                "-cp", System.getProperty("java.class.path"), Main.class.getName());
        pb.environment().putAll(env.env("worker"));
        pb.environment().put("PROCESSOR_MANAGEMENT_PORT", "0");
        pb.redirectErrorStream(true);
        pb.redirectOutput(env.dir.resolve("worker.log").toFile());
        return pb.start();
    }
}
