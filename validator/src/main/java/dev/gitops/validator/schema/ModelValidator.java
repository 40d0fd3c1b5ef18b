package dev.gitops.validator.schema;

import dev.gitops.validator.finding.Suggestions;
import dev.gitops.validator.source.FieldPath;
import java.math.BigInteger;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * Validates a document against a kubernetes-java-client model class, field by field, and reports
 * every violation (not only the first): unknown fields, missing required fields, wrong types,
 * int-or-string, quantities, date-times, base64 and well-known enums.
 *
 * <p>A null value counts as absent, as it does for the API server.
 */
final class ModelValidator {

    /** What {@link #quantityProblems} holds for a valid quantity. */
    private static final String VALID = "";

    private final ModelCatalog catalog;
    /**
     * What is wrong with each quantity text met so far ({@link #VALID}: nothing): the same few values
     * repeat across a tree, and parsing one as the API server does is costly. Checks run in parallel.
     */
    private final Map<String, String> quantityProblems = new ConcurrentHashMap<>();

    ModelValidator(ModelCatalog catalog) {
        this.catalog = catalog;
    }

    /**
     * The path being walked, as a chain to the parent: cheap to extend at every field, turned into a
     * {@link FieldPath} only when a violation is reported.
     */
    private record Trail(Trail parent, Object segment, FieldPath base) {

        Trail key(String key) {
            return new Trail(this, key, null);
        }

        Trail index(int index) {
            return new Trail(this, index, null);
        }

        boolean isRoot() {
            return parent == null && base.isRoot();
        }

        FieldPath toPath() {
            java.util.ArrayDeque<Object> segs = new java.util.ArrayDeque<>();
            Trail t = this;
            while (t.parent != null) {
                segs.addFirst(t.segment);
                t = t.parent;
            }
            List<Object> all = new java.util.ArrayList<>(t.base.segments());
            all.addAll(segs);
            return new FieldPath(all);
        }

        @Override
        public String toString() {
            return toPath().toString();
        }
    }

    /** Validates {@code value} at {@code path} as an instance of {@code model}. */
    void validate(Object value, Class<?> model, FieldPath path, Consumer<Violation> out) {
        walk(value, new FieldType.Model(model), new Trail(null, null, path), null, null, out);
    }

    private void walk(Object value, FieldType type, Trail path, ModelInfo owner, String field,
                      Consumer<Violation> out) {
        if (value == null) {
            return;
        }
        switch (type) {
            case FieldType.Model m -> object(value, catalog.model(m.type()), path, out);
            case FieldType.ListOf l -> {
                if (!(value instanceof List<?> list)) {
                    out.accept(wrongType(path.toPath(), "array", value));
                    return;
                }
                for (int i = 0; i < list.size(); i++) {
                    walk(list.get(i), l.element(), path.index(i), owner, field, out);
                }
            }
            case FieldType.MapOf mo -> {
                if (!(value instanceof Map<?, ?> map)) {
                    out.accept(wrongType(path.toPath(), "object", value));
                    return;
                }
                for (Map.Entry<?, ?> e : map.entrySet()) {
                    walk(e.getValue(), mo.value(), path.key(String.valueOf(e.getKey())), null, null, out);
                }
            }
            case FieldType.Scalar s -> scalar(value, s.leaf(), path, owner, field, out);
        }
    }

    private void object(Object value, ModelInfo info, Trail path, Consumer<Violation> out) {
        if (!(value instanceof Map<?, ?> map)) {
            out.accept(wrongType(path.toPath(), "object (" + info.name() + ")", value));
            return;
        }
        for (Map.Entry<?, ?> e : map.entrySet()) {
            String key = String.valueOf(e.getKey());
            FieldType t = info.fields().get(key);
            if (t == null) {
                String suggestion = Suggestions.closest(key, info.fields().keySet());
                out.accept(new Violation(SchemaRules.UNKNOWN_FIELD, path.key(key).toPath(),
                        "unknown field '" + key + "'" + (path.isRoot() ? "" : " in " + path) + " ("
                                + info.name() + " has no such field)"
                                + (suggestion == null ? "" : "; did you mean '" + suggestion + "'?"),
                        suggestion == null ? "remove it, or check the field name in the API reference of "
                                + info.name() : "rename it to '" + suggestion + "'"));
                continue;
            }
            walk(e.getValue(), t, path.key(key), info, key, out);
        }
        for (String required : info.required()) {
            if (map.get(required) == null) {
                out.accept(new Violation(SchemaRules.MISSING_FIELD, path.key(required).toPath(),
                        "missing required field '" + required + "'" + (path.isRoot() ? "" : " in " + path) + " ("
                                + info.name() + ")", "add " + required));
            }
        }
    }

