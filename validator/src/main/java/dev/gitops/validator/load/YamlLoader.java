package dev.gitops.validator.load;

import dev.gitops.validator.finding.Rule;
import dev.gitops.validator.finding.Finding;
import dev.gitops.validator.finding.Location;
import dev.gitops.validator.resource.Resource;
import dev.gitops.validator.resource.ResourceRef;
import dev.gitops.validator.source.FieldPath;
import dev.gitops.validator.source.Position;
import dev.gitops.validator.source.PositionIndex;
import dev.gitops.validator.source.SourceFile;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.api.lowlevel.Parse;
import org.snakeyaml.engine.v2.common.Anchor;
import org.snakeyaml.engine.v2.events.AliasEvent;
import org.snakeyaml.engine.v2.events.CollectionStartEvent;
import org.snakeyaml.engine.v2.events.Event;
import org.snakeyaml.engine.v2.events.NodeEvent;
import org.snakeyaml.engine.v2.events.ScalarEvent;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;

/**
 * Reads YAML and JSON files into resources whose every field keeps its line and column.
 *
 * <p>Built on the event stream of snakeyaml-engine rather than its node graph, so that nesting,
 * alias expansion and duplicate keys are checked as the file is read, and no input can make the
 * loader recurse or expand without bound. Plain scalars are resolved the way Kubernetes reads them
 * (YAML 1.1); merge keys ({@code <<}) are honoured.
 */
public final class YamlLoader {

    private static final String MAP_TAG = "tag:yaml.org,2002:map";
    private static final String SEQ_TAG = "tag:yaml.org,2002:seq";
    private static final String STR_TAG = "tag:yaml.org,2002:str";
    private static final java.util.regex.Pattern CANONICAL_INT = java.util.regex.Pattern.compile("[-+]?(0|[1-9][0-9]*)");
    private static final java.util.regex.Pattern CANONICAL_FLOAT = java.util.regex.Pattern.compile(
            "[-+]?(0|[1-9][0-9]*)?\\.[0-9]+([eE][-+]?[0-9]+)?");

    private final LoadLimits limits;

    public YamlLoader(LoadLimits limits) {
        this.limits = limits;
    }

    /** Reads a file from disk. Never throws: every problem becomes a finding. */
    public LoadedFile load(SourceFile file) {
        byte[] bytes;
        try {
            if (!Files.isRegularFile(file.path())) {
                String what = Files.isSymbolicLink(file.path()) && !Files.exists(file.path())
                        ? "a symbolic link to nothing" : Files.isDirectory(file.path()) ? "a folder"
                        : Files.exists(file.path()) ? "not a regular file" : "missing";
                Finding f = finding(YamlRules.UNREADABLE, file, Position.START, "cannot read file: it is " + what, null);
                return new LoadedFile(file, List.of(), List.of(f), true);
            }
            long size = Files.size(file.path());
            if (size > limits.maxFileBytes()) {
                return failed(file, YamlRules.TOO_LARGE, Position.START, "file is " + size + " bytes, above the limit of "
                        + limits.maxFileBytes() + " bytes", "split it, or raise limits.maxFileBytes in .gitops-validator.yaml");
            }
            bytes = Files.readAllBytes(file.path());
        } catch (IOException | RuntimeException e) {
            Finding f = finding(YamlRules.UNREADABLE, file, Position.START, "cannot read file: " + describe(e), null);
            return new LoadedFile(file, List.of(), List.of(f), true);
        }
        return load(file, bytes);
    }

    /** Reads content already in memory (stdin, tests). Never throws. */
    public LoadedFile load(SourceFile file, byte[] bytes) {
        if (bytes.length > limits.maxFileBytes()) {
            return failed(file, YamlRules.TOO_LARGE, Position.START, "input is " + bytes.length
                    + " bytes, above the limit of " + limits.maxFileBytes() + " bytes", null);
        }
        String text;
        try {
            text = decode(file, bytes);
        } catch (EncodingProblem e) {
            return failed(file, YamlRules.ENCODING, e.position, e.getMessage(), "save the file as UTF-8");
        }
        try {
            return new Reader(file, text).read();
        } catch (StackOverflowError e) {
            return failed(file, YamlRules.TOO_LARGE, Position.START, "document nesting is too deep to read", null);
        }
    }

