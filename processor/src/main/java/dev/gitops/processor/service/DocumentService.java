package dev.gitops.processor.service;

import dev.gitops.processor.config.ReleaseRole;
import dev.gitops.processor.document.DocumentId;
import dev.gitops.processor.document.DocumentRecord;
import dev.gitops.processor.document.DocumentStatus;
import dev.gitops.processor.document.TenantId;
import dev.gitops.processor.queue.Broker;
import dev.gitops.processor.queue.WorkMessage;
import dev.gitops.processor.service.DocumentProblem.Reason;
import dev.gitops.processor.storage.DeletionIncompleteException;
import dev.gitops.processor.storage.DocumentStore;
import dev.gitops.processor.storage.IntegrityException;
import dev.gitops.processor.storage.Spool;
import dev.gitops.processor.storage.StorageUnavailableException;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.OptionalLong;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * What a client can do with its documents: upload (stored encrypted, then queued for extraction), read the
 * status, the original and the text, list and delete. Storage and broker failures leave as
 * {@link DocumentProblem}s; an upload that fails half-way removes what it stored.
 */
public final class DocumentService {
    private static final Logger LOG = LoggerFactory.getLogger(DocumentService.class);
    private static final int MAX_IDEMPOTENCY_KEY = 255;

    private final DocumentStore store;
    private final Broker broker;
    private final Supplier<ReleaseRole> role;
    private final Clock clock;
    private final MeterRegistry meters;
    private final long maxUploadBytes;
    private final int spoolMemoryBytes;
    private final SecureRandom random = new SecureRandom();
    private final DistributionSummary uploadBytes;
    private final Stages stages;

    /** {@code role}: the pod's release role at the time of each upload, which decides the queue it goes to. */
    public DocumentService(DocumentStore store, Broker broker, Supplier<ReleaseRole> role, Clock clock,
                           MeterRegistry meters, long maxUploadBytes, int spoolMemoryBytes) {
        this.store = store;
        this.broker = broker;
        this.role = role;
        this.clock = clock;
        this.meters = meters;
        this.maxUploadBytes = maxUploadBytes;
        this.spoolMemoryBytes = spoolMemoryBytes;
        this.uploadBytes = DistributionSummary.builder("documents.upload.bytes").baseUnit("bytes")
                .description("Size of accepted uploads").publishPercentiles(0.5, 0.99).register(meters);
        this.stages = new Stages(meters);
    }

    /** An upload as the client declared it; the body is read separately, as a stream. */
    public record Upload(TenantId tenant, String declaredType, OptionalLong declaredLength,
                         Optional<String> idempotencyKey) {}

    /** The accepted document; {@code replayed} when an earlier upload with the same key and bytes is answered. */
    public record Accepted(DocumentRecord document, boolean replayed) {}

    /** A page of documents, oldest first; {@code next} is where the following page starts. */
    public record Page(List<DocumentRecord> documents, Optional<DocumentId> next) {}

    /**
     * Reads the body to its end (up to the size limit), stores it, records it and queues it for extraction. The caller
     * owns {@code body}: after a refusal it may still read what the client sends (see the API's lingering close).
     */
    public Accepted upload(Upload request, InputStream body) throws IOException {
        if (request.declaredLength().isPresent() && request.declaredLength().getAsLong() > maxUploadBytes) {
            throw tooLarge();
        }
        Optional<String> key = request.idempotencyKey();
        if (key.isPresent() && (key.get().isBlank() || key.get().length() > MAX_IDEMPOTENCY_KEY)) {
            throw new DocumentProblem(Reason.BAD_IDEMPOTENCY_KEY, "Idempotency-Key must be 1 to 255 characters.");
        }
        Stages.Lap lap = stages.start();
        try (Spool spool = new Spool(spoolMemoryBytes, maxUploadBytes, request.declaredLength().orElse(0))) {
            try {
                spool.fill(body);
                lap.stop("upload.receive");
            } catch (Spool.TooLargeException e) {
                meters.counter("documents.uploaded", "result", "too_large").increment();
                throw tooLarge();
            }
            return guarded(() -> store(request, spool, lap));
        }
    }

