package dev.gitops.validator.model;

import dev.gitops.validator.source.FieldPath;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * A mapping of a document read strictly into a model: every accessor names a field the model knows,
 * checks its type and records a {@link ModelProblem} when it is wrong. {@link #end()} then reports
 * every field that no accessor asked for as unknown. A wrong or missing value reads as null, so a
 * model is always built and problems are reported at exact paths.
 */
public final class Node {

    private final Map<String, Object> fields;
    private final FieldPath path;
    private final List<ModelProblem> problems;
    private final Set<String> known = new LinkedHashSet<>();
    private final boolean present;

    private Node(Map<String, Object> fields, FieldPath path, List<ModelProblem> problems, boolean present) {
        this.fields = fields;
        this.path = path;
        this.problems = problems;
        this.present = present;
    }

    /** Reads {@code value} at {@code path} as a mapping; anything else is a type problem. */
    @SuppressWarnings("unchecked")
    public static Node of(Object value, FieldPath path, List<ModelProblem> problems) {
        if (value == null) {
            return new Node(Map.of(), path, problems, false);
        }
        if (value instanceof Map<?, ?> m) {
            return new Node((Map<String, Object>) m, path, problems, true);
        }
        problems.add(new ModelProblem(ModelProblem.Kind.WRONG_TYPE, path,
                path + " must be an object, not " + describe(value)));
        return new Node(Map.of(), path, problems, false);
    }

    /** True when the mapping exists in the document. */
    public boolean present() {
        return present;
    }

    public FieldPath path() {
        return path;
    }

    public FieldPath path(String key) {
        return path.key(key);
    }

    /** True when the field is set (not absent, not null). Asking marks the field as one the model knows. */
    public boolean has(String key) {
        known.add(key);
        return fields.get(key) != null;
    }

    /** Keys of this mapping, in document order. */
    public Set<String> keys() {
        return Collections.unmodifiableSet(fields.keySet());
    }

    public List<ModelProblem> problems() {
        return problems;
    }

    /** Reports a problem of the model's own (an enum, a pattern, one-of). */
    public void invalid(String key, String message) {
        problems.add(new ModelProblem(ModelProblem.Kind.INVALID_VALUE, path.key(key), message));
    }

    /** Marks a field as one the model knows without reading it. */
    public Node allow(String... keys) {
        Collections.addAll(known, keys);
        return this;
    }

    private Object raw(String key, boolean required) {
        known.add(key);
        Object v = fields.get(key);
        if (v == null && required && present) {
            problems.add(new ModelProblem(ModelProblem.Kind.MISSING_FIELD, path.key(key),
                    where(key) + " is required"));
        }
        return v;
    }

    private String where(String key) {
        return path.key(key).toString();
    }

    private void wrong(String key, String expected, Object v) {
        problems.add(new ModelProblem(ModelProblem.Kind.WRONG_TYPE, path.key(key),
                where(key) + " must be " + expected + ", not " + describe(v)));
    }

    public String string(String key) {
        return string(key, false);
    }

    public String requiredString(String key) {
        return string(key, true);
    }

    private String string(String key, boolean required) {
        Object v = raw(key, required);
        if (v == null) {
            return null;
        }
        if (v instanceof String s) {
            if (required && s.isEmpty()) {
                problems.add(new ModelProblem(ModelProblem.Kind.MISSING_FIELD, path.key(key),
                        where(key) + " must not be empty"));
            }
            return s;
        }
        wrong(key, "a string", v);
        return null;
    }

    /** A string from a fixed set of values. */
    public String oneOf(String key, boolean required, String... values) {
        String s = string(key, required);
        if (s != null && !List.of(values).contains(s)) {
            invalid(key, where(key) + " must be one of " + String.join(", ", values) + ", not '" + s + "'");
        }
        return s;
    }

    /** A string matching a pattern. */
    public String matching(String key, boolean required, Pattern pattern, String description) {
        String s = string(key, required);
        if (s != null && !pattern.matcher(s).matches()) {
            invalid(key, where(key) + " must be " + description + ", not '" + s + "'");
        }
        return s;
    }

    public Long integer(String key) {
        return integer(key, false);
    }

    public Long integer(String key, boolean required) {
        Object v = raw(key, required);
        if (v == null) {
            return null;
        }
        if (v instanceof Long l) {
            return l;
        }
        if (v instanceof Integer i) {
            return i.longValue();
        }
        wrong(key, "an integer", v);
        return null;
    }

    public Double number(String key) {
        Object v = raw(key, false);
        if (v == null) {
            return null;
        }
        if (v instanceof Number n) {
            return n.doubleValue();
        }
        wrong(key, "a number", v);
        return null;
    }

    public Boolean bool(String key) {
        Object v = raw(key, false);
        if (v == null) {
            return null;
        }
        if (v instanceof Boolean b) {
            return b;
        }
        wrong(key, "true or false", v);
        return null;
    }

    /** An int-or-string field (e.g. {@code maxSurge: 25%}, a pause duration), as written. */
    public IntOrString intOrString(String key) {
        Object v = raw(key, false);
        if (v == null) {
            return null;
        }
        if (v instanceof Long l) {
            return IntOrString.of(l);
        }
        if (v instanceof String s) {
            return IntOrString.of(s);
        }
        wrong(key, "an integer or a string", v);
        return null;
    }

    /** A nested mapping; absent reads as an empty, non-present node. */
    public Node object(String key) {
        return object(key, false);
    }

    public Node object(String key, boolean required) {
        Object v = raw(key, required);
        return Node.of(v, path.key(key), problems);
    }

    /** A free-form value the model does not look into (e.g. a plugin's {@code config}). */
    public Object any(String key) {
        return raw(key, false);
    }

    /** A list read item by item; a non-list is a type problem and reads as empty. */
    public <T> List<T> list(String key, boolean required, ItemReader<T> reader) {
        Object v = raw(key, required);
        if (v == null) {
            return List.of();
        }
        if (!(v instanceof List<?> l)) {
            wrong(key, "a list", v);
            return List.of();
        }
        List<T> out = new ArrayList<>(l.size());
        for (int i = 0; i < l.size(); i++) {
            T t = reader.read(l.get(i), path.key(key).index(i), problems);
            if (t != null) {
                out.add(t);
            }
        }
        return out;
    }

    public <T> List<T> list(String key, ItemReader<T> reader) {
        return list(key, false, reader);
    }

    /** A list of objects, each read by {@code reader}. */
    public <T> List<T> objects(String key, boolean required, Function<Node, T> reader) {
        return list(key, required, (item, at, sink) -> {
            Node n = Node.of(item, at, sink);
            if (!n.present()) {
                return null;
            }
            T t = reader.apply(n);
            n.end();
            return t;
        });
    }

    public <T> List<T> objects(String key, Function<Node, T> reader) {
        return objects(key, false, reader);
    }

    public List<String> strings(String key) {
        return strings(key, false);
    }

    public List<String> strings(String key, boolean required) {
        return list(key, required, (item, at, sink) -> {
            if (item instanceof String s) {
                return s;
            }
            sink.add(new ModelProblem(ModelProblem.Kind.WRONG_TYPE, at, at + " must be a string, not "
                    + describe(item)));
            return null;
        });
    }

    /** A mapping of string to string (labels, annotations, ConfigMap data). */
    public Map<String, String> stringMap(String key) {
        Object v = raw(key, false);
        if (v == null) {
            return Map.of();
        }
        if (!(v instanceof Map<?, ?> m)) {
            wrong(key, "a mapping of strings", v);
            return Map.of();
        }
        Map<String, String> out = new LinkedHashMap<>();
        for (Map.Entry<?, ?> e : m.entrySet()) {
            String k = String.valueOf(e.getKey());
            if (e.getValue() instanceof String s) {
                out.put(k, s);
            } else {
                problems.add(new ModelProblem(ModelProblem.Kind.WRONG_TYPE, path.key(key).key(k),
                        path.key(key).key(k) + " must be a string, not " + describe(e.getValue())
                                + (e.getValue() instanceof Boolean || e.getValue() instanceof Number
                                ? " (quote it)" : "")));
            }
        }
        return out;
    }

    /** A mapping of name to object, each read by {@code reader}. */
    public <T> Map<String, T> objectMap(String key, java.util.function.BiFunction<String, Node, T> reader) {
        Node m = object(key);
        Map<String, T> out = new LinkedHashMap<>();
        for (String k : m.keys()) {
            Node n = m.object(k);
            if (n.present()) {
                out.put(k, reader.apply(k, n));
                n.end();
            }
        }
        m.end();
        return out;
    }

    /** Reports every field no accessor asked for. Returns this node's presence. */
    public boolean end() {
        for (String k : fields.keySet()) {
            if (!known.contains(k)) {
                problems.add(new ModelProblem(ModelProblem.Kind.UNKNOWN_FIELD, path.key(k),
                        "unknown field " + path.key(k) + (known.isEmpty() ? "" : " (known: "
                                + String.join(", ", known.stream().sorted().toList()) + ")")));
            }
        }
        return present;
    }

    /** Reads a nested object and ends it at once. */
    public <T> T read(String key, boolean required, Function<Node, T> reader) {
        Node n = object(key, required);
        T t = reader.apply(n);
        n.end();
        return t;
    }

    static String describe(Object v) {
        if (v instanceof String s) {
            return "the string '" + (s.length() > 40 ? s.substring(0, 40) + "…" : s) + "'";
        }
        if (v instanceof Boolean) {
            return "the boolean " + v;
        }
        if (v instanceof Number) {
            return "the number " + v;
        }
        if (v instanceof List<?>) {
            return "a list";
        }
        if (v instanceof Map<?, ?>) {
            return "an object";
        }
        return String.valueOf(v);
    }

    /** Reads one list item. */
    @FunctionalInterface
    public interface ItemReader<T> {
        T read(Object item, FieldPath at, List<ModelProblem> problems);
    }
}