    private static LoadedFile failed(SourceFile file, Rule rule, Position pos, String message, String hint) {
        return new LoadedFile(file, List.of(), List.of(finding(rule, file, pos, message, hint)), false);
    }

    static Finding finding(Rule rule, SourceFile file, Position pos, String message, String hint) {
        return new Finding(rule.id(), rule.defaultSeverity(), message, file.displayName(), pos.line(), pos.column(),
                null, null, hint, List.of());
    }

    private static String describe(Throwable e) {
        String m = e.getMessage();
        return e.getClass().getSimpleName() + (m == null ? "" : ": " + m);
    }

    // ---------------------------------------------------------------- encoding

    private static final class EncodingProblem extends Exception {
        final Position position;

        EncodingProblem(String message, Position position) {
            super(message);
            this.position = position;
        }
    }

    private static String decode(SourceFile file, byte[] bytes) throws EncodingProblem {
        int offset = 0;
        if (bytes.length >= 2 && ((bytes[0] == (byte) 0xFE && bytes[1] == (byte) 0xFF)
                || (bytes[0] == (byte) 0xFF && bytes[1] == (byte) 0xFE))) {
            throw new EncodingProblem("file is UTF-16 encoded; manifests must be UTF-8", Position.START);
        }
        if (bytes.length >= 3 && bytes[0] == (byte) 0xEF && bytes[1] == (byte) 0xBB && bytes[2] == (byte) 0xBF) {
            offset = 3;
        }
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        try {
            return decoder.decode(ByteBuffer.wrap(bytes, offset, bytes.length - offset)).toString();
        } catch (CharacterCodingException e) {
            int bad = firstInvalidUtf8(bytes, offset);
            throw new EncodingProblem(String.format("invalid UTF-8 byte 0x%02X", bytes[bad] & 0xFF),
                    positionOfByte(bytes, offset, bad));
        }
    }

    private static int firstInvalidUtf8(byte[] b, int from) {
        int i = from;
        while (i < b.length) {
            int c = b[i] & 0xFF;
            int len;
            if (c < 0x80) {
                len = 1;
            } else if (c >= 0xC2 && c <= 0xDF) {
                len = 2;
            } else if (c >= 0xE0 && c <= 0xEF) {
                len = 3;
            } else if (c >= 0xF0 && c <= 0xF4) {
                len = 4;
            } else {
                return i;
            }
            if (i + len > b.length) {
                return i;
            }
            for (int k = 1; k < len; k++) {
                if ((b[i + k] & 0xC0) != 0x80) {
                    return i;
                }
            }
            i += len;
        }
        return Math.max(from, b.length - 1);
    }

    private static Position positionOfByte(byte[] b, int from, int index) {
        int line = 1;
        int column = 1;
        for (int i = from; i < index; i++) {
            if (b[i] == '\n') {
                line++;
                column = 1;
            } else if ((b[i] & 0xC0) != 0x80) {
                column++;
            }
        }
        return new Position(line, column);
    }

    // ---------------------------------------------------------------- reading events

    /** A value already built, with the number of nodes it stands for once aliases are expanded. */
    private record Built(Object value, long nodes, Position position, boolean scalar, String text) {
    }

    private sealed interface Frame permits MapFrame, ListFrame {
        FieldPath path();
    }

    private static final class MapFrame implements Frame {
        final FieldPath path;
        final Position start;
        final Optional<Anchor> anchor;
        final LinkedHashMap<String, Object> map = new LinkedHashMap<>();
        final Map<String, Position> keyAt = new HashMap<>();
        final List<Built> merges = new ArrayList<>();
        long nodes = 1;
        Built pendingKey;
        boolean complexKey;