    private void scalar(Object value, FieldType.Leaf leaf, Trail trail, ModelInfo owner, String field,
                        Consumer<Violation> out) {
        if (value instanceof String && leaf == FieldType.Leaf.STRING && (owner == null
                || WellKnownEnums.of(owner.name(), field) == null)) {
            return; // the common case, decided without building a path
        }
        FieldPath path = trail.toPath();
        switch (leaf) {
            case STRING -> {
                if (!(value instanceof String s)) {
                    out.accept(wrongType(path, "string", value));
                    return;
                }
                List<String> allowed = owner == null ? null : WellKnownEnums.of(owner.name(), field);
                if (allowed != null && !allowed.contains(s)) {
                    String suggestion = Suggestions.closest(s, allowed);
                    out.accept(new Violation(SchemaRules.INVALID_VALUE, path,
                            "'" + s + "' is not an allowed value of " + field + " (one of: " + String.join(", ", allowed)
                                    + ")" + (suggestion == null ? "" : "; did you mean '" + suggestion + "'?"),
                            suggestion == null ? null : "use '" + suggestion + "'"));
                }
            }
            case INT32, INT64 -> {
                if (!isInteger(value)) {
                    out.accept(wrongType(path, "integer", value));
                    return;
                }
                if (leaf == FieldType.Leaf.INT32 && !fitsInt32(value)) {
                    out.accept(new Violation(SchemaRules.INVALID_VALUE, path,
                            value + " is out of range for a 32-bit integer", null));
                } else if (value instanceof BigInteger) {
                    out.accept(new Violation(SchemaRules.INVALID_VALUE, path,
                            value + " is out of range for a 64-bit integer", null));
                }
            }
            case NUMBER -> {
                if (!(value instanceof Number)) {
                    out.accept(wrongType(path, "number", value));
                }
            }
            case BOOLEAN -> {
                if (!(value instanceof Boolean)) {
                    out.accept(wrongType(path, "boolean", value));
                }
            }
            case QUANTITY -> {
                if (value instanceof Number) {
                    return;
                }
                if (!(value instanceof String s)) {
                    out.accept(wrongType(path, "quantity (string or number)", value));
                    return;
                }
                String problem = quantityProblems.computeIfAbsent(s,
                        text -> Objects.requireNonNullElse(ValueFormats.quantity(text), VALID));
                if (!problem.isEmpty()) {
                    out.accept(new Violation(SchemaRules.INVALID_VALUE, path, problem,
                            "use a Kubernetes quantity such as 512Mi, 1Gi, 250m or 2"));
                }
            }
            case INT_OR_STRING -> {
                if (value instanceof String) {
                    return;
                }
                if (!isInteger(value)) {
                    out.accept(wrongType(path, "integer or string", value));
                } else if (!fitsInt32(value)) {
                    out.accept(new Violation(SchemaRules.INVALID_VALUE, path,
                            value + " is out of range for a 32-bit integer", null));
                }
            }
            case DATE_TIME -> {
                if (!(value instanceof String s)) {
                    out.accept(wrongType(path, "date-time string", value));
                    return;
                }
                String problem = ValueFormats.dateTime(s);
                if (problem != null) {
                    out.accept(new Violation(SchemaRules.INVALID_VALUE, path, problem, null));
                }
            }
            case BYTES -> {
                if (!(value instanceof String s)) {
                    out.accept(wrongType(path, "base64 string", value));
                    return;
                }
                String problem = ValueFormats.base64(s);
                if (problem != null) {
                    out.accept(new Violation(SchemaRules.INVALID_VALUE, path, problem, null));
                }
            }
            case ANY -> {
            }
        }
    }

    private static boolean isInteger(Object v) {
        return v instanceof Long || v instanceof Integer || v instanceof BigInteger;
    }

    private static boolean fitsInt32(Object v) {
        if (v instanceof Integer) {
            return true;
        }
        if (v instanceof Long l) {
            return l >= Integer.MIN_VALUE && l <= Integer.MAX_VALUE;
        }
        return false;
    }

    static Violation wrongType(FieldPath path, String expected, Object actual) {
        String hint = null;
        if (expected.startsWith("string") && (actual instanceof Number || actual instanceof Boolean)) {
            hint = "quote the value: \"" + actual + "\"";
        }
        return new Violation(SchemaRules.WRONG_TYPE, path, "expected " + expected + ", got " + describe(actual), hint);
    }

    static String describe(Object v) {
        return switch (v) {
            case null -> "null";
            case String s -> "string \"" + (s.length() > 40 ? s.substring(0, 40) + "…" : s) + "\"";
            case Boolean b -> "boolean " + b;
            case Long l -> "integer " + l;
            case Integer i -> "integer " + i;
            case BigInteger b -> "integer " + b;
            case Number n -> "number " + n;
            case Map<?, ?> m -> "object";
            case List<?> l -> "array";
            default -> v.getClass().getSimpleName();
        };
    }
}
