package dev.gitops.validator.check;

/**
 * Thrown by a check that cannot judge its input at all (its engine is missing, times out, or
 * answers nonsense). The run then exits 2: a check that could not run never passes.
 */
public final class CheckFailedException extends RuntimeException {

    public CheckFailedException(String message) {
        super(message);
    }

    public CheckFailedException(String message, Throwable cause) {
        super(message, cause);
    }
}
