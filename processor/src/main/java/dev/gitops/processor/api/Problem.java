package dev.gitops.processor.api;

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
