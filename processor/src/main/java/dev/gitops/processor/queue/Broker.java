package dev.gitops.processor.queue;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.DefaultConsumer;
import com.rabbitmq.client.Envelope;
import com.rabbitmq.client.MessageProperties;
import com.rabbitmq.client.impl.MicrometerMetricsCollector;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import dev.gitops.processor.config.ProcessorConfig;
import dev.gitops.processor.config.ReleaseRole;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReferenceArray;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Connections to RabbitMQ (one for publishing, one for consuming, as the client guide advises) with
 * automatic recovery, and confirmed publishing: every publish is {@code mandatory}, persistent and waits for
 * the broker's confirm (confirms arrive in batches over a few shared channels), retrying through connection
 * recovery until a deadline.
 */
public final class Broker implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Broker.class);
    /** Publishing channels, shared round-robin by all publishers; their confirms arrive in batches. */
    private static final int PUBLISH_CHANNELS = 4;
    static final String FAILURE_HEADER = "x-processor-failure";
    static final String FAILURE_DETAIL_HEADER = "x-processor-detail";

    private final Map<ReleaseRole, Topology> topologies = new EnumMap<>(ReleaseRole.class);
    private final Duration confirmTimeout;
    private final Connection publishing;
    private final Connection consuming;
    private final AtomicReferenceArray<ConfirmedChannel> channels = new AtomicReferenceArray<>(PUBLISH_CHANNELS);
    private final AtomicInteger nextChannel = new AtomicInteger();
    private final Set<String> returned = ConcurrentHashMap.newKeySet();
    private final Timer confirmLatency;
    private final MeterRegistry meters;

    /** Connects and declares the topology of both release roles (declarations are idempotent). */
    public Broker(ProcessorConfig.Queue config, MeterRegistry meters, String name) throws IOException, TimeoutException {
        URI uri = config.uri();
        for (ReleaseRole role : ReleaseRole.values()) topologies.put(role, Topology.of(config, role));
        this.confirmTimeout = config.confirmTimeout();
        this.meters = meters;
        ConnectionFactory factory = new ConnectionFactory();
        try {
            factory.setUri(uri);
        } catch (Exception e) {
            throw new IllegalArgumentException("PROCESSOR_AMQP_URI is not an AMQP URI: " + e.getMessage(), e);
        }
        factory.setAutomaticRecoveryEnabled(true);
        factory.setTopologyRecoveryEnabled(true);
        factory.setNetworkRecoveryInterval(500);
        factory.setRequestedHeartbeat(15);
        factory.setConnectionTimeout(5000);
        factory.setMetricsCollector(new MicrometerMetricsCollector(meters, "rabbitmq"));
        this.publishing = factory.newConnection(name + "-publish");
        this.consuming = factory.newConnection(name + "-consume");
        try (Channel ch = publishing.createChannel()) {
            for (Topology topology : topologies.values()) topology.declare(ch);
        }
        for (int i = 0; i < PUBLISH_CHANNELS; i++) channels.set(i, newPublishChannel());
        this.confirmLatency = Timer.builder("documents.publish.confirm")
                .description("Time from publish to the broker's confirm")
                .publishPercentiles(0.5, 0.99).register(meters);
    }

    private ConfirmedChannel newPublishChannel() throws IOException {
        Channel ch = publishing.createChannel();
        ch.addReturnListener(r -> {
            if (r.getProperties().getMessageId() != null) returned.add(r.getProperties().getMessageId());
            LOG.error("message returned unroutable: exchange={} routingKey={} reply={}",
                    r.getExchange(), r.getRoutingKey(), r.getReplyText());
        });
        return new ConfirmedChannel(ch);
    }

    /** The live topology (active role). */
    public Topology topology() {
        return topology(ReleaseRole.ACTIVE);
    }

    public Topology topology(ReleaseRole role) {
        return topologies.get(role);
    }

    /** Delivers a role's work queue to {@code handler}, at most {@code prefetch} unsettled at once. */
    public Subscription consumeWork(ReleaseRole role, int prefetch, WorkHandler handler) throws IOException {
        return consume(role, topology(role).workQueue(), prefetch, "worker-" + role.wire(), handler);
    }

    /** Delivers a role's dead-lettered messages, so their documents can be marked failed. */
    public Subscription consumeFailures(ReleaseRole role, int prefetch, WorkHandler handler) throws IOException {
        return consume(role, topology(role).failedQueue(), prefetch, "failure-recorder-" + role.wire(), handler);
    }

    /** Messages of a role still waiting for a worker (work, retry and failure queues); -1 when unknown. */
    public long pending(ReleaseRole role) {
        long total = 0;
        for (String queue : topology(role).pendingQueues()) {
            long depth = depth(queue);
            if (depth < 0) return -1;
            total += depth;
        }
        return total;
    }

    private Subscription consume(ReleaseRole role, String queue, int prefetch, String tag, WorkHandler handler)
            throws IOException {
        Channel ch = consuming.createChannel();
        ch.basicQos(prefetch, false);
        String consumerTag = ch.basicConsume(queue, false, tag, new DefaultConsumer(ch) {
            @Override
            public void handleDelivery(String t, Envelope envelope, AMQP.BasicProperties props, byte[] body) {
                handler.handle(new WorkDelivery(role, ch, envelope, props, body));
            }
        });
        return new Subscription(ch, queue, consumerTag);
    }

    public boolean isOpen() {
        return publishing.isOpen() && consuming.isOpen();
    }

    /** Publishes a new work message for a stored document to the live queue. */
    public void publishWork(WorkMessage message) throws PublishException, InterruptedException {
        publishWork(message, ReleaseRole.ACTIVE);
    }

    /** Publishes a new work message to the queue of a release role. */
    public void publishWork(WorkMessage message, ReleaseRole role) throws PublishException, InterruptedException {
        Topology topology = topology(role);
        publish(topology.workExchange(), Topology.ROUTING_KEY, message, Map.of());
    }

    /** Publishes a message to the {@code attempt}-th back-off queue of the role it came from. */
    public void publishRetry(WorkMessage message, int attempt, ReleaseRole role) throws PublishException, InterruptedException {
        Topology topology = topology(role);
        publish(topology.retryExchange(), topology.retryRoutingKey(attempt), message, Map.of("x-retry", attempt + 1));
    }

    /** Sends a message straight to the role's dead-letter exchange, with the reason it cannot be processed. */
    public void publishDead(WorkMessage message, String reason, String detail, ReleaseRole role)
            throws PublishException, InterruptedException {
        publish(topology(role).deadExchange(), "", message, Map.of(FAILURE_HEADER, reason, FAILURE_DETAIL_HEADER, detail));
    }

    private void publish(String exchange, String routingKey, WorkMessage message, Map<String, Object> headers)
            throws PublishException, InterruptedException {
        Map<String, Object> h = new HashMap<>(headers);
        AMQP.BasicProperties props = MessageProperties.PERSISTENT_BASIC.builder()
                .contentType("application/json")
                .messageId(message.documentId().value())
                .timestamp(new java.util.Date())
                .type("document.process")
                .headers(h)
                .build();
        long deadline = System.nanoTime() + confirmTimeout.toNanos();
        byte[] body = message.toBytes();
        String id = message.documentId().value();
        Exception last = null;
        while (System.nanoTime() < deadline) {
            int slot = Math.floorMod(nextChannel.getAndIncrement(), PUBLISH_CHANNELS);
            ConfirmedChannel ch = channels.get(slot);
            CompletableFuture<Void> confirmed = null;
            try {
                long start = System.nanoTime();
                returned.remove(id);
                confirmed = ch.publish(exchange, routingKey, props, body);
                confirmed.get(Math.max(1, (deadline - System.nanoTime()) / 1_000_000), TimeUnit.MILLISECONDS);
                confirmLatency.record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
                if (returned.remove(id)) {
                    throw new PublishException("message for " + message.documentId() + " was unroutable", null);
                }
                return;
            } catch (IOException | TimeoutException | ExecutionException | RuntimeException e) {
                last = e;
                meters.counter("documents.publish.failures").increment();
                if (confirmed != null) ch.abandon(confirmed);
                // A channel closed by an error is not recovered: replace it (after a connection loss,
                // recovery brings it back with the connection).
                if (!ch.isOpen()) replace(slot, ch);
                Thread.sleep(100);
            }
        }
        throw new PublishException("broker did not confirm within " + confirmTimeout.toMillis() + " ms", last);
    }

    private void replace(int slot, ConfirmedChannel old) {
        try {
            if (publishing.isOpen()) channels.compareAndSet(slot, old, newPublishChannel());
        } catch (IOException | RuntimeException e) {
            LOG.debug("cannot open a publishing channel yet: {}", e.toString());
        }
    }

    /** Messages ready in a queue, or -1 when the broker cannot be asked. */
    public long depth(String queue) {
        try (Channel ch = consuming.createChannel()) {
            return ch.queueDeclarePassive(queue).getMessageCount();
        } catch (Exception e) {
            return -1;
        }
    }

    @Override
    public void close() {
        for (Connection c : new Connection[] {publishing, consuming}) {
            try {
                if (c.isOpen()) c.close(5000);
            } catch (Exception e) {
                LOG.debug("closing connection: {}", e.toString());
            }
        }
    }

    /** The broker did not accept a message. */
    public static final class PublishException extends Exception {
        public PublishException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
