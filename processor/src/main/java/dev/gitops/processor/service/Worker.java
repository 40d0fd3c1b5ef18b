package dev.gitops.processor.service;

import dev.gitops.processor.config.ReleaseRole;
import dev.gitops.processor.extract.Extractor;
import dev.gitops.processor.queue.Broker;
import dev.gitops.processor.queue.Subscription;
import dev.gitops.processor.queue.WorkDelivery;
import dev.gitops.processor.storage.DocumentStore;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Consumes the work queue of the pod's release role (and the dead-letter feed that marks parked documents
 * failed) on virtual threads: up to the consumer prefetch in flight, at most {@code concurrency} of them in
 * extraction while the others wait on storage. A delivery that fails
 * unexpectedly goes back to the queue, where the delivery limit eventually parks a document that keeps
 * failing.
 *
 * <p>On promotion (preview → active) the worker subscribes to the live queues at once and keeps consuming
 * the preview queues until nothing is left in them, so documents uploaded through the preview are not lost;
 * then it leaves them, so the next preview version has them to itself. A pod that stops being active leaves
 * the live queues at once.
 */
public final class Worker implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Worker.class);
    private static final int FAILURE_PREFETCH = 4;

    private final Broker broker;
    private final DocumentProcessor processor;
    private final int concurrency;
    private final int prefetch;
    private final Duration shutdownGrace;
    private final Duration drainPoll;
    private final ExecutorService tasks = Executors.newVirtualThreadPerTaskExecutor();
    private final AtomicInteger inFlight = new AtomicInteger();
    private final Map<ReleaseRole, AtomicInteger> inFlightByRole = new EnumMap<>(ReleaseRole.class);
    private final Map<ReleaseRole, List<Subscription>> lanes = new EnumMap<>(ReleaseRole.class);
    private ReleaseRole role;
    private boolean stopped;

    public Worker(Broker broker, DocumentStore store, Extractor extractor, Clock clock, int concurrency,
                  int prefetch, Duration shutdownGrace, Duration drainPoll, int spoolMemoryBytes, MeterRegistry meters) {
        this.broker = broker;
        this.processor = new DocumentProcessor(broker, store, extractor, clock, spoolMemoryBytes, meters, concurrency);
        this.concurrency = concurrency;
        this.prefetch = prefetch;
        this.shutdownGrace = shutdownGrace;
        this.drainPoll = drainPoll;
        for (ReleaseRole r : ReleaseRole.values()) inFlightByRole.put(r, new AtomicInteger());
        meters.gauge("documents.worker.in_flight", inFlight);
    }

    public synchronized void start(ReleaseRole initial) throws IOException {
        role = initial;
        subscribe(initial);
    }

    /** The queues this worker currently consumes, by role (for operators and tests). */
    public synchronized Map<ReleaseRole, List<String>> consuming() {
        Map<ReleaseRole, List<String>> out = new EnumMap<>(ReleaseRole.class);
        lanes.forEach((r, subs) -> out.put(r, subs.stream().map(Subscription::queue).toList()));
        return out;
    }

    /** Follows a change of the pod's release role (see the class comment). */
    public synchronized void switchTo(ReleaseRole next) {
        if (stopped || next == role) return;
        ReleaseRole previous = role;
        role = next;
        try {
            if (!lanes.containsKey(next)) subscribe(next);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot consume the " + next.wire() + " queues", e);
        }
        if (previous == ReleaseRole.PREVIEW) {
            Thread.ofVirtual().name("drain-" + previous.wire()).start(() -> drain(previous));
        } else {
            retire(previous);
        }
    }

    private void subscribe(ReleaseRole r) throws IOException {
        lanes.put(r, List.of(
                broker.consumeWork(r, prefetch, d -> dispatch(d, false)),
                broker.consumeFailures(r, FAILURE_PREFETCH, d -> dispatch(d, true))));
        LOG.info("worker consuming {} (role {}, concurrency {}, prefetch {})", broker.topology(r).workQueue(),
                r.wire(), concurrency, prefetch);
    }

    /** Keeps consuming a former role's queues until they are empty, then leaves them. */
    private void drain(ReleaseRole former) {
        while (true) {
            synchronized (this) {
                if (stopped || role == former || !lanes.containsKey(former)) return;
                if (broker.pending(former) == 0 && inFlightByRole.get(former).get() == 0) {
                    retire(former);
                    if (broker.pending(former) == 0) {
                        LOG.info("the {} queues are drained; no longer consuming them", former.wire());
                        return;
                    }
                    try { // a delivery went back to the queue as it was left: take it up again
                        subscribe(former);
                    } catch (IOException e) {
                        LOG.warn("cannot resume draining the {} queues: {}", former.wire(), e.toString());
                    }
                }
            }
            try {
                Thread.sleep(drainPoll.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** Stops a role's consumers, lets its in-flight documents finish, then closes their channels. */
    private void retire(ReleaseRole r) {
        List<Subscription> subs = lanes.remove(r);
        if (subs == null) return;
        subs.forEach(Subscription::cancel);
        awaitIdle(inFlightByRole.get(r));
        subs.forEach(Subscription::close);
    }

    private void awaitIdle(AtomicInteger counter) {
        long deadline = System.nanoTime() + shutdownGrace.toNanos();
        while (counter.get() > 0 && System.nanoTime() < deadline) {
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
    }

    public int inFlight() {
        return inFlight.get();
    }

    private void dispatch(WorkDelivery delivery, boolean deadLetter) {
        AtomicInteger lane = inFlightByRole.get(delivery.role());
        inFlight.incrementAndGet();
        lane.incrementAndGet();
        tasks.submit(() -> {
            try {
                if (deadLetter) processor.recordFailure(delivery);
                else processor.process(delivery);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                delivery.requeue();
            } catch (Throwable t) {
                LOG.error("unexpected failure handling a delivery; returning it to the queue", t);
                delivery.requeue();
                if (t instanceof VirtualMachineError vme) throw vme;
            } finally {
                lane.decrementAndGet();
                inFlight.decrementAndGet();
                MDC.clear();
            }
            return null;
        });
    }

    /** Stops taking work, lets in-flight documents finish within the grace period, then closes the channels. */
    public synchronized void stop() {
        stopped = true;
        lanes.values().forEach(subs -> subs.forEach(Subscription::cancel));
        awaitIdle(inFlight);
        if (inFlight.get() > 0) LOG.warn("{} documents still in flight at shutdown; the broker will redeliver them", inFlight.get());
        lanes.values().forEach(subs -> subs.forEach(Subscription::close));
        lanes.clear();
    }

    @Override
    public void close() {
        stop();
        tasks.shutdownNow();
    }
}
