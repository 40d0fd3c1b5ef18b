package dev.gitops.processor.storage;

/** S3 could not be reached or answered with a server error: worth retrying later. */
public final class StorageUnavailableException extends RuntimeException {
    public StorageUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