    private Accepted store(Upload request, Spool body, Stages.Lap lap) {
        TenantId tenant = request.tenant();
        DocumentId id = DocumentId.generate(clock, random);
        Optional<String> keyHash = request.idempotencyKey().map(k -> sha256(tenant.value() + "\n" + k));
        if (keyHash.isPresent()) {
            Optional<DocumentId> existing = store.claimIdempotencyKey(tenant, keyHash.get(), id);
            if (existing.isPresent()) {
                Optional<DocumentRecord> prior = store.getRecord(tenant, existing.get());
                if (prior.isPresent()) return replay(prior.get(), body.sha256Hex());
                // A claim left by an upload that never completed: take it over.
                store.releaseIdempotencyKey(tenant, keyHash.get());
                if (store.claimIdempotencyKey(tenant, keyHash.get(), id).isPresent()) {
                    throw new DocumentProblem(Reason.UPLOAD_IN_PROGRESS,
                            "Another upload with this Idempotency-Key is in progress.");
                }
            }
        }
        MDC.put("documentId", id.value());
        DocumentRecord record = DocumentRecord.queued(id, tenant, request.declaredType(), body.size(), body.sha256Hex(),
                keyHash.orElse(null), clock.instant());
        try {
            storeOriginalAndRecord(tenant, id, body, request.declaredType(), record);
            lap.stop("upload.s3.put.original+record");
            broker.publishWork(new WorkMessage(tenant, id), role.get());
            lap.stop("upload.publish.confirm");
        } catch (Broker.PublishException | InterruptedException | RuntimeException e) {
            if (e instanceof InterruptedException) Thread.currentThread().interrupt();
            undo(tenant, id, keyHash);
            meters.counter("documents.uploaded", "result", "unavailable").increment();
            if (e instanceof RuntimeException r) throw r;
            LOG.warn("broker did not take the work message: {}", e.getMessage());
            throw new DocumentProblem(Reason.QUEUE_UNAVAILABLE, "The work queue is unavailable.");
        }
        meters.counter("documents.uploaded", "result", "accepted").increment();
        uploadBytes.record(body.size());
        LOG.info("document accepted: {} bytes, declared {}", body.size(), request.declaredType());
        return new Accepted(record, false);
    }

    /**
     * Puts the original (on a virtual thread) and the record (on this one) at once: two independent round
     * trips. Returns when both are stored; the first failure is thrown once both attempts have ended, so an
     * undo never races a put still in flight. The work message is published only after both.
     */
    private void storeOriginalAndRecord(TenantId tenant, DocumentId id, Spool body, String declaredType,
                                        DocumentRecord record) throws InterruptedException {
        Map<String, String> mdc = MDC.getCopyOfContextMap();
        FutureTask<Void> original = new FutureTask<>(() -> {
            if (mdc != null) MDC.setContextMap(mdc);
            Stages.Lap lap = stages.start();
            store.putOriginal(tenant, id, body, declaredType);
            lap.stop("upload.s3.put.original");
            return null;
        });
        Thread.ofVirtual().name("put-original-" + id.value()).start(original);
        RuntimeException failure = null;
        try {
            Stages.Lap lap = stages.start();
            store.putRecord(record);
            lap.stop("upload.s3.put.record");
        } catch (RuntimeException e) {
            failure = e;
        }
        try {
            original.get();
        } catch (ExecutionException e) {
            RuntimeException cause = e.getCause() instanceof RuntimeException r ? r
                    : new IllegalStateException("storing the original failed", e.getCause());
            if (failure == null) failure = cause;
            else failure.addSuppressed(cause);
        }
        if (failure != null) throw failure;
    }

    private Accepted replay(DocumentRecord prior, String sha256) {
        if (!prior.sha256().equals(sha256)) {
            throw new DocumentProblem(Reason.IDEMPOTENCY_KEY_REUSED,
                    "This Idempotency-Key was used for a different document.");
        }
        meters.counter("documents.uploaded", "result", "replayed").increment();
        return new Accepted(prior, true);
    }