        MapFrame(FieldPath path, Position start, Optional<Anchor> anchor) {
            this.path = path;
            this.start = start;
            this.anchor = anchor;
        }

        @Override
        public FieldPath path() {
            return path;
        }
    }

    private static final class ListFrame implements Frame {
        final FieldPath path;
        final Position start;
        final Optional<Anchor> anchor;
        final List<Object> list = new ArrayList<>();
        long nodes = 1;

        ListFrame(FieldPath path, Position start, Optional<Anchor> anchor) {
            this.path = path;
            this.start = start;
            this.anchor = anchor;
        }

        @Override
        public FieldPath path() {
            return path;
        }
    }

    /** Thrown to stop reading a file when a limit is crossed. */
    private static final class LimitCrossed extends RuntimeException {
        final Rule rule;
        final Position position;

        LimitCrossed(Rule rule, Position position, String message) {
            super(message, null, false, false);
            this.rule = rule;
            this.position = position;
        }
    }

    private final class Reader {
        private final SourceFile file;
        private final String text;
        private final List<Finding> findings = new ArrayList<>();
        private final List<Resource> resources = new ArrayList<>();

        private final Deque<Frame> stack = new ArrayDeque<>();
        private final Map<String, Built> anchors = new HashMap<>();
        private Map<FieldPath, Position> keyPositions = new HashMap<>();
        private Map<FieldPath, Position> valuePositions = new HashMap<>();
        private Position documentStart = Position.START;
        private Built root;
        private int documentIndex = -1;
        private int documentFindings;
        private long fileNodes;
        private int aliasCount;

        Reader(SourceFile file, String text) {
            this.file = file;
            this.text = text;
        }

        LoadedFile read() {
            LoadSettings settings = LoadSettings.builder()
                    .setLabel(file.displayName())
                    .setUseMarks(true)
                    .setAllowDuplicateKeys(true)
                    .setCodePointLimit((int) Math.min(Integer.MAX_VALUE, limits.maxFileBytes()))
                    // The whole text in one window: the reader then never re-copies its buffer while
                    // scanning a long scalar (which costs quadratic time with the default 1 KiB).
                    .setBufferSize(Math.max(1024, text.length() + 1))
                    .build();
            Iterator<Event> events = new Parse(settings).parseString(text).iterator();
            try {
                while (events.hasNext()) {
                    handle(events.next());
                }
            } catch (LimitCrossed e) {
                findings.add(finding(e.rule, file, e.position, e.getMessage(),
                        e.rule == YamlRules.ALIAS_BOMB ? "remove the alias chain; anchors and aliases are rarely needed in manifests"
                                : "simplify the document, or raise the limit in .gitops-validator.yaml"));
            } catch (MarkedYamlEngineException e) {
                syntaxError(e);
            } catch (YamlEngineException | IllegalArgumentException | IllegalStateException
                     | IndexOutOfBoundsException | NullPointerException | ClassCastException e) {
                findings.add(finding(YamlRules.SYNTAX, file, lastPosition(), "cannot parse YAML: " + firstLine(e.getMessage()),
                        null));
            }
            if (!stack.isEmpty()) {
                // Reading stopped inside a document: what it said of itself so far names the resource.
                attribute(documentFindings, partialRef());
            }
            return new LoadedFile(file, resources, findings, false);
        }

        private Position lastPosition() {
            return documentStart;
        }

        private void syntaxError(MarkedYamlEngineException e) {
            Position pos = e.getProblemMark().map(this::position).orElse(documentStart);
            String problem = e.getProblem() == null ? firstLine(e.getMessage()) : e.getProblem();
            String context = e.getContext();
            String message = context == null || context.isBlank() ? problem : problem + " (" + context.strip() + ")";
            if (tabInIndentation(pos.line()) || problem.contains("\\t")) {
                findings.add(finding(YamlRules.TAB_INDENT, file, pos,
                        "tab character in indentation: " + message, "indent with spaces only"));
            } else {
                findings.add(finding(YamlRules.SYNTAX, file, pos, "YAML syntax error: " + message, null));
            }
        }

