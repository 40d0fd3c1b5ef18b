package dev.gitops.processor;

import dev.gitops.processor.config.ConfigException;
import dev.gitops.processor.config.ProcessorConfig;
import dev.gitops.processor.local.EmbeddedS3;
import dev.gitops.processor.storage.KeyMaterial;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts the processor from environment variables (see {@link ProcessorConfig}). With
 * {@code PROCESSOR_S3_EMBEDDED_DIR} set, an S3-compatible store is started in this process on that folder,
 * for local runs.
 */
public final class Main {
    private static final Logger LOG = LoggerFactory.getLogger(Main.class);

    private Main() {}

    public static void main(String[] args) throws Exception {
        Map<String, String> env = new HashMap<>(System.getenv());
        EmbeddedS3 embedded = null;
        try {
            String dir = env.get("PROCESSOR_S3_EMBEDDED_DIR");
            if (dir != null && !dir.isBlank()) {
                int port = Integer.parseInt(env.getOrDefault("PROCESSOR_S3_EMBEDDED_PORT", "0"));
                embedded = new EmbeddedS3("filesystem", Path.of(dir).resolve("s3")).start("127.0.0.1", port);
                env.put("PROCESSOR_S3_ENDPOINT", embedded.endpoint("127.0.0.1").toString());
                env.put("PROCESSOR_S3_PATH_STYLE", "true");
                env.put("PROCESSOR_S3_ACCESS_KEY", EmbeddedS3.ACCESS_KEY);
                env.put("PROCESSOR_S3_SECRET_KEY", EmbeddedS3.SECRET_KEY);
                env.putIfAbsent("PROCESSOR_S3_BUCKET", "documents");
                env.put("PROCESSOR_S3_CREATE_BUCKET", "true");
                Path key = Path.of(env.getOrDefault("PROCESSOR_KEY_FILE", Path.of(dir, "document-key").toString()));
                KeyMaterial.createIfAbsent(key);
                env.put("PROCESSOR_KEY_FILE", key.toString());
                LOG.info("embedded S3 store on {} (data in {})", embedded.endpoint("127.0.0.1"), dir);
            }
            ProcessorConfig config = ProcessorConfig.from(env);
            int managementPort = Integer.parseInt(env.getOrDefault("PROCESSOR_MANAGEMENT_PORT", "9090"));
            App app = new App(config, managementPort).start();
            CountDownLatch stopped = new CountDownLatch(1);
            EmbeddedS3 local = embedded;
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                app.close();
                if (local != null) {
                    try {
                        local.stop();
                    } catch (Exception e) {
                        LOG.debug("embedded S3 stop: {}", e.toString());
                    }
                }
                stopped.countDown();
            }, "shutdown"));
            stopped.await();
        } catch (ConfigException e) {
            LOG.error("configuration error: {}", e.getMessage());
            System.err.println("processor: configuration error: " + e.getMessage());
            System.exit(2);
        }
    }
}
