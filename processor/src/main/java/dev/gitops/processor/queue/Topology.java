package dev.gitops.processor.queue;

import com.rabbitmq.client.BuiltinExchangeType;
import com.rabbitmq.client.Channel;
import dev.gitops.processor.config.ProcessorConfig;
import dev.gitops.processor.config.ReleaseRole;
import java.io.IOException;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The queues and exchanges, declared at start (declarations are idempotent). Names share a prefix:
 * <pre>
 *   {p}.work   exchange (direct) → queue {p}.work    quorum, delivery limit, at-least-once dead-lettering to {p}.dead
 *   {p}.retry  exchange (direct) → queues {p}.retry.N quorum, message TTL = the N-th back-off, dead-letter back to {p}.work
 *   {p}.dead   exchange (fanout) → queue {p}.parked  kept for operators (inspect, shovel back)
 *                                 → queue {p}.failed  read by workers to record the failure on the document
 * </pre>
 */
public record Topology(String prefix, int deliveryLimit, List<Duration> retryDelays, long maxLength) {
    public static final String ROUTING_KEY = "process";

    public static Topology of(ProcessorConfig.Queue config) {
        return of(config, ReleaseRole.ACTIVE);
    }

    /** The queues of one release role: preview pods get a topology of their own, under another prefix. */
    public static Topology of(ProcessorConfig.Queue config, ReleaseRole role) {
        return new Topology(config.prefix(role), config.deliveryLimit(), config.retryDelays(), config.maxLength());
    }

    /** The queues a message can wait in before a worker settles it (parked messages excluded). */
    public List<String> pendingQueues() {
        List<String> queues = new java.util.ArrayList<>(List.of(workQueue(), failedQueue()));
        for (int i = 0; i < retryDelays.size(); i++) queues.add(retryQueue(i));
        return queues;
    }

    public String workExchange() { return prefix + ".work"; }
    public String workQueue() { return prefix + ".work"; }
    public String retryExchange() { return prefix + ".retry"; }
    public String retryQueue(int attempt) { return prefix + ".retry." + attempt; }
    public String retryRoutingKey(int attempt) { return "retry." + attempt; }
    public String deadExchange() { return prefix + ".dead"; }
    public String parkedQueue() { return prefix + ".parked"; }
    public String failedQueue() { return prefix + ".failed"; }

    void declare(Channel ch) throws IOException {
        ch.exchangeDeclare(workExchange(), BuiltinExchangeType.DIRECT, true);
        ch.exchangeDeclare(retryExchange(), BuiltinExchangeType.DIRECT, true);
        ch.exchangeDeclare(deadExchange(), BuiltinExchangeType.FANOUT, true);

        Map<String, Object> work = quorum();
        work.put("x-delivery-limit", deliveryLimit);
        work.put("x-dead-letter-exchange", deadExchange());
        work.put("x-dead-letter-strategy", "at-least-once");
        work.put("x-overflow", "reject-publish");
        work.put("x-max-length", number(maxLength));
        ch.queueDeclare(workQueue(), true, false, false, work);
        ch.queueBind(workQueue(), workExchange(), ROUTING_KEY);

        for (int i = 0; i < retryDelays.size(); i++) {
            Map<String, Object> retry = quorum();
            retry.put("x-message-ttl", number(retryDelays.get(i).toMillis()));
            retry.put("x-dead-letter-exchange", workExchange());
            retry.put("x-dead-letter-routing-key", ROUTING_KEY);
            retry.put("x-dead-letter-strategy", "at-least-once");
            retry.put("x-overflow", "reject-publish");
            retry.put("x-max-length", number(maxLength));
            ch.queueDeclare(retryQueue(i), true, false, false, retry);
            ch.queueBind(retryQueue(i), retryExchange(), retryRoutingKey(i));
        }

        Map<String, Object> parked = quorum();
        parked.put("x-max-length", number(maxLength));
        ch.queueDeclare(parkedQueue(), true, false, false, parked);
        ch.queueBind(parkedQueue(), deadExchange(), "");
        ch.queueDeclare(failedQueue(), true, false, false, quorum());
        ch.queueBind(failedQueue(), deadExchange(), "");
    }

    /** Arguments as the smallest AMQP integer type, as the RabbitMQ topology operator declares them. */
    private static Object number(long value) {
        return value <= Integer.MAX_VALUE ? (Object) (int) value : (Object) value;
    }

    private static Map<String, Object> quorum() {
        Map<String, Object> args = new HashMap<>();
        args.put("x-queue-type", "quorum");
        return args;
    }
}
