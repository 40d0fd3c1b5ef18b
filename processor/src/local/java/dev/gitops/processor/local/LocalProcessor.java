package dev.gitops.processor.local;

import dev.gitops.processor.Main;
import dev.gitops.processor.config.ConfigException;
import dev.gitops.processor.config.ProcessorConfig;
import dev.gitops.processor.storage.KeyMaterial;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The processor as {@code ./gitops processor} runs it: like {@link Main}, plus an S3-compatible store in
 * this process on {@code PROCESSOR_S3_EMBEDDED_DIR/s3} (see {@link ProcessorConfig.Local}) and a wrapping
 * key generated once beside it.
 */
public final class LocalProcessor {
    private static final Logger LOG = LoggerFactory.getLogger(LocalProcessor.class);
    private static final String HOST = "127.0.0.1";

    private LocalProcessor() {}

    public static void main(String[] args) throws Exception {
        ProcessorConfig config;
        try {
            config = ProcessorConfig.from(System.getenv());
        } catch (ConfigException e) {
            System.err.println("processor: configuration error: " + e.getMessage());
            System.exit(2);
            return;
        }
        Path dir = config.local().dataDir().orElse(null);
        if (dir == null) {
            Main.run(config, () -> {});
            return;
        }
        EmbeddedS3 s3 = new EmbeddedS3("filesystem", dir.resolve("s3")).start(HOST, config.local().s3Port());
        Path key = config.storage().keyFile().orElseThrow();
        KeyMaterial.createIfAbsent(key);
        LOG.info("embedded S3 store on {} (data in {}, key {})", s3.endpoint(HOST), dir, key);
        ProcessorConfig local = config.withStorage(
                config.storage().atEndpoint(s3.endpoint(HOST), EmbeddedS3.ACCESS_KEY, EmbeddedS3.SECRET_KEY));
        Main.run(local, () -> {
            try {
                s3.stop();
            } catch (Exception e) {
                LOG.debug("embedded S3 stop: {}", e.toString());
            }
        });
    }
}
