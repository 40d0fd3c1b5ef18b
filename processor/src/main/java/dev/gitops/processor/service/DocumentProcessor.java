package dev.gitops.processor.service;

import dev.gitops.processor.document.DocumentRecord;
import dev.gitops.processor.document.Failure;
import dev.gitops.processor.extract.Extraction;
import dev.gitops.processor.extract.ExtractionTimeoutException;
import dev.gitops.processor.extract.Extractor;
import dev.gitops.processor.queue.Broker;
import dev.gitops.processor.queue.WorkDelivery;
import dev.gitops.processor.queue.WorkMessage;
import dev.gitops.processor.storage.DocumentStore;
import dev.gitops.processor.storage.IntegrityException;
import dev.gitops.processor.storage.Spool;
import dev.gitops.processor.storage.StorageUnavailableException;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Turns one queued document into text and metadata, and settles its delivery.
 *
 * <p>Delivery is at-least-once, so handling is idempotent: a document whose record is already final is
 * acknowledged untouched, the text is written at most once (conditional put), and a redelivered document
 * is finished exactly as the first attempt would have finished it.
 *
 * <p>Outcomes: done or failed (ack); storage unavailable (re-published to the next back-off queue, then
 * parked when the back-offs are used up); time-out (returned to the queue, where the delivery limit parks a
 * document that keeps failing).
 */
final class DocumentProcessor {
    private static final Logger LOG = LoggerFactory.getLogger(DocumentProcessor.class);

    private final Broker broker;
    private final DocumentStore store;
    private final Extractor extractor;
    private final Clock clock;
    private final int spoolMemoryBytes;
    private final MeterRegistry meters;
    private final Stages stages;
    private final Semaphore extractions;

    /**
     * {@code concurrency}: documents extracted at once. Storage round trips of other documents overlap with
     * extraction (the consumer prefetch bounds the documents in flight), so the extraction threads never wait
     * on S3.
     */
    DocumentProcessor(Broker broker, DocumentStore store, Extractor extractor, Clock clock, int spoolMemoryBytes,
                      MeterRegistry meters, int concurrency) {
        this.broker = broker;
        this.store = store;
        this.extractor = extractor;
        this.clock = clock;
        this.spoolMemoryBytes = spoolMemoryBytes;
        this.meters = meters;
        this.stages = new Stages(meters);
        this.extractions = new Semaphore(concurrency);
    }

    void process(WorkDelivery delivery) throws InterruptedException {
        Optional<WorkMessage> parsed = delivery.message();
        if (parsed.isEmpty()) {
            LOG.error("malformed work message {}; dead-lettering it", delivery.messageId());
            delivery.reject();
            return;
        }
        WorkMessage message = parsed.get();
        MDC.put("documentId", message.documentId().value());
        MDC.put("tenant", message.tenant().value());
        MDC.put("deliveryCount", String.valueOf(delivery.deliveryCount()));
        delivery.firstPublishedAt().ifPresent(at -> meters.timer("documents.queue.wait")
                .record(Math.max(0, clock.millis() - at.toEpochMilli()), TimeUnit.MILLISECONDS));
        Timer.Sample sample = Timer.start(meters);
        Outcome outcome = new Outcome();
        try {
            extract(message, outcome);
            delivery.ack();
        } catch (IntegrityException e) {
            LOG.error("stored document failed its integrity check: {}", e.getMessage());
            store.getRecord(message.tenant(), message.documentId()).ifPresent(r -> finishFailed(r,
                    new Failure(Failure.INTEGRITY, "the stored document failed authentication on decryption"), null));
            outcome.name = "failed";
            delivery.ack();
        } catch (StorageUnavailableException e) {
            outcome.name = "retry";
            retryLater(delivery, message, e);
        } catch (ExtractionTimeoutException e) {
            LOG.warn("{}; returning the document to the queue (delivery {})", e.getMessage(), delivery.deliveryCount());
            outcome.name = "timeout";
            meters.counter("documents.extraction.timeouts").increment();
            delivery.requeue();
        } finally {
            sample.stop(meters.timer("documents.processing", "outcome", outcome.name, "media", outcome.mediaType));
        }
    }

    /** What happened to a document, for the processing timer's tags. */
    private static final class Outcome {
        String name = "error";
        String mediaType = "unknown";
    }