        private boolean tabInIndentation(int line) {
            int start = 0;
            for (int l = 1; l < line; l++) {
                int nl = text.indexOf('\n', start);
                if (nl < 0) {
                    return false;
                }
                start = nl + 1;
            }
            for (int i = start; i < text.length(); i++) {
                char c = text.charAt(i);
                if (c == '\t') {
                    return true;
                }
                if (c != ' ' && c != '-') {
                    return false;
                }
            }
            return false;
        }

        private Position position(Mark mark) {
            return new Position(mark.getLine() + 1, mark.getColumn() + 1);
        }

        private Position start(Event e) {
            return e.getStartMark().map(this::position).orElse(documentStart);
        }

        private void handle(Event event) {
            switch (event.getEventId()) {
                case DocumentStart -> beginDocument(event);
                case DocumentEnd -> endDocument();
                case MappingStart -> {
                    CollectionStartEvent e = (CollectionStartEvent) event;
                    checkTag(e.getTag(), MAP_TAG, null, start(e));
                    push(new MapFrame(childPath(), start(e), e.getAnchor()));
                }
                case SequenceStart -> {
                    CollectionStartEvent e = (CollectionStartEvent) event;
                    checkTag(e.getTag(), SEQ_TAG, null, start(e));
                    push(new ListFrame(childPath(), start(e), e.getAnchor()));
                }
                case MappingEnd -> {
                    MapFrame f = (MapFrame) stack.pop();
                    applyMerges(f);
                    Built b = new Built(f.map, f.nodes, f.start, false, null);
                    remember(f.anchor, b);
                    attach(b);
                }
                case SequenceEnd -> {
                    ListFrame f = (ListFrame) stack.pop();
                    Built b = new Built(f.list, f.nodes, f.start, false, null);
                    remember(f.anchor, b);
                    attach(b);
                }
                case Scalar -> {
                    ScalarEvent e = (ScalarEvent) event;
                    checkTag(e.getTag(), null, e.getValue(), start(e));
                    Built b = new Built(scalarValue(e), 1, start(e), true, e.getValue());
                    countNodes(1, b.position, false);
                    remember(e.getAnchor(), b);
                    if (e.isPlain() && e.getTag().isEmpty() && !expectingKey()) {
                        String why = ScalarResolver.yaml11Ambiguity(e.getValue());
                        if (why != null) {
                            ambiguity(b.position, childPath(), why);
                        }
                    } else if (e.isPlain() && e.getTag().isEmpty()
                            && ScalarResolver.resolvePlain(e.getValue()) instanceof Boolean
                            && !e.getValue().equalsIgnoreCase("true") && !e.getValue().equalsIgnoreCase("false")) {
                        ambiguity(b.position, ((MapFrame) stack.peek()).path.key(keyString(b.value)),
                                "the key '" + e.getValue() + "' is read by Kubernetes as the boolean "
                                + ScalarResolver.resolvePlain(e.getValue()) + " (YAML 1.1)");
                    }
                    attach(b);
                }
                case Alias -> {
                    AliasEvent e = (AliasEvent) event;
                    String name = e.getAlias().getValue();
                    Built target = anchors.get(name);
                    if (target == null) {
                        throw new LimitCrossed(YamlRules.SYNTAX, start(e), "alias *" + name + " refers to no anchor");
                    }
                    if (!target.scalar && ++aliasCount > limits.maxAliases()) {
                        throw new LimitCrossed(YamlRules.ALIAS_BOMB, start(e), "more than " + limits.maxAliases()
                                + " aliases to collections in one file");
                    }
                    countNodes(target.nodes, start(e), true);
                    attach(new Built(target.value, target.nodes, start(e), target.scalar, target.text));
                }
                default -> {
                    // stream start/end and comments carry nothing to keep
                }
            }
        }

