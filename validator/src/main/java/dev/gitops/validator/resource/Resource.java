package dev.gitops.validator.resource;

import dev.gitops.validator.source.FieldPath;
import dev.gitops.validator.source.Position;
import dev.gitops.validator.source.PositionIndex;
import dev.gitops.validator.source.SourceFile;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;

/**
 * One document of a file, as Kubernetes would read it, with the position of every field.
 *
 * @param file the file it came from
 * @param documentIndex 0-based index of the YAML document in the file
 * @param itemIndex index inside a {@code List} kind, or -1 when the document is the resource
 * @param basePath where this resource sits inside its document ({@code items[3]} for a List item)
 * @param content the document as plain Java values: Map (String keys), List, String, Long, Double,
 *     Boolean, null
 * @param positions positions of the document's fields (paths relative to the document root)
 */
public record Resource(SourceFile file, int documentIndex, int itemIndex, FieldPath basePath,
                       Map<String, Object> content, PositionIndex positions) {

    public ResourceRef ref() {
        Map<String, Object> metadata = map(content.get("metadata"));
        return new ResourceRef(
                string(content.get("apiVersion")),
                string(content.get("kind")),
                metadata == null ? null : string(metadata.get("namespace")),
                metadata == null ? null : string(metadata.get("name")));
    }

    public String apiVersion() {
        return string(content.get("apiVersion"));
    }

    public String kind() {
        return string(content.get("kind"));
    }

    /** Position of a field in this resource (or its nearest existing ancestor). */
    public Position positionOf(FieldPath path) {
        return positions.nearest(absolute(path));
    }

    /** Position of the resource itself. */
    public Position start() {
        return positions.nearest(basePath);
    }

    /** The path of a field of this resource, relative to its document. */
    public FieldPath absolute(FieldPath path) {
        if (basePath.isRoot()) {
            return path;
        }
        List<Object> all = new java.util.ArrayList<>(basePath.segments());
        all.addAll(path.segments());
        return new FieldPath(all);
    }

    /** Follows a path through the content; null when any step is missing. */
    public Object get(FieldPath path) {
        Object node = content;
        for (Object seg : path.segments()) {
            if (seg instanceof String key && node instanceof Map<?, ?> m) {
                node = m.get(key);
            } else if (seg instanceof Integer i && node instanceof List<?> l && i >= 0 && i < l.size()) {
                node = l.get(i);
            } else {
                return null;
            }
        }
        return node;
    }

    public Object get(String path) {
        return get(FieldPath.parse(path));
    }

    /** Calls {@code visit} with the path and value of every string in the content, in document order. */
    public void forEachString(BiConsumer<FieldPath, String> visit) {
        forEachString(content, FieldPath.ROOT, visit);
    }

    private static void forEachString(Object node, FieldPath path, BiConsumer<FieldPath, String> visit) {
        if (node instanceof Map<?, ?> m) {
            for (Map.Entry<?, ?> e : m.entrySet()) {
                forEachString(e.getValue(), path.key(String.valueOf(e.getKey())), visit);
            }
        } else if (node instanceof List<?> l) {
            for (int i = 0; i < l.size(); i++) {
                forEachString(l.get(i), path.index(i), visit);
            }
        } else if (node instanceof String s) {
            visit.accept(path, s);
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object o) {
        return o instanceof Map<?, ?> m ? (Map<String, Object>) m : null;
    }

    private static String string(Object o) {
        return o instanceof String s ? s : null;
    }
}
