package dev.gitops.processor.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ProcessorConfigTest {
    private static final Map<String, String> MINIMAL = Map.of("PROCESSOR_S3_BUCKET", "docs");

    private static ProcessorConfig with(String... pairs) {
        Map<String, String> env = new HashMap<>(MINIMAL);
        for (int i = 0; i < pairs.length; i += 2) env.put(pairs[i], pairs[i + 1]);
        return ProcessorConfig.from(env);
    }

    private static String errorOf(String... pairs) {
        return assertThrows(ConfigException.class, () -> with(pairs)).getMessage();
    }

    @Test
    void defaultsNeedOnlyTheBucket() {
        ProcessorConfig c = ProcessorConfig.from(MINIMAL);
        assertEquals(ProcessorConfig.Mode.BOTH, c.mode());
        assertEquals(8080, c.http().port());
        assertEquals(9090, c.management().port());
        assertEquals("X-Consumer-Username", c.http().tenantHeader());
        assertEquals(100L * 1024 * 1024, c.http().maxUploadBytes());
        assertEquals(Duration.ofSeconds(5), c.http().drainDelay());
        assertEquals("docs", c.storage().bucket());
        assertEquals(Optional.empty(), c.storage().endpoint());
        assertFalse(c.storage().createBucket());
        assertEquals(URI.create("amqp://guest:guest@localhost:5672/%2F"), c.queue().uri());
        assertEquals(List.of(Duration.ofSeconds(5), Duration.ofSeconds(30), Duration.ofMinutes(5)), c.queue().retryDelays());
        assertEquals(5, c.queue().deliveryLimit());
        assertEquals(8 * c.worker().concurrency(), c.worker().prefetch());
        assertFalse(c.local().embeddedStorage());
        assertEquals(Optional.empty(), c.release().labelsFile());
        assertEquals("gitops.dev/release-role", c.release().roleLabel());
        assertEquals("documents-preview", c.queue().prefix(ReleaseRole.PREVIEW));
        assertEquals("documents", c.queue().prefix(ReleaseRole.ACTIVE));
    }

    @Test
    void previewQueuesFollowTheQueuePrefix() {
        assertEquals("test-preview", with("PROCESSOR_QUEUE_PREFIX", "test").queue().prefix(ReleaseRole.PREVIEW));
        assertEquals("p", with("PROCESSOR_PREVIEW_QUEUE_PREFIX", "p").queue().prefix(ReleaseRole.PREVIEW));
    }

    @Test
    void theBucketIsRequiredOutsideLocalRuns() {
        ConfigException e = assertThrows(ConfigException.class, () -> ProcessorConfig.from(Map.of()));
        assertEquals("PROCESSOR_S3_BUCKET is required", e.getMessage());
    }

    @Test
    void sizesDurationsAndListsAreParsedWithUnits() {
        ProcessorConfig c = with("PROCESSOR_MAX_UPLOAD_BYTES", "512KiB", "PROCESSOR_SPOOL_MEMORY_BYTES", "2MiB",
                "PROCESSOR_DRAIN_DELAY", "250ms", "PROCESSOR_SHUTDOWN_GRACE", "PT1M",
                "PROCESSOR_EXTRACTION_TIMEOUT", "2m", "PROCESSOR_RETRY_DELAYS", "1s, 10s,1h",
                "PROCESSOR_S3_CALL_TIMEOUT", "1500");
        assertEquals(512L * 1024, c.http().maxUploadBytes());
        assertEquals(2 * 1024 * 1024, c.http().spoolMemoryBytes());
        assertEquals(Duration.ofMillis(250), c.http().drainDelay());
        assertEquals(Duration.ofMinutes(1), c.worker().shutdownGrace());
        assertEquals(Duration.ofMinutes(2), c.extraction().timeout());
        assertEquals(List.of(Duration.ofSeconds(1), Duration.ofSeconds(10), Duration.ofHours(1)), c.queue().retryDelays());
        assertEquals(Duration.ofMillis(1500), c.storage().callTimeout());
    }

    @Test
    void modeIsCaseInsensitiveAndDecidesTheRoles() {
        ProcessorConfig worker = with("PROCESSOR_MODE", "Worker");
        assertEquals(ProcessorConfig.Mode.WORKER, worker.mode());
        assertTrue(worker.mode().runsWorker());
        assertFalse(worker.mode().runsApi());
        assertFalse(with("PROCESSOR_MODE", "api").mode().runsWorker());
    }

    @Test
    void managementPortAndPrefetchFollowTheirVariables() {
        ProcessorConfig c = with("PROCESSOR_MANAGEMENT_PORT", "0", "PROCESSOR_WORKER_CONCURRENCY", "3");
        assertEquals(0, c.management().port());
        assertEquals(24, c.worker().prefetch());
        assertEquals(1, with("PROCESSOR_PREFETCH", "1").worker().prefetch());
    }

    @Test
    void blankValuesMeanTheDefault() {
        assertEquals(8080, with("PROCESSOR_HTTP_PORT", "  ").http().port());
    }

    @Test
    void malformedValuesNameTheVariableAndTheValue() {
        assertEquals("PROCESSOR_MODE must be one of [api, worker, both], got 'all'", errorOf("PROCESSOR_MODE", "all"));
        assertTrue(errorOf("PROCESSOR_HTTP_PORT", "eighty").startsWith("PROCESSOR_HTTP_PORT: cannot read 'eighty'"));
        assertEquals("PROCESSOR_MANAGEMENT_PORT must be a port (0-65535), got 70000",
                errorOf("PROCESSOR_MANAGEMENT_PORT", "70000"));
        assertTrue(errorOf("PROCESSOR_MAX_UPLOAD_BYTES", "10MB").startsWith("PROCESSOR_MAX_UPLOAD_BYTES: cannot read '10MB'"));
        assertTrue(errorOf("PROCESSOR_DRAIN_DELAY", "soon").startsWith("PROCESSOR_DRAIN_DELAY: cannot read 'soon'"));
        assertTrue(errorOf("PROCESSOR_RETRY_DELAYS", "1s,x").startsWith("PROCESSOR_RETRY_DELAYS: cannot read 'x'"));
        assertEquals("PROCESSOR_S3_PATH_STYLE must be true or false, got 'maybe'", errorOf("PROCESSOR_S3_PATH_STYLE", "maybe"));
        assertTrue(errorOf("PROCESSOR_AMQP_URI", "amqp://bad host").startsWith("PROCESSOR_AMQP_URI: cannot read"));
        assertEquals("PROCESSOR_SPOOL_MEMORY_BYTES must be between 0 and 2147483647 bytes, got 4294967296",
                errorOf("PROCESSOR_SPOOL_MEMORY_BYTES", "4GiB"));
    }

    @Test
    void aLocalDataFolderDefaultsTheBucketAndTheKey() {
        ProcessorConfig c = ProcessorConfig.from(Map.of("PROCESSOR_S3_EMBEDDED_DIR", "/tmp/data",
                "PROCESSOR_S3_EMBEDDED_PORT", "9000"));
        assertTrue(c.local().embeddedStorage());
        assertEquals(Optional.of(Path.of("/tmp/data")), c.local().dataDir());
        assertEquals(9000, c.local().s3Port());
        assertEquals(ProcessorConfig.Local.DEFAULT_BUCKET, c.storage().bucket());
        assertEquals(Optional.of(Path.of("/tmp/data/document-key")), c.storage().keyFile());
        assertEquals(Optional.of(Path.of("/k")),
                ProcessorConfig.from(Map.of("PROCESSOR_S3_EMBEDDED_DIR", "/tmp/data", "PROCESSOR_KEY_FILE", "/k"))
                        .storage().keyFile());
    }

    @Test
    void storageCanBePointedAtAnotherEndpoint() {
        ProcessorConfig c = with("PROCESSOR_KEY_FILE", "/k", "PROCESSOR_S3_REGION", "us-east-1");
        ProcessorConfig moved = c.withStorage(c.storage().atEndpoint(URI.create("http://127.0.0.1:9000"), "a", "s"));
        assertEquals(Optional.of(URI.create("http://127.0.0.1:9000")), moved.storage().endpoint());
        assertTrue(moved.storage().pathStyle());
        assertTrue(moved.storage().createBucket());
        assertEquals(Optional.of("a"), moved.storage().accessKey());
        assertEquals("us-east-1", moved.storage().region());
        assertEquals(c.storage().keyFile(), moved.storage().keyFile());
        assertEquals(c.queue(), moved.queue());
    }
}
