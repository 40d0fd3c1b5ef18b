package dev.gitops.processor.queue;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import java.io.IOException;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentNavigableMap;
import java.util.concurrent.ConcurrentSkipListMap;

/**
 * A publishing channel in confirm mode that many publishers share: each publish gets a future completed by
 * the broker's confirm, which acknowledges many messages at once ({@code multiple}), so concurrent uploads
 * wait for one batched confirm instead of holding a channel each until their own arrives. A nack, or the
 * channel or its connection closing, fails the outstanding futures; the caller publishes again.
 */
final class ConfirmedChannel {
    private final Channel channel;
    private final ConcurrentNavigableMap<Long, CompletableFuture<Void>> outstanding = new ConcurrentSkipListMap<>();

    ConfirmedChannel(Channel channel) throws IOException {
        this.channel = channel;
        channel.confirmSelect();
        channel.addConfirmListener((tag, multiple) -> settle(tag, multiple, null),
                (tag, multiple) -> settle(tag, multiple, new IOException("the broker refused the message (nack)")));
        channel.addShutdownListener(cause -> failAll(new IOException("channel closed: " + cause.getMessage(), cause)));
    }

    Channel channel() {
        return channel;
    }

    boolean isOpen() {
        return channel.isOpen();
    }

    /** Publishes; the future completes when the broker has confirmed this message. */
    CompletableFuture<Void> publish(String exchange, String routingKey, AMQP.BasicProperties props, byte[] body)
            throws IOException {
        CompletableFuture<Void> confirmed = new CompletableFuture<>();
        // The sequence number and the publish must pair up: one publisher at a time on this channel.
        synchronized (this) {
            long seq = channel.getNextPublishSeqNo();
            outstanding.put(seq, confirmed);
            try {
                channel.basicPublish(exchange, routingKey, true, props, body);
            } catch (IOException | RuntimeException e) {
                outstanding.remove(seq);
                throw e;
            }
        }
        return confirmed;
    }

    /** Forgets a publish whose confirm the caller stopped waiting for. */
    void abandon(CompletableFuture<Void> confirmed) {
        outstanding.values().remove(confirmed);
    }

    private void settle(long tag, boolean multiple, IOException failure) {
        Map<Long, CompletableFuture<Void>> settled = multiple ? outstanding.headMap(tag, true)
                : outstanding.subMap(tag, true, tag, true);
        settled.values().forEach(f -> {
            if (failure == null) f.complete(null);
            else f.completeExceptionally(failure);
        });
        settled.clear();
    }

    private void failAll(IOException failure) {
        settle(Long.MAX_VALUE, true, failure);
    }
}
