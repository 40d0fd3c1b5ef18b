package dev.gitops.validator.load;

import dev.gitops.validator.resource.Resource;
import dev.gitops.validator.source.FieldPath;
import dev.gitops.validator.source.Position;
import dev.gitops.validator.source.PositionIndex;
import dev.gitops.validator.source.SourceFile;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
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
 * Splits the text of one file into its documents ({@code ---}, {@code ...}) and each document into
 * resources: a document is one resource, a {@code kind: *List} with {@code items} one per item.
 * Findings met inside a document name its resource once it is known.
 *
 * <p>Reads the event stream of snakeyaml-engine rather than its node graph, so the
 * {@link TreeBuilder} checks nesting, alias expansion and duplicate keys as the file is read.
 * Reading stops at the first syntax error or crossed limit, which becomes a finding.
 */
final class DocumentSplitter {

    private final SourceFile file;
    private final String text;
    private final LoadLimits limits;
    private final FileFindings findings;
    private final TreeBuilder tree;
    private final List<Resource> resources = new ArrayList<>();
    private Position documentStart = Position.START;
    private int documentIndex = -1;
    private int documentFindings;

    DocumentSplitter(SourceFile file, String text, LoadLimits limits) {
        this(file, text, limits, new TextPool());
    }

    DocumentSplitter(SourceFile file, String text, LoadLimits limits, TextPool texts) {
        this.file = file;
        this.text = text;
        this.limits = limits;
        this.findings = new FileFindings(file);
        this.tree = new TreeBuilder(findings, limits, texts);
    }

    /** Reads the whole text once. */
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
            findings.add(e.rule(), e.position(), e.getMessage(),
                    e.rule() == YamlRules.ALIAS_BOMB ? "remove the alias chain; anchors and aliases are rarely needed in manifests"
                            : "simplify the document, or raise the limit in .gitops-validator.yaml");
        } catch (MarkedYamlEngineException e) {
            SyntaxErrors.report(findings, text, e, documentStart);
        } catch (YamlEngineException | IllegalArgumentException | IllegalStateException
                 | IndexOutOfBoundsException | NullPointerException | ClassCastException e) {
            findings.add(YamlRules.SYNTAX, documentStart, "cannot parse YAML: " + SyntaxErrors.firstLine(e.getMessage()),
                    null);
        }
        if (tree.insideDocument()) {
            // Reading stopped inside a document: what it said of itself so far names the resource.
            findings.attribute(documentFindings, tree.identitySoFar());
        }
        return new LoadedFile(file, resources, findings.list(), false);
    }

    private void handle(Event event) {
        switch (event.getEventId()) {
            case DocumentStart -> {
                documentIndex++;
                documentFindings = findings.size();
                documentStart = start(event);
                tree.startDocument();
            }
            case DocumentEnd -> endDocument(tree.finishDocument());
            case MappingStart, SequenceStart -> {
                CollectionStartEvent e = (CollectionStartEvent) event;
                tree.startCollection(e.getEventId() == Event.ID.MappingStart, e.getTag().orElse(null), anchor(e),
                        start(e));
            }
            case MappingEnd, SequenceEnd -> tree.endCollection();
            case Scalar -> {
                ScalarEvent e = (ScalarEvent) event;
                tree.scalar(e.getValue(), e.getTag().orElse(null), e.isPlain(), anchor(e), start(e));
            }
            case Alias -> tree.alias(((AliasEvent) event).getAlias().getValue(), start(event));
            default -> {
                // stream start/end and comments carry nothing to keep
            }
        }
    }

    private static String anchor(NodeEvent e) {
        return e.getAnchor().map(Anchor::getValue).orElse(null);
    }

    private Position start(Event e) {
        return e.getStartMark().map(DocumentSplitter::position).orElse(documentStart);
    }

    static Position position(Mark mark) {
        return new Position(mark.getLine() + 1, mark.getColumn() + 1);
    }

    @SuppressWarnings("unchecked")
    private void endDocument(TreeBuilder.Document doc) {
        if (doc == null || doc.value() == null) {
            return;
        }
        if (!(doc.value() instanceof Map<?, ?> map)) {
            findings.add(YamlRules.NOT_A_MAPPING, doc.position(),
                    "document is a " + typeName(doc.value()) + ", not a mapping; a Kubernetes resource is an object", null);
            return;
        }
        PositionIndex index = doc.positions();
        Map<String, Object> content = (Map<String, Object>) map;
        if (content.get("kind") instanceof String kind && kind.endsWith("List") && content.get("items") instanceof List<?> items) {
            splitList(kind, items, index);
            return;
        }
        Resource resource = new Resource(file, documentIndex, -1, FieldPath.ROOT, content, index);
        resources.add(resource);
        findings.attribute(documentFindings, resource.ref());
    }

    /** A List kind: each item that is a mapping is a resource; the findings go to the item they are in. */
    @SuppressWarnings("unchecked")
    private void splitList(String kind, List<?> items, PositionIndex index) {
        FieldPath itemsPath = FieldPath.of("items");
        int firstItemFinding = findings.size();
        List<Resource> itemResources = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            FieldPath p = itemsPath.index(i);
            if (items.get(i) instanceof Map<?, ?> item) {
                Resource r = new Resource(file, documentIndex, i, p, (Map<String, Object>) item, index);
                resources.add(r);
                itemResources.add(r);
            } else {
                findings.add(YamlRules.NOT_A_MAPPING, index.nearest(p),
                        "item " + i + " of " + kind + " is a " + typeName(items.get(i)) + ", not a mapping", null);
            }
        }
        findings.attributeByStart(documentFindings, firstItemFinding, itemResources);
    }

    private static String typeName(Object value) {
        return switch (value) {
            case Map<?, ?> _ -> "mapping";
            case List<?> _ -> "list";
            case String _ -> "string";
            case Boolean _ -> "boolean";
            case Number _ -> "number";
            case null, default -> "null";
        };
    }
}
