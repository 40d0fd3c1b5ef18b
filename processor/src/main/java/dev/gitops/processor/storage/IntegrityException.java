package dev.gitops.processor.storage;

/** A stored object failed authentication on decryption: it was tampered with or corrupted. Never retried. */
public final class IntegrityException extends RuntimeException {
    public IntegrityException(String message, Throwable cause) {
        super(message, cause);
    }
}
