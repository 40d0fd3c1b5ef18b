package dev.gitops.processor.document;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** Where a document is in the pipeline. {@code DONE} and {@code FAILED} are final. */
public enum DocumentStatus {
    QUEUED, PROCESSING, DONE, FAILED;

    @JsonValue
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    public boolean isFinal() {
        return this == DONE || this == FAILED;
    }
}
