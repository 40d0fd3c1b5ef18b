package dev.gitops.processor.api;

import dev.gitops.processor.service.DocumentProblem;
import java.util.Map;

/**
 * An RFC 9457 problem detail. {@code type} is stable: clients may switch on it. Never carries a stack trace.
 */
public record Problem(String type, String title, int status, String detail, Map<String, Object> extensions) {
    public static final String BASE = "https://gitops.dev/problems/";

    public static Problem of(int status, String slug, String title, String detail) {
        return new Problem(BASE + slug, title, status, detail, Map.of());
    }

    public Problem with(Map<String, Object> more) {
        return new Problem(type, title, status, detail, more);
    }

    public static Problem notFound() {
        return of(404, "not-found", "Not found", "No such document.");
    }

    public static Problem unavailable(String what) {
        return of(503, "service-unavailable", "Service unavailable",
                what + " is temporarily unavailable; nothing was stored. Retry later.");
    }

    /** The answer to a request the document service refused. */
    public static Problem of(DocumentProblem refused) {
        return switch (refused.reason()) {
            case NOT_FOUND -> notFound();
            case TOO_LARGE -> of(413, "too-large", "Document too large", refused.getMessage());
            case BAD_IDEMPOTENCY_KEY -> of(400, "bad-idempotency-key", "Bad Idempotency-Key", refused.getMessage());
            case IDEMPOTENCY_KEY_REUSED -> of(422, "idempotency-key-reused", "Idempotency-Key reused", refused.getMessage());
            case UPLOAD_IN_PROGRESS -> of(409, "conflict", "Conflict", refused.getMessage());
            case TEXT_NOT_AVAILABLE -> of(409, "text-not-available", "Text not available", refused.getMessage())
                    .with(Map.<String, Object>copyOf(refused.details()));
            case STORAGE_UNAVAILABLE -> unavailable("Storage");
            case QUEUE_UNAVAILABLE -> unavailable("The work queue");
            case INTEGRITY_FAILED -> of(500, "integrity-check-failed", "Integrity check failed", refused.getMessage());
            case DELETION_INCOMPLETE -> of(500, "deletion-incomplete", "Deletion incomplete", refused.getMessage());
        };
    }

    /** Thrown by handlers to answer with a problem. */
    public static final class Exception extends RuntimeException {
        private final Problem problem;

        public Exception(Problem problem) {
            super(problem.detail(), null, false, false);
            this.problem = problem;
        }

        public Problem problem() {
            return problem;
        }
    }

    public Exception raise() {
        return new Exception(this);
    }
}
