package dev.gitops.validator.load;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.gitops.validator.finding.Finding;
import dev.gitops.validator.resource.Resource;
import dev.gitops.validator.source.FieldPath;
import dev.gitops.validator.source.Position;
import dev.gitops.validator.source.SourceFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class DocumentSplitterTest {

    private static final SourceFile FILE = new SourceFile(Path.of("t.yaml"), "t.yaml");

    private static LoadedFile split(String text) {
        return new DocumentSplitter(FILE, text, LoadLimits.DEFAULT).read();
    }

    private static List<String> names(LoadedFile f) {
        return f.resources().stream().map(r -> r.documentIndex() + ":" + r.ref().name()).toList();
    }

    @Test
    void splitsAtDocumentMarkersCountingEmptyDocuments() {
        LoadedFile f = split("""
                kind: A
                metadata: {name: a}
                ---
                ---
                # only a comment
                ---
                kind: B
                metadata: {name: b}
                ...
                ---
                kind: C
                metadata: {name: c}
                ...
                """);
        assertEquals(List.of(), f.findings());
        assertEquals(List.of("0:a", "3:b", "4:c"), names(f));
        assertEquals(new Position(7, 1), f.resources().get(1).start());
        assertEquals(new Position(12, 12), f.resources().get(2).positionOf(FieldPath.parse("metadata.name")));
    }

    @Test
    void aDocumentMarkerInsideABlockScalarLineIsText() {
        LoadedFile f = split("""
                kind: A
                data:
                  script: |
                    echo ---
                    echo ...
                """);
        assertEquals(1, f.resources().size());
        assertEquals("echo ---\necho ...\n", f.resources().getFirst().get("data.script"));
    }

    @Test
    void aByteOrderMarkDoesNotShiftPositions() {
        byte[] bom = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
        byte[] body = "---\nkind: A\n---\nkind: B\n".getBytes(StandardCharsets.UTF_8);
        byte[] bytes = new byte[bom.length + body.length];
        System.arraycopy(bom, 0, bytes, 0, bom.length);
        System.arraycopy(body, 0, bytes, bom.length, body.length);
        LoadedFile f = new YamlLoader(LoadLimits.DEFAULT).load(FILE, bytes);
        assertEquals(List.of(), f.findings());
        assertEquals(List.of(new Position(2, 1), new Position(4, 1)),
                f.resources().stream().map(Resource::start).toList());
        assertEquals(List.of(0, 1), f.resources().stream().map(Resource::documentIndex).toList());
    }

    @Test
    void aListKindIsOneResourcePerItem() {
        LoadedFile f = split("""
                apiVersion: v1
                kind: SecretList
                items:
                  - kind: Secret
                    metadata: {name: one}
                  - 42
                  - kind: Secret
                    metadata: {name: two}
                    a: 1
                    a: 2
                """);
        assertEquals(List.of("0:one", "0:two"), names(f));
        assertEquals(List.of(0, 2), f.resources().stream().map(Resource::itemIndex).toList());
        assertEquals(FieldPath.parse("items[2]"), f.resources().get(1).basePath());
        assertEquals(new Position(8, 16), f.resources().get(1).positionOf(FieldPath.parse("metadata.name")));
        Finding duplicate = f.findings().get(0);
        assertEquals("YAML002", duplicate.rule());
        assertEquals("two", duplicate.resource().name(), "a finding goes to the item it is in");
        Finding notAMapping = f.findings().get(1);
        assertEquals("YAML005", notAMapping.rule());
        assertEquals("item 1 of SecretList is a number, not a mapping", notAMapping.message());
        assertEquals(6, notAMapping.line());
    }

    @Test
    void aDocumentThatIsNoMappingIsReported() {
        LoadedFile f = split("kind: A\n---\n- a\n- b\n---\njust text\n");
        assertEquals(1, f.resources().size());
        assertEquals(List.of("YAML005 3 document is a list, not a mapping; a Kubernetes resource is an object",
                        "YAML005 6 document is a string, not a mapping; a Kubernetes resource is an object"),
                f.findings().stream().map(x -> x.rule() + " " + x.line() + " " + x.message()).toList());
    }

    @Test
    void findingsNameTheResourceOfTheirOwnDocument() {
        LoadedFile f = split("kind: A\nmetadata: {name: a}\nx: yes\n---\nkind: B\nmetadata: {name: b}\nz: on\n");
        assertEquals(List.of("a", "b"), f.findings().stream().map(x -> x.resource().name()).toList());
    }

    @Test
    void readingStopsAtASyntaxErrorKeepingEarlierDocuments() {
        LoadedFile f = split("kind: A\nmetadata: {name: a}\n---\nkind: B\nmetadata:\n  name: b\n\tbad: tab\n---\nkind: C\n");
        assertEquals(List.of("0:a"), names(f));
        Finding tab = f.findings().getFirst();
        assertEquals("YAML003", tab.rule());
        assertEquals(7, tab.line());
        assertEquals("b", tab.resource().name(), "named from what the broken document said so far");
    }

    @Test
    void aCrossedLimitIsAFindingWithAHint() {
        LoadedFile f = new DocumentSplitter(FILE, "a: [[[x]]]\n", new LoadLimits(1024, 2, 100, 10)).read();
        Finding deep = f.findings().getFirst();
        assertEquals("YAML010", deep.rule());
        assertEquals("nesting deeper than 2 levels", deep.message());
        assertEquals("simplify the document, or raise the limit in .gitops-validator.yaml", deep.hint());
        assertEquals(List.of(), f.resources());
    }
}
