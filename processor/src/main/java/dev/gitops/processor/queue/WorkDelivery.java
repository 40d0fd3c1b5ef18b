package dev.gitops.processor.queue;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Envelope;
import dev.gitops.processor.config.ReleaseRole;
import dev.gitops.processor.document.Failure;
import java.io.IOException;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One work message as the queue hands it to a consumer, to be settled exactly once: {@link #ack()} when it
 * is handled, {@link #requeue()} to have it delivered again (counted against the delivery limit), or
 * {@link #reject()} to dead-letter it. A settlement that cannot reach the broker is logged: the broker then
 * redelivers the message, and consumers are idempotent.
 */
public final class WorkDelivery {
    private static final Logger LOG = LoggerFactory.getLogger(WorkDelivery.class);

    private final ReleaseRole role;
    private final Channel channel;
    private final Envelope envelope;
    private final AMQP.BasicProperties properties;
    private final byte[] body;

    WorkDelivery(ReleaseRole role, Channel channel, Envelope envelope, AMQP.BasicProperties properties, byte[] body) {
        this.role = role;
        this.channel = channel;
        this.envelope = envelope;
        this.properties = properties;
        this.body = body;
    }

    /** The release role whose queue delivered this message: retries and dead letters stay in that topology. */
    public ReleaseRole role() {
        return role;
    }

    /** The document this delivery is about; empty when the message is malformed. */
    public Optional<WorkMessage> message() {
        return WorkMessage.parse(body);
    }

    public String messageId() {
        return String.valueOf(properties.getMessageId());
    }

    /** 1 for the first delivery, counting the redeliveries the broker made after a requeue or a crash. */
    public long deliveryCount() {
        Object v = header("x-delivery-count");
        return v instanceof Number n ? n.longValue() + 1 : 1;
    }

    /** How many back-off retries this message went through. */
    public int retryCount() {
        Object v = header("x-retry");
        return v instanceof Number n ? n.intValue() : 0;
    }

    /** When the message was first published, unless it is a redelivery (whose wait would mislead). */
    public Optional<Instant> firstPublishedAt() {
        if (envelope.isRedeliver() || properties.getTimestamp() == null) return Optional.empty();
        return Optional.of(properties.getTimestamp().toInstant());
    }

    /** The failure a worker attached when it dead-lettered the message itself, if it did. */
    public Optional<Failure> attachedFailure() {
        Object reason = header(Broker.FAILURE_HEADER);
        return reason == null ? Optional.empty()
                : Optional.of(new Failure(String.valueOf(reason), String.valueOf(header(Broker.FAILURE_DETAIL_HEADER))));
    }

    private Object header(String name) {
        Map<String, Object> headers = properties.getHeaders();
        return headers == null ? null : headers.get(name);
    }

    public void ack() {
        try {
            channel.basicAck(envelope.getDeliveryTag(), false);
        } catch (IOException | RuntimeException e) {
            LOG.warn("ack failed ({}); the broker will redeliver and the duplicate will be ignored", e.toString());
        }
    }

    public void requeue() {
        try {
            channel.basicNack(envelope.getDeliveryTag(), false, true);
        } catch (IOException | RuntimeException e) {
            LOG.warn("nack failed ({}); the broker will redeliver", e.toString());
        }
    }

    public void reject() {
        try {
            channel.basicReject(envelope.getDeliveryTag(), false);
        } catch (IOException | RuntimeException e) {
            LOG.warn("reject failed: {}", e.toString());
        }
    }
}
