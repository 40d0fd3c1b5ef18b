package dev.gitops.processor.service;

import dev.gitops.processor.extract.Extractor;
import dev.gitops.processor.queue.Broker;
import dev.gitops.processor.queue.Subscription;
import dev.gitops.processor.queue.WorkDelivery;
import dev.gitops.processor.storage.DocumentStore;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Consumes the work queue (and the dead-letter feed that marks parked documents failed), running at most
 * {@code concurrency} documents at once on virtual threads. A delivery that fails unexpectedly goes back to
 * the queue, where the delivery limit eventually parks a document that keeps failing.
 */
public final class Worker implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Worker.class);
    private static final int FAILURE_PREFETCH = 4;

    private final Broker broker;
    private final DocumentProcessor processor;
    private final int concurrency;
    private final int prefetch;
    private final Duration shutdownGrace;
    private final ExecutorService tasks = Executors.newVirtualThreadPerTaskExecutor();
    private final Semaphore slots;
    private final AtomicInteger inFlight = new AtomicInteger();
    private final List<Subscription> subscriptions = new ArrayList<>();

    public Worker(Broker broker, DocumentStore store, Extractor extractor, Clock clock, int concurrency,
                  int prefetch, Duration shutdownGrace, int spoolMemoryBytes, MeterRegistry meters) {
        this.broker = broker;
        this.processor = new DocumentProcessor(broker, store, extractor, clock, spoolMemoryBytes, meters);
        this.concurrency = concurrency;
        this.prefetch = prefetch;
        this.shutdownGrace = shutdownGrace;
        this.slots = new Semaphore(concurrency);
        meters.gauge("documents.worker.in_flight", inFlight);
    }

    public synchronized void start() throws IOException {
        subscriptions.add(broker.consumeWork(prefetch, d -> dispatch(d, false)));
        subscriptions.add(broker.consumeFailures(FAILURE_PREFETCH, d -> dispatch(d, true)));
        LOG.info("worker consuming {} (concurrency {}, prefetch {})", broker.topology().workQueue(), concurrency, prefetch);
    }

    public int inFlight() {
        return inFlight.get();
    }

    private void dispatch(WorkDelivery delivery, boolean deadLetter) {
        inFlight.incrementAndGet();
        tasks.submit(() -> {
            try {
                slots.acquire();
                try {
                    if (deadLetter) processor.recordFailure(delivery);
                    else processor.process(delivery);
                } finally {
                    slots.release();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                delivery.requeue();
            } catch (Throwable t) {
                LOG.error("unexpected failure handling a delivery; returning it to the queue", t);
                delivery.requeue();
                if (t instanceof VirtualMachineError vme) throw vme;
            } finally {
                inFlight.decrementAndGet();
                MDC.clear();
            }
            return null;
        });
    }

    /** Stops taking work, lets in-flight documents finish within the grace period, then closes the channels. */
    public synchronized void stop() {
        subscriptions.forEach(Subscription::cancel);
        long deadline = System.nanoTime() + shutdownGrace.toNanos();
        while (inFlight.get() > 0 && System.nanoTime() < deadline) {
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        if (inFlight.get() > 0) LOG.warn("{} documents still in flight at shutdown; the broker will redeliver them", inFlight.get());
        subscriptions.forEach(Subscription::close);
        subscriptions.clear();
    }

    @Override
    public void close() {
        stop();
        tasks.shutdownNow();
    }
}
