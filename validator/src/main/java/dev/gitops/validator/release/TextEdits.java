package dev.gitops.validator.release;

import dev.gitops.validator.release.TreeEdits.Annotation;
import dev.gitops.validator.release.TreeEdits.Edit;
import dev.gitops.validator.release.TreeEdits.EditException;
import dev.gitops.validator.resource.Resource;
import dev.gitops.validator.source.FieldPath;
import dev.gitops.validator.source.Position;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * The text side of {@link TreeEdits}: each edit becomes a span of the file's text and its
 * replacement, found from the positions the loader recorded: a scalar replaced in the quoting
 * style it had, an annotation line inserted or removed. Spans are applied from the end of the
 * file backwards; overlapping ones are refused.
 */
final class TextEdits {

    private TextEdits() {
    }

    private record Span(int start, int end, String replacement) {
    }

    static String apply(String text, List<Edit> edits, List<Annotation> annotations, String file)
            throws EditException {
        int[] starts = lineStarts(text);
        List<Span> spans = new ArrayList<>();
        for (Edit e : edits) {
            FieldPath abs = e.resource().absolute(e.path());
            if (!e.resource().positions().contains(abs)) {
                throw new EditException(file + ": no field " + e.path() + " to edit in " + e.resource().ref().display());
            }
            Position pos = e.resource().positions().value(abs);
            int start = offset(text, starts, pos, file);
            int end = scalarEnd(text, start, file, pos);
            spans.add(new Span(start, end, render(text.substring(start, end), e.value())));
        }
        for (Annotation a : annotations) {
            spans.add(a.value() == null ? removal(text, starts, a, file) : insertion(text, starts, a, file));
        }
        spans.sort(Comparator.comparingInt(Span::start).thenComparingInt(Span::end).reversed());
        StringBuilder b = new StringBuilder(text);
        int previousStart = Integer.MAX_VALUE;
        for (Span s : spans) {
            if (s.end() > previousStart) {
                throw new EditException(file + ": two edits overlap; make them one at a time");
            }
            b.replace(s.start(), s.end(), s.replacement());
            previousStart = s.start();
        }
        return b.toString();
    }

    private static int offset(String text, int[] starts, Position pos, String file) throws EditException {
        if (pos == null || pos.line() > starts.length) {
            throw new EditException(file + ": position outside the file");
        }
        try {
            return text.offsetByCodePoints(starts[pos.line() - 1], pos.column() - 1);
        } catch (IndexOutOfBoundsException e) {
            throw new EditException(file + ":" + pos + ": position outside the file");
        }
    }

