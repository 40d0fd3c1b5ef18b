package dev.gitops.validator.source;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Where each field of one document sits in its file. For a mapping entry the position is that of
 * its key; for a list item, the start of the item. The root path maps to the document start.
 *
 * <p>The positions form a tree beside the document's values, one {@link Node} per mapping or list
 * read in place, so a document costs no path object or hash entry per field; a lookup follows the
 * path's segments down the tree.
 */
public final class PositionIndex {

    private final Position documentStart;
    private final Node root;

    /**
     * @param documentStart where the document starts
     * @param root the positions of the document's top-level mapping
     */
    public PositionIndex(Position documentStart, Node root) {
        this.documentStart = documentStart;
        this.root = root;
    }

    public Position documentStart() {
        return documentStart;
    }

    /** The exact position of a field, or null when the document has no such field. */
    public Position exact(FieldPath path) {
        if (path.isRoot()) {
            return documentStart;
        }
        Node node = find(path, path.segments().size() - 1);
        int slot = node == null ? -1 : node.slot(path.last());
        return slot < 0 ? null : unpack(node.keyAt[slot]);
    }

    /** The position of a field's value (for a list item, the same as {@link #exact}). */
    public Position value(FieldPath path) {
        if (path.isRoot()) {
            return documentStart;
        }
        Node node = find(path, path.segments().size() - 1);
        int slot = node == null ? -1 : node.slot(path.last());
        if (slot < 0) {
            return null;
        }
        long at = node.valueAt != null && node.valueAt[slot] != 0 ? node.valueAt[slot] : node.keyAt[slot];
        return unpack(at);
    }

    /**
     * The position of a field, or of its nearest ancestor that exists (a missing field is reported
     * where it should have been written).
     */
    public Position nearest(FieldPath path) {
        long found = 0;
        Node node = root;
        for (Object segment : path.segments()) {
            int slot = node == null ? -1 : node.slot(segment);
            if (slot < 0) {
                break;
            }
            found = node.keyAt[slot];
            node = node.children[slot];
        }
        return found == 0 ? documentStart : unpack(found);
    }

    public boolean contains(FieldPath path) {
        return exact(path) != null;
    }

    /** The node of the collection at the first {@code depth} segments of {@code path}, or null. */
    private Node find(FieldPath path, int depth) {
        List<Object> segments = path.segments();
        Node node = root;
        for (int i = 0; i < depth && node != null; i++) {
            int slot = node.slot(segments.get(i));
            node = slot < 0 ? null : node.children[slot];
        }
        return node;
    }

    private static long pack(Position p) {
        return ((long) p.line() << 32) | p.column();
    }

    private static Position unpack(long packed) {
        return new Position((int) (packed >>> 32), (int) packed);
    }

    /**
     * The positions inside one mapping or list, filled in while it is read: for each entry the
     * position of its key (of a list item: its start), of its value, and the node of its value when
     * that is a mapping or list read in place (not through an alias or a merge key). Positions are
     * packed into a long each. Filled by one thread, read only once the document is complete.
     */
    public static final class Node {

        /** Above this many keys a mapping also keeps a hash index of its keys. */
        private static final int LINEAR_KEYS = 16;

        private String[] keys;
        private long[] keyAt = new long[4];
        private long[] valueAt;
        private Node[] children = new Node[4];
        private Map<String, Integer> slotOfKey;
        private int size;

        private Node(boolean mapping) {
            if (mapping) {
                keys = new String[4];
                valueAt = new long[4];
            }
        }

        /** The positions of a mapping. */
        public static Node mapping() {
            return new Node(true);
        }

        /** The positions of a list. */
        public static Node list() {
            return new Node(false);
        }

        /**
         * A mapping entry. A key given again takes the later entry's positions and node, as the later
         * value wins in the mapping.
         *
         * @param child the node of the value, null when it is a scalar or was not read in place
         */
        public void put(String key, Position keyPosition, Position valuePosition, Node child) {
            int slot = slotOfKey(key);
            if (slot < 0) {
                slot = append(child);
                keys[slot] = key;
                if (slotOfKey != null) {
                    slotOfKey.put(key, slot);
                } else if (size > LINEAR_KEYS) {
                    slotOfKey = new HashMap<>();
                    for (int i = 0; i < size; i++) {
                        slotOfKey.putIfAbsent(keys[i], i);
                    }
                }
            }
            keyAt[slot] = pack(keyPosition);
            valueAt[slot] = valuePosition == null ? 0 : pack(valuePosition);
            children[slot] = child;
        }

        /** A key a merge ({@code <<}) brought in, at the merge's position, unless the mapping has it. */
        public void putIfAbsent(String key, Position position) {
            if (slotOfKey(key) < 0) {
                put(key, position, null, null);
            }
        }

        /** Where a mapping's key is written, or null when it has no such key. */
        public Position keyPosition(String key) {
            int slot = keys == null ? -1 : slotOfKey(key);
            return slot < 0 ? null : unpack(keyAt[slot]);
        }

        /** The next list item. */
        public void add(Position start, Node child) {
            int slot = append(child);
            keyAt[slot] = pack(start);
        }

        private int append(Node child) {
            if (size == keyAt.length) {
                int capacity = size * 2;
                keyAt = Arrays.copyOf(keyAt, capacity);
                children = Arrays.copyOf(children, capacity);
                if (keys != null) {
                    keys = Arrays.copyOf(keys, capacity);
                    valueAt = Arrays.copyOf(valueAt, capacity);
                }
            }
            children[size] = child;
            return size++;
        }

        private int slotOfKey(String key) {
            if (slotOfKey != null) {
                Integer slot = slotOfKey.get(key);
                return slot == null ? -1 : slot;
            }
            for (int i = 0; i < size; i++) {
                if (keys[i].equals(key)) {
                    return i;
                }
            }
            return -1;
        }

        /** The entry a path segment names: a key of a mapping, an index of a list; -1 if none. */
        private int slot(Object segment) {
            if (keys != null) {
                return segment instanceof String key ? slotOfKey(key) : -1;
            }
            return segment instanceof Integer i && i >= 0 && i < size ? i : -1;
        }
    }
}
