package dev.gitops.processor.document;

/**
 * Why a document ended as failed: a stable {@code reason} code (for clients and metrics) and a
 * human-readable detail that never contains document content.
 */
public record Failure(String reason, String detail) {
    public static final String ENCRYPTED = "encrypted-document";
    public static final String CORRUPT = "corrupt-document";
    public static final String UNSUPPORTED = "unsupported-media-type";
    public static final String TOO_COMPLEX = "limits-exceeded";
    public static final String INTEGRITY = "integrity-check-failed";
    public static final String DELIVERY_LIMIT = "delivery-limit-reached";
    public static final String RETRIES_EXHAUSTED = "retries-exhausted";
}
