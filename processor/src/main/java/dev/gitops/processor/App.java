package dev.gitops.processor;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.gitops.processor.api.HttpApi;
import dev.gitops.processor.config.ProcessorConfig;
import dev.gitops.processor.config.ReleaseRole;
import dev.gitops.processor.extract.Extractor;
import dev.gitops.processor.document.DocumentId;
import dev.gitops.processor.document.TenantId;
import dev.gitops.processor.management.Health;
import dev.gitops.processor.management.ManagementServer;
import dev.gitops.processor.queue.Broker;
import dev.gitops.processor.queue.Topology;
import dev.gitops.processor.service.DocumentService;
import dev.gitops.processor.service.ReleaseRoleWatcher;
import dev.gitops.processor.service.Worker;
import dev.gitops.processor.storage.DocumentStore;
import dev.gitops.processor.storage.S3Clients;
import dev.gitops.processor.storage.StorageUnavailableException;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.net.InetAddress;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One processor instance: the API, the worker, or both (configuration), plus the management port.
 * {@link #start()} brings the roles up in dependency order; {@link #close()} drains and stops them in
 * reverse: readiness down, wait for the load balancer, stop accepting requests, finish in-flight documents,
 * close the broker and storage connections.
 */
public final class App implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(App.class);

    private final ProcessorConfig config;
    private final Clock clock = Clock.systemUTC();
    private final PrometheusMeterRegistry meters = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final Health health = new Health(clock, Duration.ofSeconds(3));
    private S3Clients s3;
    private DocumentStore store;
    private Broker broker;
    private Extractor extractor;
    private ReleaseRoleWatcher role;
    private Worker worker;
    private HttpApi api;
    private ManagementServer management;
    private boolean closed;

    public App(ProcessorConfig config) {
        this.config = config;
    }

    public static ObjectMapper json() {
        return new ObjectMapper().registerModule(new JavaTimeModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
    }

    public App start() throws Exception {
        long t0 = System.nanoTime();
        new ClassLoaderMetrics().bindTo(meters);
        new JvmMemoryMetrics().bindTo(meters);
        new JvmGcMetrics().bindTo(meters);
        new JvmThreadMetrics().bindTo(meters);
        new ProcessorMetrics().bindTo(meters);
        new UptimeMetrics().bindTo(meters);

        management = new ManagementServer(config.http().host(), config.management().port(), health, meters);
        management.start();

        s3 = new S3Clients(config.storage());
        store = new DocumentStore(s3, config.storage().bucket(), config.storage().serverSideEncryption(),
                config.storage().serverSideEncryptionKmsKeyId(), json(), config.http().spoolMemoryBytes());
        if (config.storage().createBucket()) {
            try {
                store.createBucketIfMissing();
            } catch (StorageUnavailableException e) {
                LOG.warn("cannot check the bucket at start ({}); readiness reports storage until it answers", e.getMessage());
            }
        }
        health.check("storage", store::ping);
        warmUpStorage();

        role = new ReleaseRoleWatcher(config.release());
        for (ReleaseRole r : ReleaseRole.values()) {
            Gauge.builder("processor.release.role", role, w -> w.current() == r ? 1 : 0).tag("role", r.wire())
                    .description("1 for the blue-green role this pod has now (preview pods use their own queues)")
                    .register(meters);
        }
        broker = new Broker(config.queue(), meters,
                "processor-" + config.mode().name().toLowerCase() + "@" + InetAddress.getLocalHost().getHostName());
        health.check("broker", () -> {
            if (!broker.isOpen()) throw new IllegalStateException("connection to RabbitMQ is not open");
        });
        Topology topology = broker.topology();
        Topology preview = broker.topology(ReleaseRole.PREVIEW);
        for (String q : List.of(topology.workQueue(), topology.parkedQueue(), preview.workQueue(), preview.parkedQueue())) {
            Gauge.builder("documents.queue.depth", broker, b -> b.depth(q)).tag("queue", q)
                    .description("Messages ready in the queue (-1: broker unreachable)").register(meters);
        }

        if (config.mode().runsWorker()) {
            extractor = new Extractor(config.extraction(), config.worker().concurrency());
            extractor.warmUp();
            worker = new Worker(broker, store, extractor, clock, config.worker().concurrency(),
                    config.worker().prefetch(), config.worker().shutdownGrace(), config.release().poll(),
                    config.http().spoolMemoryBytes(), meters);
            worker.start(role.current());
            role.onChange(worker::switchTo);
        }
        if (config.mode().runsApi()) {
            DocumentService documents = new DocumentService(store, broker, role::current, clock, meters,
                    config.http().maxUploadBytes(), config.http().spoolMemoryBytes());
            api = new HttpApi(config.http(), documents, json(), health::draining);
            api.start();
        }
        role.start();
        health.markStarted();
        LOG.info("processor started in {} ms: mode={} role={} api={} management={}", (System.nanoTime() - t0) / 1_000_000,
                config.mode().name().toLowerCase(), role.current().wire(), api == null ? "-" : api.port(), management.port());
        return this;
    }

    /** One round trip through each S3 client, so the first request does not pay for connection set-up. */
    private void warmUpStorage() {
        try {
            store.ping();
            store.getRecord(new TenantId("warm-up"), DocumentId.generate(clock, new SecureRandom()));
        } catch (RuntimeException e) {
            LOG.warn("storage warm-up failed: {}", e.getMessage());
        }
    }

    public int apiPort() {
        return api.port();
    }

    public int managementPort() {
        return management.port();
    }

    public DocumentStore store() {
        return store;
    }

    public Broker broker() {
        return broker;
    }

    /** The worker, when this instance runs one. */
    public Worker worker() {
        return worker;
    }

    public ReleaseRole role() {
        return role.current();
    }

    public PrometheusMeterRegistry meters() {
        return meters;
    }

    public Health health() {
        return health;
    }

    @Override
    public synchronized void close() {
        if (closed) return;
        closed = true;
        LOG.info("shutting down: draining");
        health.markDraining();
        if (api != null && !config.http().drainDelay().isZero()) {
            try {
                Thread.sleep(config.http().drainDelay().toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (role != null) role.close();
        if (api != null) api.close();
        if (worker != null) worker.close();
        if (extractor != null) extractor.close();
        if (broker != null) broker.close();
        if (store != null) store.close();
        if (s3 != null) s3.close();
        if (management != null) management.close();
        LOG.info("stopped");
    }
}
