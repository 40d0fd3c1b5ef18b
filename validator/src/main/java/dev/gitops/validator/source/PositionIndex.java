package dev.gitops.validator.source;

import java.util.Map;

/**
 * Where each field of one document sits in its file. For a mapping entry the position is that of
 * its key; for a list item, the start of the item. The root path maps to the document start.
 */
public final class PositionIndex {

    private final Map<FieldPath, Position> keyPositions;
    private final Map<FieldPath, Position> valuePositions;
    private final Position documentStart;

    public PositionIndex(Position documentStart, Map<FieldPath, Position> keyPositions,
                         Map<FieldPath, Position> valuePositions) {
        this.documentStart = documentStart;
        this.keyPositions = Map.copyOf(keyPositions);
        this.valuePositions = Map.copyOf(valuePositions);
    }

    public Position documentStart() {
        return documentStart;
    }

    /** The exact position of a field, or null when the document has no such field. */
    public Position exact(FieldPath path) {
        if (path.isRoot()) {
            return documentStart;
        }
        return keyPositions.get(path);
    }

    /** The position of a field's value (for a list item, the same as {@link #exact}). */
    public Position value(FieldPath path) {
        Position p = valuePositions.get(path);
        return p != null ? p : exact(path);
    }

    /**
     * The position of a field, or of its nearest ancestor that exists (a missing field is reported
     * where it should have been written).
     */
    public Position nearest(FieldPath path) {
        FieldPath p = path;
        while (!p.isRoot()) {
            Position found = keyPositions.get(p);
            if (found != null) {
                return found;
            }
            p = p.parent();
        }
        return documentStart;
    }

    public boolean contains(FieldPath path) {
        return path.isRoot() || keyPositions.containsKey(path);
    }
}