        /**
         * Explicit tags: Kubernetes drops custom tags and decodes {@code !!binary}, so a tagged node
         * may not mean what it shows. Only {@code !}, {@code !!str}, {@code !!map} and {@code !!seq}
         * on their own kind of node, and {@code !!int}, {@code !!float}, {@code !!bool} and
         * {@code !!null} on a value written in their canonical form, are accepted.
         */
        private void checkTag(Optional<String> tag, String collectionTag, String scalar, Position pos) {
            if (tag.isEmpty() || "!".equals(tag.get())) {
                return;
            }
            String t = tag.get();
            boolean ok;
            if (collectionTag != null) {
                ok = t.equals(collectionTag);
            } else {
                ok = switch (t) {
                    case STR_TAG -> true;
                    case "tag:yaml.org,2002:int" -> CANONICAL_INT.matcher(scalar).matches();
                    case "tag:yaml.org,2002:float" -> CANONICAL_FLOAT.matcher(scalar).matches()
                            || CANONICAL_INT.matcher(scalar).matches();
                    case "tag:yaml.org,2002:bool" -> scalar.equals("true") || scalar.equals("false");
                    case "tag:yaml.org,2002:null" -> scalar.isEmpty() || scalar.equals("null") || scalar.equals("~");
                    default -> false;
                };
            }
            if (!ok) {
                String shown = t.startsWith("tag:yaml.org,2002:") ? "!!" + t.substring("tag:yaml.org,2002:".length()) : t;
                findings.add(finding(YamlRules.TAG, file, pos, "explicit tag " + shown + (collectionTag == null
                        ? " on the value '" + abbreviate(scalar) + "'" : " on a " + (collectionTag.equals(MAP_TAG)
                        ? "mapping" : "list")) + ": Kubernetes would read it differently or reject it",
                        "remove the tag; quote the value if a string is meant"));
            }
        }

        private void ambiguity(Position pos, FieldPath path, String why) {
            findings.add(new Finding(YamlRules.YAML11_AMBIGUITY.id(), YamlRules.YAML11_AMBIGUITY.defaultSeverity(), why,
                    file.displayName(), pos.line(), pos.column(), null, path.isRoot() ? null : path.toString(),
                    "quote the value if a string is meant, or write true/false or a plain decimal", List.of()));
        }

        private boolean expectingKey() {
            return stack.peek() instanceof MapFrame m && m.pendingKey == null;
        }

        private void beginDocument(Event event) {
            documentIndex++;
            documentFindings = findings.size();
            documentStart = start(event);
            root = null;
            stack.clear();
            keyPositions = new HashMap<>();
            valuePositions = new HashMap<>();
        }

        private void push(Frame frame) {
            if (stack.size() + 1 > limits.maxDepth()) {
                Position pos = frame instanceof MapFrame m ? m.start : ((ListFrame) frame).start;
                throw new LimitCrossed(YamlRules.TOO_LARGE, pos, "nesting deeper than " + limits.maxDepth() + " levels");
            }
            countNodes(1, frame instanceof MapFrame m ? m.start : ((ListFrame) frame).start, false);
            stack.push(frame);
        }

        private void countNodes(long n, Position pos, boolean viaAlias) {
            fileNodes += n;
            if (fileNodes > limits.maxNodes()) {
                throw new LimitCrossed(viaAlias ? YamlRules.ALIAS_BOMB : YamlRules.TOO_LARGE, pos,
                        (viaAlias ? "aliases expand" : "the file expands") + " to more than " + limits.maxNodes() + " nodes");
            }
        }

