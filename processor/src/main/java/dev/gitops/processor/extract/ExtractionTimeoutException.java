package dev.gitops.processor.extract;

import java.time.Duration;

/** Extraction took longer than allowed; the worker hands the document back to the queue's delivery limit. */
public final class ExtractionTimeoutException extends Exception {
    public ExtractionTimeoutException(Duration limit) {
        super("extraction took longer than " + limit.toMillis() + " ms");
    }
}
