package dev.gitops.validator.schema;

import io.kubernetes.client.custom.Quantity;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.regex.Pattern;

/** Syntax checks of Kubernetes value formats. Each returns null when the value is fine, else why not. */
final class ValueFormats {

    /** Go's time.ParseDuration syntax: {@code 300ms}, {@code 1h30m}, {@code -1.5h}, {@code 0}. */
    private static final Pattern GO_DURATION = Pattern.compile("[-+]?(0|(\\d+(\\.\\d*)?|\\.\\d+)(ns|us|µs|μs|ms|s|m|h))+");

    private ValueFormats() {
    }

    /** A resource.Quantity: {@code 500m}, {@code 1Gi}, {@code 2e3}, or a plain number. */
    static String quantity(String text) {
        if (text.isEmpty()) {
            return "an empty string is not a quantity";
        }
        try {
            Quantity.fromString(text);
            return null;
        } catch (RuntimeException e) {
            String why = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            return "'" + text + "' is not a valid quantity (" + why + ")";
        }
    }

    static String goDuration(String text) {
        if (GO_DURATION.matcher(text).matches()) {
            return null;
        }
        return "'" + text + "' is not a duration (Go syntax, e.g. 30s, 5m, 1h30m)";
    }

    static String dateTime(String text) {
        try {
            OffsetDateTime.parse(text);
            return null;
        } catch (DateTimeParseException e) {
            return "'" + text + "' is not an RFC 3339 date-time (e.g. 2026-01-31T12:00:00Z)";
        }
    }

    static String base64(String text) {
        try {
            Base64.getDecoder().decode(text.replace("\n", "").replace("\r", ""));
            return null;
        } catch (IllegalArgumentException e) {
            return "value is not valid base64 (" + e.getMessage() + "); put plain text under stringData instead";
        }
    }
}
