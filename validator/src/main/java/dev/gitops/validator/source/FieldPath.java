package dev.gitops.validator.source;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The path of a field inside a document, e.g. {@code spec.template.spec.containers[0].image}.
 *
 * <p>Segments are map keys (String) or list indexes (Integer). A key that is not a plain identifier
 * is written in brackets and quotes: {@code metadata.annotations["argocd.argoproj.io/sync-wave"]}.
 * The root path is the empty string.
 */
public record FieldPath(List<Object> segments) {

    private static final Pattern PLAIN_KEY = Pattern.compile("[A-Za-z_$][A-Za-z0-9_$-]*");
    public static final FieldPath ROOT = new FieldPath(List.of());

    public FieldPath {
        for (Object s : segments) {
            if (!(s instanceof String) && !(s instanceof Integer)) {
                throw new IllegalArgumentException("path segment must be a key or an index: " + s);
            }
        }
        segments = List.copyOf(segments);
    }

    public static FieldPath of(Object... segments) {
        return new FieldPath(List.of(segments));
    }

    public FieldPath key(String key) {
        return append(key);
    }

    public FieldPath index(int index) {
        return append(index);
    }

    private FieldPath append(Object segment) {
        Object[] next = segments.toArray(new Object[segments.size() + 1]);
        next[segments.size()] = segment;
        return new FieldPath(List.of(next)); // immutable already: the constructor does not copy it again
    }

    public boolean isRoot() {
        return segments.isEmpty();
    }

    public FieldPath parent() {
        if (segments.isEmpty()) {
            return this;
        }
        return new FieldPath(segments.subList(0, segments.size() - 1));
    }

    /** The last segment, or null for the root. */
    public Object last() {
        return segments.isEmpty() ? null : segments.getLast();
    }

    public boolean startsWith(FieldPath prefix) {
        return segments.size() >= prefix.segments.size()
                && segments.subList(0, prefix.segments.size()).equals(prefix.segments);
    }

    /**
     * Parses the textual form. Accepts {@code a.b[0].c}, {@code a["x.y"]}, {@code a['x.y']},
     * and a leading {@code $.} or {@code .} as written by JSONPath-minded tools.
     *
     * @throws IllegalArgumentException on malformed text
     */
    public static FieldPath parse(String text) {
        if (text == null) {
            throw new IllegalArgumentException("path is null");
        }
        String s = text.strip();
        if (s.startsWith("$")) {
            s = s.substring(1);
        }
        List<Object> out = new ArrayList<>();
        int i = 0;
        int n = s.length();
        while (i < n) {
            char c = s.charAt(i);
            if (c == '.') {
                i++;
                continue;
            }
            if (c == '[') {
                int close;
                if (i + 1 < n && (s.charAt(i + 1) == '"' || s.charAt(i + 1) == '\'')) {
                    char quote = s.charAt(i + 1);
                    StringBuilder key = new StringBuilder();
                    int j = i + 2;
                    while (j < n && s.charAt(j) != quote) {
                        if (s.charAt(j) == '\\' && j + 1 < n) {
                            j++;
                        }
                        key.append(s.charAt(j));
                        j++;
                    }
                    if (j + 1 >= n || s.charAt(j + 1) != ']') {
                        throw new IllegalArgumentException("unterminated quoted key in path: " + text);
                    }
                    out.add(key.toString());
                    i = j + 2;
                    continue;
                }
                close = s.indexOf(']', i);
                if (close < 0) {
                    throw new IllegalArgumentException("unterminated index in path: " + text);
                }
                String inner = s.substring(i + 1, close).strip();
                try {
                    out.add(Integer.parseInt(inner));
                } catch (NumberFormatException e) {
                    out.add(inner);
                }
                i = close + 1;
                continue;
            }
            int j = i;
            while (j < n && s.charAt(j) != '.' && s.charAt(j) != '[') {
                j++;
            }
            out.add(s.substring(i, j));
            i = j;
        }
        return new FieldPath(out);
    }

    @Override
    public String toString() {
        StringBuilder b = new StringBuilder();
        for (Object s : segments) {
            if (s instanceof Integer idx) {
                b.append('[').append(idx).append(']');
            } else {
                String key = (String) s;
                if (PLAIN_KEY.matcher(key).matches()) {
                    if (!b.isEmpty()) {
                        b.append('.');
                    }
                    b.append(key);
                } else {
                    b.append("[\"").append(key.replace("\\", "\\\\").replace("\"", "\\\"")).append("\"]");
                }
            }
        }
        return b.toString();
    }
}
