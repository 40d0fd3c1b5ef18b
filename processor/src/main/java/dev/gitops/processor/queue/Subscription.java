package dev.gitops.processor.queue;

import com.rabbitmq.client.Channel;
import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A consumer registered on one queue. {@link #cancel()} stops new deliveries while those already received
 * can still be settled; {@link #close()} closes the channel, and the broker redelivers anything unsettled.
 */
public final class Subscription implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Subscription.class);

    private final Channel channel;
    private final String queue;
    private final String tag;

    Subscription(Channel channel, String queue, String tag) {
        this.channel = channel;
        this.queue = queue;
        this.tag = tag;
    }

    public String queue() {
        return queue;
    }

    public void cancel() {
        try {
            if (channel.isOpen()) channel.basicCancel(tag);
        } catch (IOException | RuntimeException e) {
            LOG.debug("cancel {}: {}", queue, e.toString());
        }
    }

    @Override
    public void close() {
        try {
            if (channel.isOpen()) channel.close();
        } catch (Exception e) {
            LOG.debug("close {}: {}", queue, e.toString());
        }
    }
}
