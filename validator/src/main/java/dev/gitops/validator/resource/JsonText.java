package dev.gitops.validator.resource;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * JSON held as text in a manifest's string field or a recorded file: IAM policy documents, ACK annotations, CRD schemas
 * served as JSON, the repository's records. One Jackson mapper reads them all; it is made on first use, because making
 * it costs milliseconds of start-up that a run reading no JSON text (a schema-only run, a pre-commit run of a few
 * files) should not pay.
 */
public final class JsonText {

    private JsonText() {
    }

    private static final class Mapper {
        static final ObjectMapper INSTANCE = new ObjectMapper();
    }

    /** The JSON tree of {@code text}. */
    public static JsonNode read(String text) throws JsonProcessingException {
        return Mapper.INSTANCE.readTree(text);
    }

    /** {@code text} read as {@code type}. */
    public static <T> T read(String text, TypeReference<T> type) throws JsonProcessingException {
        return Mapper.INSTANCE.readValue(text, type);
    }
}