    /** Best-effort removal of a half-finished upload, so nothing is left behind. */
    private void undo(TenantId tenant, DocumentId id, Optional<String> keyHash) {
        try {
            store.delete(tenant, id, keyHash);
        } catch (RuntimeException e) {
            LOG.warn("could not remove the incomplete upload {}: {}", id, e.getMessage());
        }
    }

    public DocumentRecord get(TenantId tenant, DocumentId id) {
        return guarded(() -> record(tenant, id));
    }

    public Page list(TenantId tenant, Optional<DocumentId> cursor, int limit) {
        return guarded(() -> {
            DocumentStore.Page page = store.list(tenant, cursor, limit);
            return new Page(page.documents(), page.next());
        });
    }

    /** The original bytes; {@link Content#mediaType()} is the type the client declared. */
    public Original original(TenantId tenant, DocumentId id) {
        return guarded(() -> {
            DocumentRecord record = record(tenant, id);
            Spool spool = store.readOriginal(tenant, id, record.size()).orElseThrow(DocumentService::notFound);
            return new Original(record, new Content(spool, record.declaredMediaType()));
        });
    }

    /** An original with the record that describes it (size, digest). */
    public record Original(DocumentRecord record, Content content) {}

    /** The extracted text, once the document is done. */
    public Content text(TenantId tenant, DocumentId id) {
        return guarded(() -> {
            DocumentRecord record = record(tenant, id);
            if (record.status() != DocumentStatus.DONE) {
                throw new DocumentProblem(Reason.TEXT_NOT_AVAILABLE,
                        "The document is " + record.status().wire() + "; text exists only once it is done.",
                        Map.of("documentStatus", record.status().wire()));
            }
            long characters = record.textLength() == null ? Long.MAX_VALUE / 8 : record.textLength();
            Spool spool = store.readText(tenant, id, characters).orElseThrow(DocumentService::notFound);
            return new Content(spool, "text/plain; charset=utf-8");
        });
    }

    /**
     * Removes the document, every stored version of it in the documents bucket, and its idempotency claim.
     * Replicas in the backup bucket stay (processor/README.md, "Deletion").
     */
    public void delete(TenantId tenant, DocumentId id) {
        guarded(() -> {
            DocumentRecord record = record(tenant, id);
            try {
                store.delete(tenant, id, Optional.ofNullable(record.idempotencyKeyHash()));
            } catch (DeletionIncompleteException e) {
                LOG.error("document only partly deleted: {}", e.getMessage());
                meters.counter("documents.deletion.failures").increment();
                throw new DocumentProblem(Reason.DELETION_INCOMPLETE, "The document was only partly deleted ("
                        + e.remaining().size() + " stored objects remain); it is still listed. Retry the deletion.");
            }
            meters.counter("documents.deleted").increment();
            LOG.info("document deleted (every version in the documents bucket)");
            return null;
        });
    }

    private DocumentRecord record(TenantId tenant, DocumentId id) {
        return store.getRecord(tenant, id).orElseThrow(DocumentService::notFound);
    }

    /** Runs a storage operation, turning storage failures into problems a client can be told about. */
    private <T> T guarded(Supplier<T> action) {
        try {
            return action.get();
        } catch (StorageUnavailableException e) {
            LOG.warn("storage unavailable: {}", e.getMessage());
            throw new DocumentProblem(Reason.STORAGE_UNAVAILABLE, "Storage is unavailable.");
        } catch (IntegrityException e) {
            LOG.error("integrity check failed: {}", e.getMessage());
            meters.counter("documents.integrity.failures").increment();
            throw new DocumentProblem(Reason.INTEGRITY_FAILED,
                    "The stored document failed authentication on decryption and was not returned.");
        }
    }

    private static DocumentProblem notFound() {
        return new DocumentProblem(Reason.NOT_FOUND, "No such document.");
    }

    private static DocumentProblem tooLarge() {
        return new DocumentProblem(Reason.TOO_LARGE, "The document exceeds the maximum upload size; nothing was stored.");
    }

    private static String sha256(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
