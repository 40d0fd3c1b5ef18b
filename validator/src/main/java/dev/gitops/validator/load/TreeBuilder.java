package dev.gitops.validator.load;

import dev.gitops.validator.finding.Finding;
import dev.gitops.validator.finding.Location;
import dev.gitops.validator.resource.ResourceRef;
import dev.gitops.validator.source.FieldPath;
import dev.gitops.validator.source.Position;
import dev.gitops.validator.source.PositionIndex;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds the documents of one file from its parse events: plain Java values (Map with String keys,
 * List, String, Long, Double, Boolean, null) and the position of every field, in a
 * {@link PositionIndex.Node} per mapping and list (no path object per field: a path is made only
 * when a finding needs it). Nesting depth,
 * expanded size and aliases are counted as nodes arrive, so no input expands without bound;
 * duplicate and non-scalar keys are reported, merge keys ({@code <<}) applied, and scalars and tags
 * linted (YAML011, YAML014).
 *
 * <p>Anchors, the node count and the alias count belong to the file; values and positions to the
 * document between {@link #startDocument()} and {@link #finishDocument()}.
 */
final class TreeBuilder {

    /** A finished document: its root value and the positions of its fields. */
    record Document(Object value, Position position, PositionIndex positions) {
    }

    /**
     * A value already built, with the number of nodes it stands for once aliases are expanded; a
     * mapping or list read in place also carries the positions inside it.
     */
    private record Built(Object value, long nodes, Position position, boolean scalar, String text,
                         PositionIndex.Node positions) {
    }

    /** A mapping or list being read: exactly one of {@code map} and {@code list} is set. */
    private static final class Frame {
        /** The collection this one is read inside (null for a document's root) and its place there. */
        final Frame parent;
        final Object segment;
        final Position start;
        final String anchor;
        final Map<String, Object> map;
        final List<Object> list;
        final PositionIndex.Node positions;
        List<Built> merges;
        /** Where a key given more than once was first written; made at the first duplicate. */
        Map<String, Position> firstKeyAt;
        long nodes = 1;
        Built pendingKey;
        boolean complexKey;
        private FieldPath path;

        Frame(Frame parent, Object segment, Position start, String anchor, boolean mapping) {
            this.parent = parent;
            this.segment = segment;
            this.start = start;
            this.anchor = anchor;
            this.map = mapping ? new LinkedHashMap<>() : null;
            this.list = mapping ? null : new ArrayList<>();
            this.positions = mapping ? PositionIndex.Node.mapping() : PositionIndex.Node.list();
        }

        /** The collection's path in its document, made when first asked (for a finding). */
        FieldPath path() {
            if (path == null) {
                path = parent == null ? FieldPath.ROOT : child(parent.path(), segment);
            }
            return path;
        }

        /** The place of the next value read inside: a list index, a mapping key. */
        Object nextSegment() {
            if (map == null) {
                return list.size();
            }
            return pendingKey == null ? "<key>" : keyString(pendingKey.value);
        }

        boolean expectsKey() {
            return map != null && pendingKey == null;
        }

        Built built() {
            return new Built(map != null ? map : list, nodes, start, false, null, positions);
        }
    }

    private final FileFindings findings;
    private final LoadLimits limits;
    private final TextPool texts;
    private final Map<String, Built> anchors = new HashMap<>();
    private final Deque<Frame> stack = new ArrayDeque<>();
    private Built root;
    private long fileNodes;
    private int aliasCount;

    TreeBuilder(FileFindings findings, LoadLimits limits) {
        this(findings, limits, new TextPool());
    }

    /** A builder whose scalar texts come from {@code texts}, shared with the loader's other files. */
    TreeBuilder(FileFindings findings, LoadLimits limits, TextPool texts) {
        this.findings = findings;
        this.limits = limits;
        this.texts = texts;
    }

    void startDocument() {
        root = null;
        stack.clear();
    }

    /** The document read since {@link #startDocument()}, or null when it holds no node. */
    Document finishDocument() {
        Built doc = root;
        root = null;
        return doc == null ? null
                : new Document(doc.value, doc.position, new PositionIndex(doc.position, doc.positions));
    }

    /** True while a mapping or list is open: reading stopped inside a document. */
    boolean insideDocument() {
        return !stack.isEmpty();
    }

    void startCollection(boolean mapping, String tag, String anchor, Position pos) {
        TagLint.collection(findings, tag, mapping ? TagLint.MAP_TAG : TagLint.SEQ_TAG, pos);
        if (stack.size() + 1 > limits.maxDepth()) {
            throw new LimitCrossed(YamlRules.TOO_LARGE, pos, "nesting deeper than " + limits.maxDepth() + " levels");
        }
        Frame top = stack.peek();
        Frame frame = new Frame(top, top == null ? null : top.nextSegment(), pos, anchor, mapping);
        countNodes(1, pos, false);
        stack.push(frame);
    }

    void endCollection() {
        Frame f = stack.pop();
        if (f.map != null) {
            applyMerges(f);
        }
        Built b = f.built();
        remember(f.anchor, b);
        attach(b);
    }

    /**
     * A scalar as written.
     *
     * @param tag its explicit tag, null if none
     * @param plain true when written without quotes or block indicator
     */
    void scalar(String read, String tag, boolean plain, String anchor, Position pos) {
        String text = texts.of(read);
        TagLint.scalar(findings, tag, text, pos);
        Built b = new Built(ScalarResolver.resolve(text, tag, plain), 1, pos, true, text, null);
        countNodes(1, pos, false);
        remember(anchor, b);
        if (plain && tag == null) {
            Frame top = stack.peek();
            if (top != null && top.expectsKey()) {
                Yaml11Lint.key(findings, text, top::path, pos);
            } else {
                Yaml11Lint.value(findings, text, this::childPath, pos);
            }
        }
        attach(b);
    }

    void alias(String name, Position pos) {
        Built target = anchors.get(name);
        if (target == null) {
            throw new LimitCrossed(YamlRules.SYNTAX, pos, "alias *" + name + " refers to no anchor");
        }
        if (!target.scalar && ++aliasCount > limits.maxAliases()) {
            throw new LimitCrossed(YamlRules.ALIAS_BOMB, pos, "more than " + limits.maxAliases()
                    + " aliases to collections in one file");
        }
        countNodes(target.nodes, pos, true);
        attach(new Built(target.value, target.nodes, pos, target.scalar, target.text, null));
    }

    private void countNodes(long n, Position pos, boolean viaAlias) {
        fileNodes += n;
        if (fileNodes > limits.maxNodes()) {
            throw new LimitCrossed(viaAlias ? YamlRules.ALIAS_BOMB : YamlRules.TOO_LARGE, pos,
                    (viaAlias ? "aliases expand" : "the file expands") + " to more than " + limits.maxNodes() + " nodes");
        }
    }

    /** The path of the next value read: only made for a finding. */
    private FieldPath childPath() {
        Frame top = stack.peek();
        return top == null ? FieldPath.ROOT : child(top.path(), top.nextSegment());
    }

    private static FieldPath child(FieldPath parent, Object segment) {
        return segment instanceof Integer index ? parent.index(index) : parent.key((String) segment);
    }

    private void remember(String anchor, Built built) {
        if (anchor != null) {
            anchors.put(anchor, built);
        }
    }

    private void attach(Built b) {
        Frame top = stack.peek();
        if (top == null) {
            root = b;
        } else if (top.map == null) {
            top.positions.add(b.position, b.positions);
            top.list.add(b.value);
            top.nodes += b.nodes;
        } else if (top.pendingKey == null) {
            top.pendingKey = b;
            top.complexKey = !b.scalar;
            if (!b.scalar) {
                findings.add(YamlRules.COMPLEX_KEY, b.position,
                        "a mapping key must be a scalar, not a " + (b.value instanceof List ? "list" : "mapping"), null);
            }
        } else {
            attachEntry(top, b);
        }
    }

    private void attachEntry(Frame m, Built value) {
        Built key = m.pendingKey;
        m.pendingKey = null;
        m.nodes += key.nodes + value.nodes;
        if (m.complexKey) {
            return;
        }
        if ("<<".equals(key.text) && key.value instanceof String) {
            if (m.merges == null) {
                m.merges = new ArrayList<>(1);
            }
            m.merges.add(value);
            return;
        }
        String k = keyString(key.value);
        if (m.map.containsKey(k)) {
            if (m.firstKeyAt == null) {
                m.firstKeyAt = new HashMap<>();
            }
            // Until now the positions hold the key's first occurrence: the later one replaces it below.
            Position previous = m.firstKeyAt.computeIfAbsent(k, m.positions::keyPosition);
            findings.add(new Finding(YamlRules.DUPLICATE_KEY.id(), YamlRules.DUPLICATE_KEY.defaultSeverity(),
                    "duplicate key '" + k + "' (first at line " + previous.line() + "); the later value wins silently",
                    findings.file().displayName(), key.position.line(), key.position.column(), null,
                    m.path().key(k).toString(), "remove one of the two entries",
                    List.of(new Location(findings.file().displayName(), previous.line(), previous.column(),
                            "first '" + k + "'"))));
        }
        m.positions.put(k, key.position, value.position, value.positions);
        m.map.put(k, value.value);
    }

    @SuppressWarnings("unchecked")
    private void applyMerges(Frame f) {
        if (f.merges == null) {
            return;
        }
        for (Built merge : f.merges) {
            List<Object> sources = merge.value instanceof List<?> l ? (List<Object>) l : List.of(merge.value);
            for (Object source : sources) {
                if (!(source instanceof Map<?, ?> sm)) {
                    throw new LimitCrossed(YamlRules.SYNTAX, merge.position,
                            "a merge key (<<) must refer to a mapping or a list of mappings");
                }
                for (Map.Entry<?, ?> e : sm.entrySet()) {
                    String k = (String) e.getKey();
                    if (!f.map.containsKey(k)) {
                        f.map.put(k, e.getValue());
                        f.positions.putIfAbsent(k, merge.position);
                    }
                }
            }
        }
    }

    private static String keyString(Object key) {
        if (key == null) {
            return "null";
        }
        if (key instanceof Double d && d == Math.rint(d) && !d.isInfinite()) {
            return String.valueOf(d.longValue());
        }
        return String.valueOf(key);
    }

    /** The identity of the document being read, from the fields read so far; null if none. */
    ResourceRef identitySoFar() {
        Frame bottom = stack.peekLast();
        if (bottom == null || bottom.map == null || bottom.parent != null) {
            return null;
        }
        Object metadata = bottom.map.get("metadata");
        Map<?, ?> meta = metadata instanceof Map<?, ?> m ? m : null;
        if (meta == null) {
            for (Frame f : stack) {
                if (f.map != null && f.parent == bottom && "metadata".equals(f.segment)) {
                    meta = f.map;
                }
            }
        }
        return new ResourceRef(stringOrNull(bottom.map.get("apiVersion")), stringOrNull(bottom.map.get("kind")),
                meta == null ? null : stringOrNull(meta.get("namespace")),
                meta == null ? null : stringOrNull(meta.get("name")));
    }

    private static String stringOrNull(Object o) {
        return o instanceof String s ? s : null;
    }
}
