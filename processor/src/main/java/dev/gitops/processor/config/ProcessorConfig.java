package dev.gitops.processor.config;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Everything the processor can be told, read once at start from environment variables
 * ({@code PROCESSOR_*}). Every value has a production-safe default except the bucket and key.
 */
public record ProcessorConfig(
        Mode mode,
        Http http,
        Storage storage,
        Queue queue,
        Extraction extraction,
        Worker worker,
        Management management,
        Release release,
        Local local) {

    /** Which roles this process plays. */
    public enum Mode {
        API, WORKER, BOTH;

        public boolean runsApi() { return this != WORKER; }
        public boolean runsWorker() { return this != API; }
    }

    public record Http(
            String host,
            int port,
            String tenantHeader,
            Optional<String> developmentTenant,
            long maxUploadBytes,
            int spoolMemoryBytes,
            Duration drainDelay) {}

    public record Storage(
            Optional<URI> endpoint,
            String region,
            String bucket,
            boolean pathStyle,
            Optional<String> accessKey,
            Optional<String> secretKey,
            Optional<Path> keyFile,
            Optional<String> kmsKeyId,
            Optional<String> serverSideEncryption,
            Optional<String> serverSideEncryptionKmsKeyId,
            boolean createBucket,
            Duration callTimeout) {

        /** This storage pointed at another S3 endpoint with static credentials, path-style, bucket created on start. */
        public Storage atEndpoint(URI uri, String access, String secret) {
            return new Storage(Optional.of(uri), region, bucket, true, Optional.of(access), Optional.of(secret),
                    keyFile, kmsKeyId, serverSideEncryption, serverSideEncryptionKmsKeyId, true, callTimeout);
        }
    }

    public record Queue(
            URI uri,
            String prefix,
            int deliveryLimit,
            List<Duration> retryDelays,
            Duration confirmTimeout,
            long maxLength,
            String previewPrefix) {

        /** The prefix of the queues a role uses: preview pods have their own topology. */
        public String prefix(ReleaseRole role) {
            return role == ReleaseRole.PREVIEW ? previewPrefix : prefix;
        }
    }

    public record Extraction(
            int maxTextChars,
            Duration timeout,
            int maxEmbeddedDepth,
            int maxEmbeddedResources) {}

    public record Worker(int concurrency, int prefetch, Duration shutdownGrace) {}

    /**
     * Where the pod learns its blue-green role: a Downward API file of the pod's labels, re-read every
     * {@code poll} (Argo Rollouts relabels pods on promotion). Without a file the pod is active.
     */
    public record Release(Optional<Path> labelsFile, String roleLabel, Duration poll) {}

    /** The management port: probes and metrics. */
    public record Management(int port) {}

    /**
     * Local runs only ({@code ./gitops processor}): with a data folder, an S3-compatible store is started in the
     * process on {@code dataDir/s3}, the bucket defaults to {@code documents} and the wrapping key to
     * {@code dataDir/document-key}. Production leaves it empty.
     */
    public record Local(Optional<Path> dataDir, int s3Port) {
        public static final String DEFAULT_BUCKET = "documents";

        public boolean embeddedStorage() {
            return dataDir.isPresent();
        }
    }

    public ProcessorConfig withStorage(Storage other) {
        return new ProcessorConfig(mode, http, other, queue, extraction, worker, management, release, local);
    }

    /** Reads the configuration from a map of environment variables. */
    public static ProcessorConfig from(Map<String, String> env) {
        Settings s = new Settings(env);
        Mode mode = s.choice("PROCESSOR_MODE", Mode.BOTH, Mode.class);
        String prefix = s.string("PROCESSOR_QUEUE_PREFIX", "documents");
        int concurrency = s.integer("PROCESSOR_WORKER_CONCURRENCY", Math.max(1, Runtime.getRuntime().availableProcessors()));
        Local local = new Local(s.optional("PROCESSOR_S3_EMBEDDED_DIR").map(Path::of),
                s.integer("PROCESSOR_S3_EMBEDDED_PORT", 0));
        Optional<Path> keyFile = s.optional("PROCESSOR_KEY_FILE").map(Path::of)
                .or(() -> local.dataDir().map(d -> d.resolve("document-key")));
        return new ProcessorConfig(
                mode,
                new Http(
                        s.string("PROCESSOR_HTTP_HOST", "0.0.0.0"),
                        s.port("PROCESSOR_HTTP_PORT", 8080),
                        s.string("PROCESSOR_TENANT_HEADER", "X-Consumer-Username"),
                        s.optional("PROCESSOR_DEV_TENANT"),
                        s.bytes("PROCESSOR_MAX_UPLOAD_BYTES", 100L * 1024 * 1024),
                        s.memoryBytes("PROCESSOR_SPOOL_MEMORY_BYTES", 4L * 1024 * 1024),
                        s.duration("PROCESSOR_DRAIN_DELAY", Duration.ofSeconds(5))),
                new Storage(
                        s.optional("PROCESSOR_S3_ENDPOINT").map(URI::create),
                        s.string("PROCESSOR_S3_REGION", "eu-west-1"),
                        local.embeddedStorage()
                                ? s.string("PROCESSOR_S3_BUCKET", Local.DEFAULT_BUCKET)
                                : s.required("PROCESSOR_S3_BUCKET"),
                        s.bool("PROCESSOR_S3_PATH_STYLE", false),
                        s.optional("PROCESSOR_S3_ACCESS_KEY"),
                        s.optional("PROCESSOR_S3_SECRET_KEY"),
                        keyFile,
                        s.optional("PROCESSOR_KMS_KEY_ID"),
                        s.optional("PROCESSOR_S3_SSE"),
                        s.optional("PROCESSOR_S3_SSE_KMS_KEY_ID"),
                        s.bool("PROCESSOR_S3_CREATE_BUCKET", false),
                        s.duration("PROCESSOR_S3_CALL_TIMEOUT", Duration.ofSeconds(30))),
                new Queue(
                        s.uri("PROCESSOR_AMQP_URI", "amqp://guest:guest@localhost:5672/%2F"),
                        prefix,
                        s.integer("PROCESSOR_DELIVERY_LIMIT", 5),
                        s.durations("PROCESSOR_RETRY_DELAYS", List.of(
                                Duration.ofSeconds(5), Duration.ofSeconds(30), Duration.ofMinutes(5))),
                        s.duration("PROCESSOR_CONFIRM_TIMEOUT", Duration.ofSeconds(10)),
                        s.integer("PROCESSOR_QUEUE_MAX_LENGTH", 1_000_000),
                        s.string("PROCESSOR_PREVIEW_QUEUE_PREFIX", prefix + "-preview")),
                new Extraction(
                        s.integer("PROCESSOR_MAX_TEXT_CHARS", 10_000_000),
                        s.duration("PROCESSOR_EXTRACTION_TIMEOUT", Duration.ofSeconds(120)),
                        s.integer("PROCESSOR_MAX_EMBEDDED_DEPTH", 3),
                        s.integer("PROCESSOR_MAX_EMBEDDED_RESOURCES", 1000)),
                new Worker(
                        concurrency,
                        s.integer("PROCESSOR_PREFETCH", concurrency * 8),
                        s.duration("PROCESSOR_SHUTDOWN_GRACE", Duration.ofSeconds(25))),
                new Management(s.port("PROCESSOR_MANAGEMENT_PORT", 9090)),
                new Release(s.optional("PROCESSOR_RELEASE_LABELS_FILE").map(Path::of),
                        s.string("PROCESSOR_RELEASE_ROLE_LABEL", "gitops.dev/release-role"),
                        s.duration("PROCESSOR_RELEASE_POLL", Duration.ofSeconds(2))),
                local);
    }
}
