package dev.gitops.validator.release;

import dev.gitops.validator.load.LoadLimits;
import dev.gitops.validator.load.LoadedFile;
import dev.gitops.validator.load.YamlLoader;
import dev.gitops.validator.resource.Resource;
import dev.gitops.validator.source.FieldPath;
import dev.gitops.validator.source.SourceFile;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Edits of the tree that keep every other byte of the files as it was: comments, key order,
 * indentation and quoting. Three kinds, all made on the text at the positions the loader recorded,
 * never by re-serialising a file:
 *
 * <ul>
 *   <li>a scalar value replaced in place, in the quoting style it had;</li>
 *   <li>an annotation line added to or removed from a resource's {@code metadata.annotations};</li>
 *   <li>a file moved to another path (with its edits);</li>
 *   <li>a file deleted, or created with a given content (shutdown, and release bringing a cluster back).</li>
 * </ul>
 *
 * <p>Every edited file is read again and must hold exactly the old content with the intended
 * changes; anything else (a value the editor could not delimit, an unusual layout) is refused.
 */
public final class TreeEdits {

    /** One value to set: a field of a resource, and its new value (String or Long). */
    public record Edit(Resource resource, FieldPath path, Object value) {

        public String file() {
            return resource.file().displayName();
        }
    }

    /** An annotation to add (value non-null) or remove (value null). */
    public record Annotation(Resource resource, String key, String value) {

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

    /** Reads the current bytes of a file. */
    @FunctionalInterface
    public interface FileReader {
        byte[] read(SourceFile file) throws EditException;
    }

    private final List<Edit> edits = new ArrayList<>();
    private final List<Annotation> annotations = new ArrayList<>();
    private final Map<String, String> moves = new TreeMap<>();
    private final Map<String, byte[]> created = new TreeMap<>();
    private final List<String> deleted = new ArrayList<>();

    /** Sets a scalar, unless the field already holds the value. */
    public TreeEdits set(Resource resource, FieldPath path, Object value) {
        if (!Objects.equals(resource.get(path), value)) {
            edits.removeIf(e -> e.resource() == resource && e.path().equals(path));
            edits.add(new Edit(resource, path, value));
        }
        return this;
    }

    /** Adds the annotation {@code key: "value"}, unless the resource already has it with that value. */
    public TreeEdits annotate(Resource resource, String key, String value) {
        if (!value.equals(resource.get(FieldPath.of("metadata", "annotations", key)))) {
            if (resource.get(FieldPath.of("metadata", "annotations", key)) != null) {
                set(resource, FieldPath.of("metadata", "annotations", key), value);
            } else {
                annotations.add(new Annotation(resource, key, value));
            }
        }
        return this;
    }

    /** Removes an annotation, if the resource has it. */
    public TreeEdits unannotate(Resource resource, String key) {
        if (resource.get(FieldPath.of("metadata", "annotations")) instanceof Map<?, ?> m && m.containsKey(key)) {
            annotations.add(new Annotation(resource, key, null));
        }
        return this;
    }

    /** Moves a file (display names relative to the root); its edits go with it. */
    public TreeEdits move(String from, String to) {
        moves.put(from, to);
        return this;
    }

    /** Deletes a file (display name relative to the root). */
    public TreeEdits delete(String file) {
        if (!deleted.contains(file)) {
            deleted.add(file);
        }
        return this;
    }

    /** Creates a file that does not exist yet with this content. */
    public TreeEdits create(String file, byte[] content) {
        created.put(file, content.clone());
        return this;
    }

    /** Files this change deletes, in the order they were named. */
    public List<String> deletions() {
        return List.copyOf(deleted);
    }

    /** Files this change creates, in name order. */
    public List<String> creations() {
        return List.copyOf(created.keySet());
    }

    public List<Edit> edits() {
        return List.copyOf(edits);
    }

    public List<Annotation> annotations() {
        return List.copyOf(annotations);
    }

    public Map<String, String> moves() {
        return Map.copyOf(moves);
    }

    public boolean isEmpty() {
        return edits.isEmpty() && annotations.isEmpty() && moves.isEmpty() && created.isEmpty() && deleted.isEmpty();
    }