        private FieldPath childPath() {
            Frame top = stack.peek();
            if (top == null) {
                return FieldPath.ROOT;
            }
            if (top instanceof MapFrame m) {
                if (m.pendingKey == null) {
                    return m.path.key("<key>");
                }
                return m.path.key(keyString(m.pendingKey.value));
            }
            ListFrame l = (ListFrame) top;
            return l.path.index(l.list.size());
        }

        private void remember(Optional<Anchor> anchor, Built built) {
            anchor.ifPresent(a -> anchors.put(a.getValue(), built));
        }

        private void attach(Built b) {
            Frame top = stack.peek();
            if (top == null) {
                root = b;
                return;
            }
            if (top instanceof ListFrame l) {
                FieldPath p = l.path.index(l.list.size());
                keyPositions.putIfAbsent(p, b.position);
                l.list.add(b.value);
                l.nodes += b.nodes;
                return;
            }
            MapFrame m = (MapFrame) top;
            if (m.pendingKey == null) {
                m.pendingKey = b;
                m.complexKey = !b.scalar;
                if (!b.scalar) {
                    findings.add(finding(YamlRules.COMPLEX_KEY, file, b.position,
                            "a mapping key must be a scalar, not a " + (b.value instanceof List ? "list" : "mapping"),
                            null));
                }
                return;
            }
            Built key = m.pendingKey;
            m.pendingKey = null;
            m.nodes += key.nodes + b.nodes;
            if (m.complexKey) {
                return;
            }
            if ("<<".equals(key.text) && key.value instanceof String) {
                m.merges.add(b);
                return;
            }
            String k = keyString(key.value);
            FieldPath p = m.path.key(k);
            Position previous = m.keyAt.get(k);
            if (previous != null) {
                findings.add(new Finding(YamlRules.DUPLICATE_KEY.id(), YamlRules.DUPLICATE_KEY.defaultSeverity(),
                        "duplicate key '" + k + "' (first at line " + previous.line() + "); the later value wins silently",
                        file.displayName(), key.position.line(), key.position.column(), null, p.toString(),
                        "remove one of the two entries",
                        List.of(new Location(file.displayName(), previous.line(), previous.column(), "first '" + k + "'"))));
            } else {
                m.keyAt.put(k, key.position);
            }
            keyPositions.put(p, key.position);
            valuePositions.put(p, b.position);
            m.map.put(k, b.value);
        }

