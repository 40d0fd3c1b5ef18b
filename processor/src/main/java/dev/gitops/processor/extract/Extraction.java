package dev.gitops.processor.extract;

import dev.gitops.processor.document.Failure;
import java.util.Map;

/** The outcome of extracting one document: text and metadata, or why there are none. */
public sealed interface Extraction {

    /** Text and metadata. {@code truncated} when the text reached the configured length limit. */
    record Success(String mediaType, String text, boolean truncated, Integer pageCount, String language,
                   Map<String, String> metadata) implements Extraction {}

    /** The document cannot be extracted, and never will be: it ends as failed. */
    record Rejected(Failure failure, String mediaType) implements Extraction {}
}
