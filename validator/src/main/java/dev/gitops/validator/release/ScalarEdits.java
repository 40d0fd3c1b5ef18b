package dev.gitops.validator.release;

import dev.gitops.validator.load.LoadLimits;
import dev.gitops.validator.load.LoadedFile;
import dev.gitops.validator.load.YamlLoader;
import dev.gitops.validator.resource.Resource;
import dev.gitops.validator.source.FieldPath;
import dev.gitops.validator.source.Position;
import dev.gitops.validator.source.SourceFile;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Changes scalar values in place: the text of each value is replaced at the exact position the
 * loader recorded, in the quoting style it had, so comments, key order, indentation and every other
 * byte of the file stay as they were. Files are never re-serialised.
 *
 * <p>Every edited file is read again, and must hold exactly the old content with the edited values
 * changed; anything else (a value the editor could not delimit) is refused.
 */
public final class ScalarEdits {

    /** One value to set: a field of a resource, and its new value (String or Long). */
    public record Edit(Resource resource, FieldPath path, Object value) {

        public String file() {
            return resource.file().displayName();
        }
    }

    /** The edit cannot be made in place. */
    public static final class EditException extends Exception {
        public EditException(String message) {
            super(message);
        }
    }

    private final List<Edit> edits = new ArrayList<>();

    /** Adds an edit unless the field already holds the value. */
    public ScalarEdits set(Resource resource, FieldPath path, Object value) {
        if (!Objects.equals(resource.get(path), value)) {
            edits.removeIf(e -> e.resource() == resource && e.path().equals(path));
            edits.add(new Edit(resource, path, value));
        }
        return this;
    }

    public List<Edit> edits() {
        return List.copyOf(edits);
    }

    public boolean isEmpty() {
        return edits.isEmpty();
    }

    /**
     * The new content of every edited file, by display name, in name order.
     *
     * @param read reads a file's current bytes
     */
    public Map<String, byte[]> render(FileReader read) throws EditException {
        Map<String, List<Edit>> byFile = new TreeMap<>();
        Map<String, SourceFile> sources = new LinkedHashMap<>();
        for (Edit e : edits) {
            byFile.computeIfAbsent(e.file(), k -> new ArrayList<>()).add(e);
            sources.put(e.file(), e.resource().file());
        }
        Map<String, byte[]> out = new LinkedHashMap<>();
        for (Map.Entry<String, List<Edit>> f : byFile.entrySet()) {
            SourceFile source = sources.get(f.getKey());
            String text = new String(read.read(source), StandardCharsets.UTF_8);
            String edited = apply(text, f.getValue(), f.getKey());
            byte[] bytes = edited.getBytes(StandardCharsets.UTF_8);
            verify(source, text, bytes, f.getValue());
            out.put(f.getKey(), bytes);
        }
        return out;
    }

    /** Reads the current bytes of a file. */
    @FunctionalInterface
    public interface FileReader {
        byte[] read(SourceFile file) throws EditException;
    }

    private static String apply(String text, List<Edit> edits, String file) throws EditException {
        List<int[]> lineStarts = new ArrayList<>();
        int[] starts = lineStarts(text);
        record Span(int start, int end, String replacement) {
        }
        List<Span> spans = new ArrayList<>();
        for (Edit e : edits) {
            FieldPath abs = e.resource().absolute(e.path());
            Position pos = e.resource().positions().value(abs);
            if (pos == null || !e.resource().positions().contains(abs)) {
                throw new EditException(file + ": no field " + e.path() + " to edit in " + e.resource().ref().display());
            }
            if (pos.line() > starts.length) {
                throw new EditException(file + ":" + pos.line() + ": position outside the file");
            }
            int lineStart = starts[pos.line() - 1];
            int start;
            try {
                start = text.offsetByCodePoints(lineStart, pos.column() - 1);
            } catch (IndexOutOfBoundsException ex) {
                throw new EditException(file + ":" + pos + ": position outside the file");
            }
            int end = scalarEnd(text, start, file, pos);
            String old = text.substring(start, end);
            spans.add(new Span(start, end, render(old, e.value())));
        }
        spans.sort(Comparator.comparingInt(Span::start).reversed());
        StringBuilder b = new StringBuilder(text);
        int previousStart = Integer.MAX_VALUE;
        for (Span s : spans) {
            if (s.end() > previousStart) {
                throw new EditException(file + ": two edits overlap");
            }
            b.replace(s.start(), s.end(), s.replacement());
            previousStart = s.start();
        }
        return b.toString();
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
            return '"' + v.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
        }
        if (old.startsWith("'")) {
            return '\'' + v.replace("'", "''") + '\'';
        }
        if (value instanceof String s && !plainSafe(s)) {
            return '"' + s.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
        }
        return v;
    }

    /** A string that reads back as the same string when written plain. */
    private static boolean plainSafe(String s) {
        return s.matches("[A-Za-z_/][A-Za-z0-9._/@:+-]*") && !s.matches("(?i)(y|n|yes|no|true|false|on|off|null|~)");
    }

    private static void verify(SourceFile source, String oldText, byte[] bytes, List<Edit> edits)
            throws EditException {
        YamlLoader loader = new YamlLoader(LoadLimits.DEFAULT);
        LoadedFile before = loader.load(source, oldText.getBytes(StandardCharsets.UTF_8));
        LoadedFile after = loader.load(source, bytes);
        if (after.resources().size() != before.resources().size()
                || after.findings().stream().anyMatch(f -> f.isError())
                        && before.findings().stream().noneMatch(f -> f.isError())) {
            throw new EditException(source.displayName() + ": the edit would break the file; edit it by hand");
        }
        for (int i = 0; i < before.resources().size(); i++) {
            Resource b = before.resources().get(i);
            Object expected = b.content();
            for (Edit e : edits) {
                if (e.resource().documentIndex() == b.documentIndex() && e.resource().itemIndex() == b.itemIndex()) {
                    expected = with(expected, e.path().segments(), 0, e.value());
                }
            }
            if (!expected.equals(after.resources().get(i).content())) {
                throw new EditException(source.displayName() + ": could not change " + describe(edits)
                        + " in place (unusual quoting or layout); edit it by hand");
            }
        }
    }

    private static String describe(List<Edit> edits) {
        return String.join(", ", edits.stream().map(e -> e.path().toString()).toList());
    }

    @SuppressWarnings("unchecked")
    private static Object with(Object node, List<Object> path, int i, Object value) {
        if (i == path.size()) {
            return value;
        }
        Object seg = path.get(i);
        if (node instanceof Map<?, ?> m && seg instanceof String key) {
            Map<String, Object> copy = new LinkedHashMap<>((Map<String, Object>) m);
            copy.put(key, with(copy.get(key), path, i + 1, value));
            return copy;
        }
        if (node instanceof List<?> l && seg instanceof Integer idx) {
            List<Object> copy = new ArrayList<>(l);
            copy.set(idx, with(copy.get(idx), path, i + 1, value));
            return copy;
        }
        return node;
    }
}