        @SuppressWarnings("unchecked")
        private void applyMerges(MapFrame f) {
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
                            keyPositions.putIfAbsent(f.path.key(k), merge.position);
                        }
                    }
                }
            }
        }

        private Object scalarValue(ScalarEvent e) {
            String v = e.getValue();
            Optional<String> tag = e.getTag();
            if (tag.isPresent() && !"!".equals(tag.get())) {
                String t = tag.get();
                return switch (t) {
                    case "tag:yaml.org,2002:str" -> v;
                    case "tag:yaml.org,2002:null" -> null;
                    case "tag:yaml.org,2002:bool", "tag:yaml.org,2002:int", "tag:yaml.org,2002:float" -> {
                        Object r = ScalarResolver.resolvePlain(v);
                        yield r == null ? v : r;
                    }
                    default -> v;
                };
            }
            if (e.isPlain() && tag.isEmpty()) {
                return ScalarResolver.resolvePlain(v);
            }
            return v;
        }

        private String keyString(Object key) {
            if (key == null) {
                return "null";
            }
            if (key instanceof Double d && d == Math.rint(d) && !d.isInfinite()) {
                return String.valueOf(d.longValue());
            }
            return String.valueOf(key);
        }

        @SuppressWarnings("unchecked")
        private void endDocument() {
            Built doc = root;
            root = null;
            if (doc == null || doc.value == null) {
                return;
            }
            if (!(doc.value instanceof Map<?, ?> map)) {
                findings.add(finding(YamlRules.NOT_A_MAPPING, file, doc.position,
                        "document is a " + typeName(doc.value) + ", not a mapping; a Kubernetes resource is an object",
                        null));
                return;
            }
            keyPositions.putIfAbsent(FieldPath.ROOT, doc.position);
            PositionIndex index = new PositionIndex(doc.position, keyPositions, valuePositions);
            Map<String, Object> content = (Map<String, Object>) map;
            Object kind = content.get("kind");
            Object items = content.get("items");
            if (kind instanceof String k && k.endsWith("List") && items instanceof List<?> list) {
                FieldPath itemsPath = FieldPath.of("items");
                int firstItemFinding = findings.size();
                List<Resource> itemResources = new ArrayList<>();
                for (int i = 0; i < list.size(); i++) {
                    FieldPath p = itemsPath.index(i);
                    if (list.get(i) instanceof Map<?, ?> item) {
                        Resource r = new Resource(file, documentIndex, i, p, (Map<String, Object>) item, index);
                        resources.add(r);
                        itemResources.add(r);
                    } else {
                        Position pos = index.nearest(p);
                        findings.add(finding(YamlRules.NOT_A_MAPPING, file, pos,
                                "item " + i + " of " + k + " is a " + typeName(list.get(i)) + ", not a mapping", null));
                    }
                }
                attributeToItems(firstItemFinding, itemResources);
                return;
            }
            Resource resource = new Resource(file, documentIndex, -1, FieldPath.ROOT, content, index);
            resources.add(resource);
            attribute(documentFindings, resource.ref());
        }

        /** Gives the findings from {@code from} on that name no resource the given one, if it is known. */
        private void attribute(int from, ResourceRef ref) {
            if (ref == null || (ref.kind() == null && ref.name() == null)) {
                return;
            }
            for (int i = from; i < findings.size(); i++) {
                Finding f = findings.get(i);
                if (f.resource() == null) {
                    findings.set(i, f.withResource(ref));
                }
            }
        }

        /** In a List kind, a finding belongs to the last item that starts at or before its line. */
        private void attributeToItems(int end, List<Resource> items) {
            for (int i = documentFindings; i < end; i++) {
                Finding f = findings.get(i);
                Resource owner = null;
                for (Resource r : items) {
                    Position start = r.start();
                    if (start.line() < f.line() || (start.line() == f.line() && start.column() <= f.column())) {
                        owner = r;
                    }
                }
                if (owner != null && f.resource() == null) {
                    findings.set(i, f.withResource(owner.ref()));
                }
            }
        }

        /** The identity of the document being read, from the fields read so far; null if none. */
        private ResourceRef partialRef() {
            Frame bottom = stack.peekLast();
            if (!(bottom instanceof MapFrame root) || !root.path.isRoot()) {
                return null;
            }
            Object metadata = root.map.get("metadata");
            Map<?, ?> meta = metadata instanceof Map<?, ?> m ? m : null;
            if (meta == null) {
                for (Frame f : stack) {
                    if (f instanceof MapFrame m && m.path.equals(FieldPath.of("metadata"))) {
                        meta = m.map;
                    }
                }
            }
            return new ResourceRef(stringOrNull(root.map.get("apiVersion")), stringOrNull(root.map.get("kind")),
                    meta == null ? null : stringOrNull(meta.get("namespace")),
                    meta == null ? null : stringOrNull(meta.get("name")));
        }
    }

    private static String stringOrNull(Object o) {
        return o instanceof String s ? s : null;
    }

    static String typeName(Object value) {
        if (value instanceof Map) {
            return "mapping";
        }
        if (value instanceof List) {
            return "list";
        }
        if (value instanceof String) {
            return "string";
        }
        if (value instanceof Boolean) {
            return "boolean";
        }
        if (value instanceof Number) {
            return "number";
        }
        return "null";
    }

    private static String abbreviate(String s) {
        return s.length() > 40 ? s.substring(0, 40) + "…" : s;
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "unknown error";
        }
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }
}
