package dev.gitops.processor.storage;

import java.util.List;

/**
 * A deletion left objects behind: S3 refused some keys of a {@code DeleteObjects} request (its answer names
 * them, with an error code each), or versions kept appearing while the document was being deleted. The
 * document is not gone; the request may be retried.
 */
public final class DeletionIncompleteException extends RuntimeException {
    private final List<String> remaining;

    public DeletionIncompleteException(String message, List<String> remaining) {
        super(message + ": " + String.join(", ", remaining));
        this.remaining = List.copyOf(remaining);
    }

    /** The keys (with version id and S3 error code where S3 gave them) that were not deleted. */
    public List<String> remaining() {
        return remaining;
    }
}
