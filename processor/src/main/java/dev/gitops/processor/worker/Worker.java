package dev.gitops.processor.worker;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.DefaultConsumer;
import com.rabbitmq.client.Envelope;
import dev.gitops.processor.document.DocumentRecord;
import dev.gitops.processor.document.Failure;
import dev.gitops.processor.extract.Extraction;
import dev.gitops.processor.extract.ExtractionTimeoutException;
import dev.gitops.processor.extract.Extractor;
import dev.gitops.processor.queue.Broker;
import dev.gitops.processor.queue.WorkMessage;
import dev.gitops.processor.storage.DocumentStore;
import dev.gitops.processor.storage.IntegrityException;
import dev.gitops.processor.storage.Spool;
import dev.gitops.processor.storage.StorageUnavailableException;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Consumes work messages and turns stored documents into text and metadata.
 *
 * <p>Delivery is at-least-once, so handling is idempotent: a document whose record is already final is
 * acknowledged untouched, the text is written at most once (conditional put), and a redelivered document
 * is finished exactly as the first attempt would have finished it.
 *
 * <p>Outcomes: done or failed (ack); storage unavailable (re-published to the next back-off queue, then
 * parked when the back-offs are used up); time-out or unexpected error (returned to the queue, where the
 * delivery limit parks a document that keeps failing).
 */
