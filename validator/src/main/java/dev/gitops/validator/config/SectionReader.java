package dev.gitops.validator.config;

import dev.gitops.validator.source.FieldPath;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Typed values of one configuration section; a value of the wrong type is an {@link InvalidSetting}. */
public final class SectionReader {

    /** A malformed value, at its path in the configuration. */
    public static final class InvalidSetting extends IllegalArgumentException {

        private final transient FieldPath path;

        InvalidSetting(FieldPath path, String message) {
            super(message);
            this.path = path;
        }

        public FieldPath path() {
            return path;
        }
    }

    private final String section;
    private final Map<String, Object> values;

    SectionReader(String section, Map<String, Object> values) {
        this.section = section;
        this.values = values;
    }

    /** The section as read, for settings with a structure of their own. */
    public Map<String, Object> raw() {
        return values;
    }

    public long integer(String key, long fallback) {
        Object v = values.get(key);
        if (v == null) {
            return fallback;
        }
        if (!(v instanceof Long || v instanceof Integer)) {
            throw invalid(key, "expected an integer");
        }
        return ((Number) v).longValue();
    }

    /** An integer from {@code min} to {@code max}. */
    public long integer(String key, long fallback, long min, long max) {
        long n = integer(key, fallback);
        if (n < min || n > max) {
            throw invalid(key, "expected an integer from " + min + " to " + max + ", not " + n);
        }
        return n;
    }

    public String string(String key, String fallback) {
        return value(key, fallback, String.class, "expected a string");
    }

    public boolean bool(String key, boolean fallback) {
        return value(key, fallback, Boolean.class, "expected true or false");
    }

    private <T> T value(String key, T fallback, Class<T> type, String expected) {
        Object v = values.get(key);
        if (v == null) {
            return fallback;
        }
        if (!type.isInstance(v)) {
            throw invalid(key, expected);
        }
        return type.cast(v);
    }

    /** A list of strings; empty when absent. */
    public List<String> strings(String key) {
        Object v = values.get(key);
        if (v == null) {
            return List.of();
        }
        if (!(v instanceof List<?> l)) {
            throw invalid(key, "expected a list of strings");
        }
        List<String> out = new ArrayList<>();
        for (int i = 0; i < l.size(); i++) {
            if (!(l.get(i) instanceof String s)) {
                throw new InvalidSetting(FieldPath.of(section, key).index(i), "expected a string");
            }
            out.add(s);
        }
        return out;
    }

    /** Rejects keys other than these. */
    public void only(String... keys) {
        for (String key : values.keySet()) {
            if (!List.of(keys).contains(key)) {
                throw invalid(key, "unknown key (known: " + String.join(", ", keys) + ")");
            }
        }
    }

    /** An error about one key of the section. */
    public InvalidSetting invalid(String key, String message) {
        return new InvalidSetting(FieldPath.of(section, key), message);
    }
}