    private static int[] lineStarts(String text) {
        List<Integer> starts = new ArrayList<>();
        starts.add(0);
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) == '\n') {
                starts.add(i + 1);
            }
        }
        return starts.stream().mapToInt(Integer::intValue).toArray();
    }

    /** The end (exclusive) of the scalar that starts at {@code start}. */
    private static int scalarEnd(String text, int start, String file, Position pos) throws EditException {
        int n = text.length();
        if (start >= n) {
            throw new EditException(file + ":" + pos + ": no value to edit");
        }
        char c = text.charAt(start);
        if (c == '"') {
            int j = start + 1;
            while (j < n && text.charAt(j) != '"') {
                j += text.charAt(j) == '\\' ? 2 : 1;
            }
            return Math.min(j + 1, n);
        }
        if (c == '\'') {
            int j = start + 1;
            while (j < n) {
                if (text.charAt(j) == '\'') {
                    if (j + 1 < n && text.charAt(j + 1) == '\'') {
                        j += 2;
                        continue;
                    }
                    break;
                }
                j++;
            }
            return Math.min(j + 1, n);
        }
        if (c == '|' || c == '>' || c == '&' || c == '*' || c == '!' || c == '\n' || c == '\r') {
            throw new EditException(file + ":" + pos + ": the value is not a plain or quoted scalar; edit it by hand");
        }
        int lineEnd = text.indexOf('\n', start);
        if (lineEnd < 0) {
            lineEnd = n;
        }
        int lineStart = text.lastIndexOf('\n', start) + 1;
        int depth = 0;
        for (int i = lineStart; i < start; i++) {
            char p = text.charAt(i);
            if (p == '{' || p == '[') {
                depth++;
            } else if (p == '}' || p == ']') {
                depth--;
            }
        }
        int end = lineEnd;
        for (int i = start; i < lineEnd; i++) {
            char p = text.charAt(i);
            if (p == '#' && i > start && Character.isWhitespace(text.charAt(i - 1))) {
                end = i;
                break;
            }
            if (depth > 0 && (p == ',' || p == '}' || p == ']')) {
                end = i;
                break;
            }
        }
        while (end > start && Character.isWhitespace(text.charAt(end - 1))) {
            end--;
        }
        return end;
    }

    /** The new value's text in the style of the old one. */
    private static String render(String old, Object value) {
        String v = String.valueOf(value);
        if (old.startsWith("\"")) {
            return quote(v);
        }
        if (old.startsWith("'")) {
            return '\'' + v.replace("'", "''") + '\'';
        }
        if (value instanceof String s && !plainSafe(s)) {
            return quote(s);
        }
        return v;
    }

    private static String quote(String s) {
        return '"' + s.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
    }

    /**
     * A string that reads back as the same string when written plain, in YAML 1.1 and 1.2: no
     * indicator characters, and nothing a resolver would take for a number, boolean or null.
     */
    private static boolean plainSafe(String s) {
        return s.matches("[A-Za-z0-9_/.][A-Za-z0-9._/@:+-]*")
                && !s.matches("(?i)(y|n|yes|no|true|false|on|off|null|~)")
                && !s.matches("[-+]?(\\.[0-9_]+|[0-9][0-9_]*(\\.[0-9_]*)?)([eE][-+]?[0-9]+)?")
                && !s.matches("[-+]?0[xXoObB][0-9a-fA-F_]+")
                && !s.matches("[-+]?[0-9][0-9_]*(:[0-5]?[0-9])+(\\.[0-9_]*)?")
                && !s.matches("(?i)[-+]?\\.(inf|nan)");
    }

    /** Adds {@code key: "value"} as the first entry of metadata.annotations, creating the mapping if needed. */
    private static Span insertion(String text, int[] starts, Annotation a, String file) throws EditException {
        Resource r = a.resource();
        FieldPath metadata = r.absolute(FieldPath.of("metadata"));
        FieldPath annotations = r.absolute(FieldPath.of("metadata", "annotations"));
        String entry = quoteKey(a.key()) + ": " + quote(a.value());
        Object existing = r.get(FieldPath.of("metadata", "annotations"));
        if (existing instanceof Map<?, ?> m && !m.isEmpty()) {
            String firstKey = String.valueOf(m.keySet().iterator().next());
            Position first = r.positions().exact(annotations.key(firstKey));
            Position head = r.positions().exact(annotations);
            if (first == null || head == null || first.line() <= head.line()) {
                throw new EditException(file + ": metadata.annotations of " + r.ref().display()
                        + " is not a block mapping; add " + entry + " by hand");
            }
            int at = starts[first.line() - 1];
            return new Span(at, at, " ".repeat(first.column() - 1) + entry + "\n");
        }
        if (existing != null) {
            throw new EditException(file + ": metadata.annotations of " + r.ref().display()
                    + " is empty or not a mapping; add " + entry + " by hand");
        }
        Position meta = r.positions().exact(metadata);
        if (!(r.get(FieldPath.of("metadata")) instanceof Map<?, ?> mm) || mm.isEmpty() || meta == null) {
            throw new EditException(file + ": " + r.ref().display() + " has no metadata mapping to annotate");
        }
        Position child = r.positions().exact(metadata.key(String.valueOf(mm.keySet().iterator().next())));
        if (child == null || child.line() <= meta.line()) {
            throw new EditException(file + ": metadata of " + r.ref().display() + " is not a block mapping; add "
                    + entry + " by hand");
        }
        int indent = child.column() - 1;
        int step = indent - (meta.column() - 1);
        // After the last line of the metadata block: lines more indented than metadata, or blank.
        int line = meta.line();
        int last = meta.line();
        while (line < starts.length) {
            String l = lineText(text, starts, line + 1);
            String stripped = l.strip();
            if (stripped.isEmpty() || stripped.startsWith("#")) {
                line++;
                continue;
            }
            if (leading(l) <= meta.column() - 1 || stripped.equals("---") || stripped.equals("...")) {
                break;
            }
            line++;
            last = line;
        }
        int at = last < starts.length ? starts[last] : text.length();
        String prefix = at == text.length() && !text.endsWith("\n") ? "\n" : "";
        return new Span(at, at, prefix + " ".repeat(indent) + "annotations:\n" + " ".repeat(indent + step) + entry
                + "\n");
    }

    /** Removes the annotation's line, and the {@code annotations:} line when nothing else is left. */
    private static Span removal(String text, int[] starts, Annotation a, String file) throws EditException {
        Resource r = a.resource();
        FieldPath annotations = r.absolute(FieldPath.of("metadata", "annotations"));
        Position key = r.positions().exact(annotations.key(a.key()));
        Position head = r.positions().exact(annotations);
        if (key == null || head == null || key.line() <= head.line()) {
            throw new EditException(file + ": cannot remove annotation " + a.key() + " of " + r.ref().display()
                    + " in place; remove it by hand");
        }
        int start = starts[key.line() - 1];
        int end = key.line() < starts.length ? starts[key.line()] : text.length();
        Map<?, ?> m = (Map<?, ?>) r.get(FieldPath.of("metadata", "annotations"));
        if (m.size() == 1 && head.line() == key.line() - 1) {
            start = starts[head.line() - 1];
        }
        return new Span(start, end, "");
    }

    private static String lineText(String text, int[] starts, int line) {
        int s = starts[line - 1];
        int e = line < starts.length ? starts[line] - 1 : text.length();
        return text.substring(s, Math.max(s, e));
    }

    private static int leading(String line) {
        int i = 0;
        while (i < line.length() && line.charAt(i) == ' ') {
            i++;
        }
        return i;
    }

    private static String quoteKey(String key) {
        return key.matches("[A-Za-z0-9._/-]+") ? key : quote(key);
    }
}
