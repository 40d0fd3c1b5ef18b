package dev.gitops.validator.load;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.gitops.validator.finding.Finding;
import dev.gitops.validator.source.Position;
import dev.gitops.validator.source.SourceFile;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class TagLintTest {

    private static final Position AT = new Position(3, 7);

    private static List<Finding> scalar(String tag, String value) {
        FileFindings out = new FileFindings(new SourceFile(Path.of("t.yaml"), "t.yaml"));
        TagLint.scalar(out, tag, value, AT);
        return out.list();
    }

    private static List<Finding> collection(String tag, String ownTag) {
        FileFindings out = new FileFindings(new SourceFile(Path.of("t.yaml"), "t.yaml"));
        TagLint.collection(out, tag, ownTag, AT);
        return out.list();
    }

    private static String yaml(String name) {
        return "tag:yaml.org,2002:" + name;
    }

    @Test
    void acceptsTagsThatChangeNothing() {
        assertEquals(List.of(), scalar(null, "yes"));
        assertEquals(List.of(), scalar("!", "anything"));
        assertEquals(List.of(), scalar(yaml("str"), "0755"));
        assertEquals(List.of(), scalar(yaml("int"), "-42"));
        assertEquals(List.of(), scalar(yaml("float"), "1.5e3"));
        assertEquals(List.of(), scalar(yaml("float"), "3"));
        assertEquals(List.of(), scalar(yaml("bool"), "false"));
        assertEquals(List.of(), scalar(yaml("null"), ""));
        assertEquals(List.of(), scalar(yaml("null"), "~"));
        assertEquals(List.of(), collection(yaml("map"), TagLint.MAP_TAG));
        assertEquals(List.of(), collection(yaml("seq"), TagLint.SEQ_TAG));
        assertEquals(List.of(), collection(null, TagLint.MAP_TAG));
        assertEquals(List.of(), collection("!", TagLint.SEQ_TAG));
    }

    @Test
    void reportsTypeTagsOnValuesNotInTheirCanonicalForm() {
        for (String[] c : new String[][] {{"int", "0x1F"}, {"int", "0755"}, {"float", "1e3"}, {"bool", "yes"},
                {"null", "none"}}) {
            List<Finding> found = scalar(yaml(c[0]), c[1]);
            assertEquals(1, found.size(), c[0] + " " + c[1]);
            assertEquals("explicit tag !!" + c[0] + " on the value '" + c[1]
                    + "': Kubernetes would read it differently or reject it", found.getFirst().message());
        }
    }

    @Test
    void reportsCustomAndDecodingTagsAtTheTag() {
        Finding f = scalar("!Ref", "bucket").getFirst();
        assertEquals("YAML014", f.rule());
        assertEquals("explicit tag !Ref on the value 'bucket': Kubernetes would read it differently or reject it",
                f.message());
        assertEquals("remove the tag; quote the value if a string is meant", f.hint());
        assertEquals("t.yaml", f.file());
        assertEquals(3, f.line());
        assertEquals(7, f.column());
        assertEquals(1, scalar(yaml("binary"), "aGVsbG8=").size());
        assertEquals(1, scalar(yaml("timestamp"), "2001-12-14").size());
    }

    @Test
    void abbreviatesLongValues() {
        String message = scalar("!secret", "x".repeat(50)).getFirst().message();
        assertEquals("explicit tag !secret on the value '" + "x".repeat(40)
                + "…': Kubernetes would read it differently or reject it", message);
    }

    @Test
    void reportsACollectionTagOnTheOtherKindOfCollection() {
        assertEquals("explicit tag !!seq on a mapping: Kubernetes would read it differently or reject it",
                collection(yaml("seq"), TagLint.MAP_TAG).getFirst().message());
        assertEquals("explicit tag !!set on a list: Kubernetes would read it differently or reject it",
                collection(yaml("set"), TagLint.SEQ_TAG).getFirst().message());
        assertEquals(1, collection("!Sub", TagLint.MAP_TAG).size());
    }
}
