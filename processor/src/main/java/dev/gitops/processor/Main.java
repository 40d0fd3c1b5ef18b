package dev.gitops.processor;

import dev.gitops.processor.config.ConfigException;
import dev.gitops.processor.config.ProcessorConfig;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Starts the processor from environment variables (see {@link ProcessorConfig}) and runs it until SIGTERM. */
public final class Main {
    private static final Logger LOG = LoggerFactory.getLogger(Main.class);

    private Main() {}

    public static void main(String[] args) throws Exception {
        ProcessorConfig config;
        try {
            config = ProcessorConfig.from(System.getenv());
            if (config.local().embeddedStorage()) {
                throw new ConfigException("PROCESSOR_S3_EMBEDDED_DIR is for local runs: start them with ./gitops processor");
            }
        } catch (ConfigException e) {
            exitOnConfigError(e);
            return;
        }
        run(config, () -> {});
    }

    /** Runs the processor until the JVM shuts down, then stops it and runs {@code afterStop}. */
    public static void run(ProcessorConfig config, Runnable afterStop) throws Exception {
        App app;
        try {
            app = new App(config).start();
        } catch (ConfigException e) {
            exitOnConfigError(e);
            return;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            app.close();
            afterStop.run();
            stopped.countDown();
        }, "shutdown"));
        stopped.await();
    }

    private static void exitOnConfigError(ConfigException e) {
        LOG.error("configuration error: {}", e.getMessage());
        System.err.println("processor: configuration error: " + e.getMessage());
        System.exit(2);
    }
}
