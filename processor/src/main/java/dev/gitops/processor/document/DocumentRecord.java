package dev.gitops.processor.document;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.Map;

/**
 * What the processor knows about one document. Stored encrypted next to the document and returned
 * (without the idempotency key hash) by {@code GET /v1/documents/{id}}.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record DocumentRecord(
        String id,
        String tenant,
        DocumentStatus status,
        String declaredMediaType,
        String mediaType,
        long size,
        String sha256,
        Integer pageCount,
        String language,
        Integer textLength,
        Boolean textTruncated,
        Map<String, String> metadata,
        Failure failure,
        int attempts,
        Instant createdAt,
        Instant updatedAt,
        Instant startedAt,
        Instant completedAt,
        String idempotencyKeyHash) {

    public static DocumentRecord queued(DocumentId id, TenantId tenant, String declaredMediaType, long size,
                                        String sha256, String idempotencyKeyHash, Instant now) {
        return new DocumentRecord(id.value(), tenant.value(), DocumentStatus.QUEUED, declaredMediaType, null, size,
                sha256, null, null, null, null, null, null, 0, now, now, null, null, idempotencyKeyHash);
    }

    public DocumentId documentId() {
        return new DocumentId(id);
    }

    public TenantId tenantId() {
        return new TenantId(tenant);
    }

    public DocumentRecord processing(Instant now) {
        return new DocumentRecord(id, tenant, DocumentStatus.PROCESSING, declaredMediaType, mediaType, size, sha256,
                pageCount, language, textLength, textTruncated, metadata, null, attempts + 1, createdAt, now,
                startedAt == null ? now : startedAt, null, idempotencyKeyHash);
    }

    public DocumentRecord done(Extraction result, Instant now) {
        return new DocumentRecord(id, tenant, DocumentStatus.DONE, declaredMediaType, result.mediaType(), size, sha256,
                result.pageCount(), result.language(), result.textLength(), result.truncated(), result.metadata(),
                null, attempts, createdAt, now, startedAt, now, idempotencyKeyHash);
    }

    public DocumentRecord failed(Failure why, String detectedMediaType, Instant now) {
        return new DocumentRecord(id, tenant, DocumentStatus.FAILED, declaredMediaType,
                detectedMediaType != null ? detectedMediaType : mediaType, size, sha256, pageCount, language,
                textLength, textTruncated, metadata, why, attempts, createdAt, now, startedAt, now, idempotencyKeyHash);
    }

    /** The outcome of a successful extraction, as recorded on the document. */
    public record Extraction(String mediaType, Integer pageCount, String language, int textLength, boolean truncated,
                             Map<String, String> metadata) {}
}