public final class Worker implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Worker.class);

    private final Broker broker;
    private final DocumentStore store;
    private final Extractor extractor;
    private final Clock clock;
    private final int concurrency;
    private final int prefetch;
    private final Duration shutdownGrace;
    private final int spoolMemoryBytes;
    private final MeterRegistry meters;
    private final ExecutorService tasks = Executors.newVirtualThreadPerTaskExecutor();
    private final Semaphore slots;
    private final AtomicInteger inFlight = new AtomicInteger();
    private Channel workChannel;
    private Channel failedChannel;
    private String workTag;
    private String failedTag;

    public Worker(Broker broker, DocumentStore store, Extractor extractor, Clock clock, int concurrency,
                  int prefetch, Duration shutdownGrace, int spoolMemoryBytes, MeterRegistry meters) {
        this.broker = broker;
        this.store = store;
        this.extractor = extractor;
        this.clock = clock;
        this.concurrency = concurrency;
        this.prefetch = prefetch;
        this.shutdownGrace = shutdownGrace;
        this.spoolMemoryBytes = spoolMemoryBytes;
        this.meters = meters;
        this.slots = new Semaphore(concurrency);
        meters.gauge("documents.worker.in_flight", inFlight);
    }

    public void start() throws IOException {
        workChannel = broker.consumingConnection().createChannel();
        workChannel.basicQos(prefetch, false);
        workTag = workChannel.basicConsume(broker.topology().workQueue(), false, "worker", new DefaultConsumer(workChannel) {
            @Override
            public void handleDelivery(String tag, Envelope envelope, AMQP.BasicProperties props, byte[] body) {
                dispatch(workChannel, envelope, props, body, false);
            }
        });
        failedChannel = broker.consumingConnection().createChannel();
        failedChannel.basicQos(4, false);
        failedTag = failedChannel.basicConsume(broker.topology().failedQueue(), false, "failure-recorder",
                new DefaultConsumer(failedChannel) {
                    @Override
                    public void handleDelivery(String tag, Envelope envelope, AMQP.BasicProperties props, byte[] body) {
                        dispatch(failedChannel, envelope, props, body, true);
                    }
                });
        LOG.info("worker consuming {} (concurrency {}, prefetch {})", broker.topology().workQueue(), concurrency, prefetch);
    }

    public int inFlight() {
        return inFlight.get();
    }

    private void dispatch(Channel ch, Envelope envelope, AMQP.BasicProperties props, byte[] body, boolean deadLetter) {
        inFlight.incrementAndGet();
        tasks.submit(() -> {
            try {
                slots.acquire();
                try {
                    if (deadLetter) recordFailure(ch, envelope, props, body);
                    else process(ch, envelope, props, body);
                } finally {
                    slots.release();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                nack(ch, envelope, true);
            } catch (Throwable t) {
                LOG.error("unexpected failure handling a delivery; returning it to the queue", t);
                nack(ch, envelope, true);
                if (t instanceof VirtualMachineError vme) throw vme;
            } finally {
                inFlight.decrementAndGet();
                MDC.clear();
            }
            return null;
        });
    }

    private void process(Channel ch, Envelope envelope, AMQP.BasicProperties props, byte[] body)
            throws InterruptedException {
        Optional<WorkMessage> parsed = WorkMessage.parse(body);
        if (parsed.isEmpty()) {
            LOG.error("malformed work message {}; dead-lettering it", props.getMessageId());
            reject(ch, envelope);
            return;
        }
        WorkMessage message = parsed.get();
        MDC.put("documentId", message.documentId().value());
        MDC.put("tenant", message.tenant().value());
        MDC.put("deliveryCount", String.valueOf(deliveryCount(props)));
        if (props.getTimestamp() != null && !envelope.isRedeliver()) {
            meters.timer("documents.queue.wait").record(
                    Math.max(0, clock.millis() - props.getTimestamp().getTime()), TimeUnit.MILLISECONDS);
        }
        Timer.Sample sample = Timer.start(meters);
        String outcome = "error";
        String mediaType = "unknown";
        try {
            Optional<DocumentRecord> current = store.getRecord(message.tenant(), message.documentId());
            if (current.isEmpty()) {
                LOG.info("document no longer exists (deleted); dropping its work message");
                outcome = "gone";
                ack(ch, envelope);
                return;
            }
            if (current.get().status().isFinal()) {
                LOG.info("document already {}; duplicate delivery acknowledged", current.get().status().wire());
                outcome = "duplicate";
                ack(ch, envelope);
                return;
            }
            DocumentRecord processing = current.get().processing(clock.instant());
            store.putRecord(processing);
            LOG.info("processing document (attempt {})", processing.attempts());

            Optional<Spool> original = store.readOriginal(message.tenant(), message.documentId(), processing.size());
            if (original.isEmpty()) {
                outcome = "gone";
                ack(ch, envelope);
                return;
            }
            Extraction result;
            try (Spool content = original.get()) {
                result = extractor.extract(content.open());
            }
            switch (result) {
                case Extraction.Success ok -> {
                    mediaType = ok.mediaType();
                    finishDone(message, processing, ok);
                    outcome = "done";
                }
                case Extraction.Rejected no -> {
                    if (no.mediaType() != null) mediaType = no.mediaType();
                    finishFailed(processing, no.failure(), no.mediaType());
                    outcome = "failed";
                }
            }
            ack(ch, envelope);
        } catch (IntegrityException e) {
            LOG.error("stored document failed its integrity check: {}", e.getMessage());
            store.getRecord(message.tenant(), message.documentId()).ifPresent(r -> finishFailed(r,
                    new Failure(Failure.INTEGRITY, "the stored document failed authentication on decryption"), null));
            outcome = "failed";
            ack(ch, envelope);
        } catch (StorageUnavailableException e) {
            outcome = "retry";
            retryLater(ch, envelope, props, message, e);
        } catch (ExtractionTimeoutException e) {
            LOG.warn("{}; returning the document to the queue (delivery {})", e.getMessage(), deliveryCount(props));
            outcome = "timeout";
            meters.counter("documents.extraction.timeouts").increment();
            nack(ch, envelope, true);
        } finally {
            sample.stop(meters.timer("documents.processing", "outcome", outcome, "media", mediaType));
        }
    }

    private void finishDone(WorkMessage message, DocumentRecord processing, Extraction.Success ok) {
        try (Spool text = new Spool(spoolMemoryBytes, Long.MAX_VALUE)) {
            try (Writer w = new OutputStreamWriter(new SpoolOutput(text), StandardCharsets.UTF_8)) {
                w.write(ok.text());
            }
            text.seal();
            boolean first = store.putTextOnce(message.tenant(), message.documentId(), text);
            if (!first) {
                // Another delivery of this document got here first; finish only if it did not.
                Optional<DocumentRecord> now = store.getRecord(message.tenant(), message.documentId());
                if (now.isEmpty() || now.get().status().isFinal()) {
                    LOG.info("text already stored by an earlier delivery");
                    return;
                }
            }
        } catch (IOException e) {
            throw new StorageUnavailableException("cannot buffer text", e);
        }
        DocumentRecord done = processing.done(new DocumentRecord.Extraction(ok.mediaType(), ok.pageCount(),
                ok.language(), ok.text().length(), ok.truncated(), ok.metadata()), clock.instant());
        if (!store.exists(processing.tenantId(), processing.documentId())) {
            LOG.info("document was deleted while it was processed; not recording a result");
            return;
        }
        store.putRecord(done);
        LOG.info("document done: {} characters, type {}", ok.text().length(), ok.mediaType());
    }

    private void finishFailed(DocumentRecord record, Failure failure, String mediaType) {
        if (!store.exists(record.tenantId(), record.documentId())) return;
        store.putRecord(record.failed(failure, mediaType, clock.instant()));
        meters.counter("documents.failures", "reason", failure.reason()).increment();
        LOG.warn("document failed: {} ({})", failure.reason(), failure.detail());
    }

    private void retryLater(Channel ch, Envelope envelope, AMQP.BasicProperties props, WorkMessage message,
                            StorageUnavailableException cause) throws InterruptedException {
        int attempt = retryCount(props);
        try {
            if (attempt < broker.topology().retryDelays().size()) {
                LOG.warn("storage unavailable ({}); retrying in {} ms", cause.getMessage(),
                        broker.topology().retryDelays().get(attempt).toMillis());
                broker.publishRetry(message, attempt);
            } else {
                LOG.error("storage still unavailable after {} retries; parking the document", attempt);
                broker.publishDead(message, Failure.RETRIES_EXHAUSTED,
                        "storage was unavailable on every attempt: " + cause.getMessage());
            }
            ack(ch, envelope);
        } catch (Broker.PublishException e) {
            LOG.error("cannot schedule a retry ({}); returning the message to the queue", e.getMessage());
            nack(ch, envelope, true);
        }
    }

    /** Records the failure of a dead-lettered document on its record; the message stays in the parked queue. */
    private void recordFailure(Channel ch, Envelope envelope, AMQP.BasicProperties props, byte[] body)
            throws InterruptedException {
        Optional<WorkMessage> parsed = WorkMessage.parse(body);
        if (parsed.isEmpty()) {
            ack(ch, envelope);
            return;
        }
        WorkMessage message = parsed.get();
        MDC.put("documentId", message.documentId().value());
        MDC.put("tenant", message.tenant().value());
        Map<String, Object> headers = props.getHeaders() == null ? Map.of() : props.getHeaders();
        Failure failure = headers.containsKey("x-processor-failure")
                ? new Failure(String.valueOf(headers.get("x-processor-failure")), String.valueOf(headers.get("x-processor-detail")))
                : new Failure(Failure.DELIVERY_LIMIT, "the document failed, timed out or stopped a worker on each of "
                        + broker.topology().deliveryLimit() + " deliveries; it is parked for inspection");
        try {
            Optional<DocumentRecord> record = store.getRecord(message.tenant(), message.documentId());
            if (record.isPresent() && !record.get().status().isFinal()) finishFailed(record.get(), failure, null);
            LOG.error("document parked: {}", failure.reason());
            ack(ch, envelope);
        } catch (StorageUnavailableException e) {
            Thread.sleep(1000);
            nack(ch, envelope, true);
        }
    }

    private static int retryCount(AMQP.BasicProperties props) {
        Object v = props.getHeaders() == null ? null : props.getHeaders().get("x-retry");
        return v instanceof Number n ? n.intValue() : 0;
    }

    private static long deliveryCount(AMQP.BasicProperties props) {
        Object v = props.getHeaders() == null ? null : props.getHeaders().get("x-delivery-count");
        return v instanceof Number n ? n.longValue() + 1 : 1;
    }

    private static void ack(Channel ch, Envelope envelope) {
        try {
            ch.basicAck(envelope.getDeliveryTag(), false);
        } catch (IOException | RuntimeException e) {
            LOG.warn("ack failed ({}); the broker will redeliver and the duplicate will be ignored", e.toString());
        }
    }

    private static void nack(Channel ch, Envelope envelope, boolean requeue) {
        try {
            ch.basicNack(envelope.getDeliveryTag(), false, requeue);
        } catch (IOException | RuntimeException e) {
            LOG.warn("nack failed ({}); the broker will redeliver", e.toString());
        }
    }

    private static void reject(Channel ch, Envelope envelope) {
        try {
            ch.basicReject(envelope.getDeliveryTag(), false);
        } catch (IOException | RuntimeException e) {
            LOG.warn("reject failed: {}", e.toString());
        }
    }

    /** Stops taking work, lets in-flight documents finish within the grace period, then closes channels. */
    public void stop() {
        for (var c : new Object[][] {{workChannel, workTag}, {failedChannel, failedTag}}) {
            Channel ch = (Channel) c[0];
            try {
                if (ch != null && ch.isOpen() && c[1] != null) ch.basicCancel((String) c[1]);
            } catch (IOException | RuntimeException e) {
                LOG.debug("cancel: {}", e.toString());
            }
        }
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
        for (Channel ch : new Channel[] {workChannel, failedChannel}) {
            try {
                if (ch != null && ch.isOpen()) ch.close();
            } catch (Exception e) {
                LOG.debug("close: {}", e.toString());
            }
        }
    }

    @Override
    public void close() {
        stop();
        tasks.shutdownNow();
    }

    /** Adapts a spool to an output stream. */
    private static final class SpoolOutput extends java.io.OutputStream {
        private final Spool spool;

        SpoolOutput(Spool spool) {
            this.spool = spool;
        }

        @Override
        public void write(int b) throws IOException {
            spool.write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            spool.write(b, off, len);
        }
    }
}
