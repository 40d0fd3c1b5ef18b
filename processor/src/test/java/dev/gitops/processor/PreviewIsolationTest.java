package dev.gitops.processor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gitops.processor.config.ReleaseRole;
import dev.gitops.processor.support.ApiClient;
import dev.gitops.processor.support.Fixtures;
import dev.gitops.processor.support.TestEnvironment;
import io.micrometer.core.instrument.Timer;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;

/**
 * Blue-green against the real broker: pods labelled preview (as Argo Rollouts' previewMetadata labels them,
 * read from a Downward API labels file) use queues of their own, so a document uploaded through the active
 * path is never handled by the unpromoted version; on promotion the preview queues drain and nothing is lost.
 */
class PreviewIsolationTest {
    private static final Duration DONE_WITHIN = Duration.ofSeconds(90);

    @Test
    void previewWorkersNeverTakeLiveDocumentsAndPromotionDrainsEverything() throws Exception {
        try (TestEnvironment env = new TestEnvironment().set("PROCESSOR_RELEASE_POLL", "100ms");
             App active = env.start("api")) {
            Path labels = env.dir.resolve("labels");
            writeRole(labels, "preview");
            env.set("PROCESSOR_RELEASE_LABELS_FILE", labels.toString()).set("PROCESSOR_WORKER_CONCURRENCY", "1")
                    .set("PROCESSOR_PREFETCH", "1");
            try (App previewApi = env.start("api"); App previewWorker = env.start("worker")) {
                assertEquals(ReleaseRole.ACTIVE, active.role());
                assertEquals(ReleaseRole.PREVIEW, previewApi.role());
                assertEquals(1.0, roleGauge(previewWorker, "preview"));
                assertEquals(0.0, roleGauge(previewWorker, "active"));
                String previewQueue = env.queuePrefix + "-preview.work";
                assertEquals(Map.of(ReleaseRole.PREVIEW, List.of(previewQueue, env.queuePrefix + "-preview.failed")),
                        previewWorker.worker().consuming());

                ApiClient live = new ApiClient(active.apiPort(), "live");
                ApiClient preview = new ApiClient(previewApi.apiPort(), "preview");
                List<String> liveIds = upload(live, "live", 5);
                List<String> previewIds = upload(preview, "preview", 5);
                for (String id : previewIds) {
                    assertEquals("done", preview.awaitFinal(id, DONE_WITHIN).path("status").asText());
                }
                Thread.sleep(1000); // ample time for a worker that could see the live queue to take from it
                for (String id : liveIds) {
                    assertEquals("queued", ApiClient.json(live.get("/v1/documents/" + id)).path("status").asText(),
                            "a live document was touched while only a preview worker ran");
                }
                assertEquals(5, active.broker().depth(env.queuePrefix + ".work"));
                assertEquals(5, handled(previewWorker), "the preview worker handled the preview documents only");

                // Promotion while preview documents are still waiting (the single preview slot is busy with a
                // large document): they must drain, as must the live queue.
                HttpResponse<byte[]> large = preview.upload(Fixtures.text("large ".repeat(1_500_000)), "text/plain");
                assertEquals(202, large.statusCode());
                List<String> beforePromotion = new ArrayList<>(List.of(ApiClient.json(large).path("id").asText()));
                beforePromotion.addAll(upload(preview, "late preview", 10));
                long waiting = active.broker().pending(ReleaseRole.PREVIEW);
                assertTrue(waiting > 0, "preview documents wait in the preview queue at promotion: " + waiting);
                writeRole(labels, "active");
                await(() -> previewWorker.role() == ReleaseRole.ACTIVE && previewApi.role() == ReleaseRole.ACTIVE,
                        "the pods follow their relabelling");
                List<String> afterPromotion = upload(preview, "promoted", 3);
                List<String> all = new ArrayList<>(liveIds);
                all.addAll(beforePromotion);
                all.addAll(afterPromotion);
                for (String id : all) {
                    JsonNode doc = live.as(tenantOf(id, liveIds, beforePromotion)).awaitFinal(id, DONE_WITHIN);
                    assertEquals("done", doc.path("status").asText(), doc::toString);
                    assertEquals(1, doc.path("attempts").asInt(), "handled once: " + doc);
                }
                await(() -> previewWorker.worker().consuming().keySet().equals(java.util.Set.of(ReleaseRole.ACTIVE)),
                        "the promoted worker leaves the drained preview queues");
                assertEquals(0, active.broker().pending(ReleaseRole.PREVIEW));
                assertEquals(1.0, roleGauge(previewWorker, "active"));
                assertEquals(0.0, roleGauge(previewWorker, "preview"));
                assertEquals(0, active.broker().pending(ReleaseRole.ACTIVE));
                assertEquals(0, active.broker().depth(env.queuePrefix + ".parked"));
                assertEquals(0, active.broker().depth(env.queuePrefix + "-preview.parked"));
                assertEquals(5 + 5 + 11 + 3, handled(previewWorker), "every document handled exactly once");
            }
        }
    }

    private static String tenantOf(String id, List<String> liveIds, List<String> previewIds) {
        return liveIds.contains(id) ? "live" : "preview";
    }

    private static List<String> upload(ApiClient client, String marker, int count) {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            HttpResponse<byte[]> r = client.upload(Fixtures.text(marker + " " + i), "text/plain");
            assertEquals(202, r.statusCode(), () -> new String(r.body()));
            ids.add(ApiClient.json(r).path("id").asText());
        }
        return ids;
    }

    private static double roleGauge(App app, String role) {
        return app.meters().get("processor.release.role").tag("role", role).gauge().value();
    }

    /** Documents this instance's worker finished as done. */
    private static long handled(App app) {
        return app.meters().find("documents.processing").tag("outcome", "done").timers().stream()
                .mapToLong(Timer::count).sum();
    }

    /** Writes a Downward API labels file as the kubelet does (atomically, {@code key="value"} lines). */
    private static void writeRole(Path labels, String role) throws Exception {
        Path tmp = labels.resolveSibling(labels.getFileName() + ".tmp");
        Files.writeString(tmp, "app=\"processor\"\ngitops.dev/release-role=\"" + role + "\"\nprovider=\"jkube\"\n");
        Files.move(tmp, labels, java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }

    private static void await(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) throw new AssertionError("timed out: " + what);
            Thread.sleep(50);
        }
    }
}
