package dev.gitops.processor.service;

import java.util.Map;

/**
 * Why a document request cannot be served, in domain terms; the API turns each reason into an HTTP problem.
 * Carries no stack trace: it is an answer, not a fault.
 */
public final class DocumentProblem extends RuntimeException {
    /** The reasons a request fails; {@link #details()} adds what a client may need to act on it. */
    public enum Reason {
        NOT_FOUND,
        TOO_LARGE,
        BAD_IDEMPOTENCY_KEY,
        IDEMPOTENCY_KEY_REUSED,
        UPLOAD_IN_PROGRESS,
        TEXT_NOT_AVAILABLE,
        STORAGE_UNAVAILABLE,
        QUEUE_UNAVAILABLE,
        INTEGRITY_FAILED,
        DELETION_INCOMPLETE
    }

    private final Reason reason;
    private final Map<String, String> details;

    DocumentProblem(Reason reason, String message) {
        this(reason, message, Map.of());
    }

    DocumentProblem(Reason reason, String message, Map<String, String> details) {
        super(message, null, false, false);
        this.reason = reason;
        this.details = Map.copyOf(details);
    }

    public Reason reason() {
        return reason;
    }

    public Map<String, String> details() {
        return details;
    }
}
