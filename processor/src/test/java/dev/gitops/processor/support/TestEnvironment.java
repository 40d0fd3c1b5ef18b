package dev.gitops.processor.support;

import dev.gitops.processor.App;
import dev.gitops.processor.config.ProcessorConfig;
import dev.gitops.processor.local.EmbeddedS3;
import dev.gitops.processor.storage.KeyMaterial;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.gaul.s3proxy.blobstore.BlobStore;

/**
 * Real components for one test class: S3Proxy in this process (filesystem backend in a temporary folder,
 * so tests can inspect and tamper with stored bytes), the local RabbitMQ with queues under a unique
 * prefix, a fresh wrapping key, and processor instances configured against them.
 */
public final class TestEnvironment implements AutoCloseable {
    public final Path dir;
    public final Path s3Dir;
    public final Path keyFile;
    public final String bucket = "documents";
    public final String queuePrefix = "test-" + UUID.randomUUID().toString().substring(0, 8);
    public final EmbeddedS3 s3;
    private final Map<String, String> overrides = new HashMap<>();

    public TestEnvironment() throws Exception {
        this(UnaryOperator.identity());
    }

    /** With S3Proxy middleware around the filesystem store, to make it refuse chosen requests. */
    public TestEnvironment(UnaryOperator<BlobStore> middleware) throws Exception {
        LocalRabbitMq.ensureRunning();
        dir = Files.createTempDirectory("processor-test-");
        s3Dir = dir.resolve("s3");
        keyFile = dir.resolve("document-key");
        KeyMaterial.createIfAbsent(keyFile);
        s3 = new EmbeddedS3("filesystem", s3Dir, middleware).start("127.0.0.1", 0);
    }

    public TestEnvironment set(String name, String value) {
        overrides.put(name, value);
        return this;
    }

    /** The environment variables a processor instance of this test gets. */
    public Map<String, String> env(String mode) {
        Map<String, String> env = new HashMap<>();
        env.put("PROCESSOR_MODE", mode);
        env.put("PROCESSOR_HTTP_HOST", "127.0.0.1");
        env.put("PROCESSOR_HTTP_PORT", "0");
        env.put("PROCESSOR_MANAGEMENT_PORT", "0");
        env.put("PROCESSOR_S3_ENDPOINT", s3.endpoint("127.0.0.1").toString());
        env.put("PROCESSOR_S3_PATH_STYLE", "true");
        env.put("PROCESSOR_S3_REGION", "us-east-1");
        env.put("PROCESSOR_S3_ACCESS_KEY", EmbeddedS3.ACCESS_KEY);
        env.put("PROCESSOR_S3_SECRET_KEY", EmbeddedS3.SECRET_KEY);
        env.put("PROCESSOR_S3_BUCKET", bucket);
        env.put("PROCESSOR_S3_CREATE_BUCKET", "true");
        env.put("PROCESSOR_S3_CALL_TIMEOUT", "30s");
        env.put("PROCESSOR_KEY_FILE", keyFile.toString());
        env.put("PROCESSOR_QUEUE_PREFIX", queuePrefix);
        env.put("PROCESSOR_DELIVERY_LIMIT", "3");
        env.put("PROCESSOR_RETRY_DELAYS", "300ms,600ms,1s,2s,4s,8s");
        env.put("PROCESSOR_DRAIN_DELAY", "0s");
        env.put("PROCESSOR_SHUTDOWN_GRACE", "5s");
        env.put("PROCESSOR_WORKER_CONCURRENCY", "2");
        env.put("PROCESSOR_MAX_UPLOAD_BYTES", "100MiB");
        env.putAll(overrides);
        return env;
    }

    public App start(String mode) throws Exception {
        return new App(ProcessorConfig.from(env(mode))).start();
    }

    /** Every stored object file under the bucket (filesystem backend), for inspection and tampering. */
    public Stream<Path> storedFiles() throws IOException {
        Path bucketDir = s3Dir.resolve(bucket);
        if (!Files.exists(bucketDir)) return Stream.empty();
        return Files.walk(bucketDir).filter(Files::isRegularFile);
    }

    public Path storedFile(String tenant, String id, String part) {
        return s3Dir.resolve(bucket).resolve("tenants").resolve(tenant).resolve("documents").resolve(id).resolve(part);
    }

    /** Deletes this test's queues and exchanges: quorum queues left behind cost the broker memory and start-up time. */
    private void deleteTopology() {
        com.rabbitmq.client.ConnectionFactory factory = new com.rabbitmq.client.ConnectionFactory();
        try (com.rabbitmq.client.Connection c = factory.newConnection("test-cleanup");
             com.rabbitmq.client.Channel ch = c.createChannel()) {
            for (String prefix : new String[] {queuePrefix, queuePrefix + "-preview"}) {
                for (String suffix : new String[] {"work", "parked", "failed"}) ch.queueDelete(prefix + "." + suffix);
                for (int i = 0; i < 8; i++) ch.queueDelete(prefix + ".retry." + i);
                for (String suffix : new String[] {"work", "retry", "dead"}) ch.exchangeDelete(prefix + "." + suffix);
            }
        } catch (Exception e) {
            System.err.println("could not delete the test topology " + queuePrefix + ": " + e);
        }
    }

    @Override
    public void close() throws Exception {
        deleteTopology();
        s3.stop();
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