    private void extract(WorkMessage message, Outcome outcome) throws InterruptedException, ExtractionTimeoutException {
        Stages.Lap lap = stages.start();
        Optional<DocumentRecord> current = store.getRecord(message.tenant(), message.documentId());
        lap.stop("worker.s3.get.record");
        if (current.isEmpty()) {
            LOG.info("document no longer exists (deleted); dropping its work message");
            outcome.name = "gone";
            return;
        }
        if (current.get().status().isFinal()) {
            LOG.info("document already {}; duplicate delivery acknowledged", current.get().status().wire());
            outcome.name = "duplicate";
            return;
        }
        DocumentRecord processing = current.get().processing(clock.instant());
        store.putRecord(processing);
        lap.stop("worker.s3.put.record.processing");
        LOG.info("processing document (attempt {})", processing.attempts());
        Optional<Spool> original = store.readOriginal(message.tenant(), message.documentId(), processing.size());
        lap.stop("worker.s3.get.original");
        if (original.isEmpty()) {
            outcome.name = "gone";
            return;
        }
        Extraction result;
        try (Spool content = original.get()) {
            extractions.acquire();
            lap.stop("worker.wait.extraction.slot");
            try {
                result = extractor.extract(content.open());
            } finally {
                extractions.release();
            }
        }
        lap.stop("worker.parse");
        switch (result) {
            case Extraction.Success ok -> {
                outcome.mediaType = ok.mediaType();
                finishDone(message, processing, ok, lap);
                outcome.name = "done";
            }
            case Extraction.Rejected no -> {
                if (no.mediaType() != null) outcome.mediaType = no.mediaType();
                finishFailed(processing, no.failure(), no.mediaType());
                outcome.name = "failed";
            }
        }
    }

    private void finishDone(WorkMessage message, DocumentRecord processing, Extraction.Success ok, Stages.Lap lap) {
        try (Spool text = new Spool(spoolMemoryBytes, Long.MAX_VALUE)) {
            try (Writer w = new OutputStreamWriter(new SpoolOutput(text), StandardCharsets.UTF_8)) {
                w.write(ok.text());
            }
            text.seal();
            lap.stop("worker.text.encode");
            boolean first = store.putTextOnce(message.tenant(), message.documentId(), text);
            lap.stop("worker.s3.put.text");
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
        boolean exists = store.exists(processing.tenantId(), processing.documentId());
        lap.stop("worker.s3.head.record");
        if (!exists) {
            LOG.info("document was deleted while it was processed; not recording a result");
            return;
        }
        store.putRecord(done);
        lap.stop("worker.s3.put.record.done");
        LOG.info("document done: {} characters, type {}", ok.text().length(), ok.mediaType());
    }

    private void finishFailed(DocumentRecord record, Failure failure, String mediaType) {
        if (!store.exists(record.tenantId(), record.documentId())) return;
        store.putRecord(record.failed(failure, mediaType, clock.instant()));
        meters.counter("documents.failures", "reason", failure.reason()).increment();
        LOG.warn("document failed: {} ({})", failure.reason(), failure.detail());
    }

    private void retryLater(WorkDelivery delivery, WorkMessage message, StorageUnavailableException cause)
            throws InterruptedException {
        int attempt = delivery.retryCount();
        try {
            if (attempt < broker.topology().retryDelays().size()) {
                Duration delay = broker.topology().retryDelays().get(attempt);
                LOG.warn("storage unavailable ({}); retrying in {} ms", cause.getMessage(), delay.toMillis());
                broker.publishRetry(message, attempt, delivery.role());
            } else {
                LOG.error("storage still unavailable after {} retries; parking the document", attempt);
                broker.publishDead(message, Failure.RETRIES_EXHAUSTED,
                        "storage was unavailable on every attempt: " + cause.getMessage(), delivery.role());
            }
            delivery.ack();
        } catch (Broker.PublishException e) {
            LOG.error("cannot schedule a retry ({}); returning the message to the queue", e.getMessage());
            delivery.requeue();
        }
    }

    /** Records the failure of a dead-lettered document on its record; the message stays in the parked queue. */
    void recordFailure(WorkDelivery delivery) throws InterruptedException {
        Optional<WorkMessage> parsed = delivery.message();
        if (parsed.isEmpty()) {
            delivery.ack();
            return;
        }
        WorkMessage message = parsed.get();
        MDC.put("documentId", message.documentId().value());
        MDC.put("tenant", message.tenant().value());
        Failure failure = delivery.attachedFailure().orElseGet(() -> new Failure(Failure.DELIVERY_LIMIT,
                "the document failed, timed out or stopped a worker on each of "
                        + broker.topology().deliveryLimit() + " deliveries; it is parked for inspection"));
        try {
            Optional<DocumentRecord> record = store.getRecord(message.tenant(), message.documentId());
            if (record.isPresent() && !record.get().status().isFinal()) finishFailed(record.get(), failure, null);
            LOG.error("document parked: {}", failure.reason());
            delivery.ack();
        } catch (StorageUnavailableException e) {
            Thread.sleep(1000);
            delivery.requeue();
        }
    }

    /** Adapts a spool to an output stream. */
    private static final class SpoolOutput extends OutputStream {
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