    /**
     * The new content of every changed file, by display name in name order; a null content means
     * the file is deleted (the source of a move).
     */
    public Map<String, byte[]> render(FileReader read) throws EditException {
        Map<String, SourceFile> sources = new TreeMap<>();
        Map<String, List<Edit>> editsByFile = new LinkedHashMap<>();
        Map<String, List<Annotation>> annotationsByFile = new LinkedHashMap<>();
        for (Edit e : edits) {
            sources.put(e.file(), e.resource().file());
            editsByFile.computeIfAbsent(e.file(), k -> new ArrayList<>()).add(e);
        }
        for (Annotation a : annotations) {
            sources.put(a.file(), a.resource().file());
            annotationsByFile.computeIfAbsent(a.file(), k -> new ArrayList<>()).add(a);
        }
        Map<String, byte[]> out = new TreeMap<>();
        for (Map.Entry<String, SourceFile> f : sources.entrySet()) {
            String name = f.getKey();
            String text = new String(read.read(f.getValue()), StandardCharsets.UTF_8);
            List<Edit> fe = editsByFile.getOrDefault(name, List.of());
            List<Annotation> fa = annotationsByFile.getOrDefault(name, List.of());
            String edited = TextEdits.apply(text, fe, fa, name);
            byte[] bytes = edited.getBytes(StandardCharsets.UTF_8);
            verify(f.getValue(), text, bytes, fe, fa);
            out.put(name, bytes);
        }
        for (Map.Entry<String, String> m : moves.entrySet()) {
            byte[] content = out.get(m.getKey());
            if (content == null) {
                content = read.read(new SourceFile(null, m.getKey()));
            }
            if (out.containsKey(m.getValue())) {
                throw new EditException("cannot move " + m.getKey() + " to " + m.getValue() + ": the target is edited too");
            }
            out.put(m.getKey(), null);
            out.put(m.getValue(), content);
        }
        for (String d : deleted) {
            if (out.get(d) != null || created.containsKey(d)) {
                throw new EditException("cannot delete " + d + ": the change also edits or creates it");
            }
            out.put(d, null);
        }
        for (Map.Entry<String, byte[]> c : created.entrySet()) {
            if (out.containsKey(c.getKey())) {
                throw new EditException("cannot create " + c.getKey() + ": the change also edits, moves or deletes it");
            }
            out.put(c.getKey(), c.getValue().clone());
        }
        return out;
    }

    // ------------------------------------------------------------------ verification

    private static void verify(SourceFile source, String oldText, byte[] bytes, List<Edit> edits,
                               List<Annotation> annotations) throws EditException {
        YamlLoader loader = new YamlLoader(LoadLimits.DEFAULT);
        LoadedFile before = loader.load(source, oldText.getBytes(StandardCharsets.UTF_8));
        LoadedFile after = loader.load(source, bytes);
        if (after.resources().size() != before.resources().size()
                || after.findings().stream().filter(f -> f.isError()).count()
                        > before.findings().stream().filter(f -> f.isError()).count()) {
            throw new EditException(source.displayName() + ": the edit would break the file; edit it by hand");
        }
        for (int i = 0; i < before.resources().size(); i++) {
            Resource b = before.resources().get(i);
            Object expected = b.content();
            for (Edit e : edits) {
                if (same(e.resource(), b)) {
                    expected = with(expected, e.path().segments(), 0, e.value());
                }
            }
            for (Annotation a : annotations) {
                if (same(a.resource(), b)) {
                    expected = annotated(expected, a.key(), a.value());
                }
            }
            if (!expected.equals(after.resources().get(i).content())) {
                throw new EditException(source.displayName() + ": could not change " + b.ref().display()
                        + " in place (unusual quoting or layout); edit it by hand");
            }
        }
    }

    private static boolean same(Resource a, Resource b) {
        return a.documentIndex() == b.documentIndex() && a.itemIndex() == b.itemIndex();
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

    @SuppressWarnings("unchecked")
    private static Object annotated(Object content, String key, String value) {
        Map<String, Object> root = new LinkedHashMap<>((Map<String, Object>) content);
        Map<String, Object> metadata = new LinkedHashMap<>((Map<String, Object>) root.get("metadata"));
        Object old = metadata.get("annotations");
        Map<String, Object> ann = old instanceof Map<?, ?> m ? new LinkedHashMap<>((Map<String, Object>) m)
                : new LinkedHashMap<>();
        if (value == null) {
            ann.remove(key);
        } else {
            ann.put(key, value);
        }
        if (ann.isEmpty()) {
            metadata.remove("annotations");
        } else {
            metadata.put("annotations", ann);
        }
        root.put("metadata", metadata);
        return root;
    }
}
