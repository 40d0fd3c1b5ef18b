package dev.gitops.validator.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.gitops.validator.finding.Finding;
import dev.gitops.validator.finding.Severity;
import dev.gitops.validator.source.FieldPath;
import dev.gitops.validator.source.Position;
import dev.gitops.validator.source.SourceFile;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class Yaml11LintTest {

    private static final Position AT = new Position(4, 9);
    private static final FieldPath LABEL = FieldPath.parse("metadata.labels.country");

    private static List<Finding> value(String text, FieldPath path) {
        FileFindings out = new FileFindings(new SourceFile(Path.of("t.yaml"), "t.yaml"));
        Yaml11Lint.value(out, text, () -> path, AT);
        return out.list();
    }

    private static List<Finding> key(String text, FieldPath mapping) {
        FileFindings out = new FileFindings(new SourceFile(Path.of("t.yaml"), "t.yaml"));
        Yaml11Lint.key(out, text, () -> mapping, AT);
        return out.list();
    }

    @Test
    void reportsValuesThatYaml11ReadsAsBooleansOrNumbers() {
        Finding f = value("NO", LABEL).getFirst();
        assertEquals("YAML011", f.rule());
        assertEquals(Severity.WARNING, f.severity());
        assertEquals("'NO' is the boolean false to Kubernetes (YAML 1.1) but the string \"NO\" in YAML 1.2", f.message());
        assertEquals("metadata.labels.country", f.path());
        assertEquals(4, f.line());
        assertEquals(9, f.column());
        assertEquals("quote the value if a string is meant, or write true/false or a plain decimal", f.hint());
        assertEquals("'0755' is the octal number 493 to Kubernetes (YAML 1.1) but the decimal 755 in YAML 1.2",
                value("0755", LABEL).getFirst().message());
        assertEquals("'1_000' is the number 1000 to Kubernetes (YAML 1.1) but a string in YAML 1.2",
                value("1_000", LABEL).getFirst().message());
        assertEquals("'1:30' is a base-60 number in YAML 1.1 (Kubernetes reads it as a string)",
                value("1:30", LABEL).getFirst().message());
    }

    @Test
    void leavesValuesBothVersionsAgreeOn() {
        for (String text : List.of("true", "False", "10", "0", "-0.5", "web", "1.2.3", "00")) {
            assertEquals(List.of(), value(text, LABEL), text);
        }
    }

    @Test
    void aValueAtTheDocumentRootHasNoPath() {
        assertNull(value("yes", FieldPath.ROOT).getFirst().path());
    }

    @Test
    void reportsKeysThatBecomeBooleansUnderTheirNewName() {
        Finding f = key("on", FieldPath.of("jobs")).getFirst();
        assertEquals("the key 'on' is read by Kubernetes as the boolean true (YAML 1.1)", f.message());
        assertEquals("jobs.true", f.path());
        assertEquals("jobs.false", key("N", FieldPath.of("jobs")).getFirst().path());
        assertEquals("false", key("off", FieldPath.ROOT).getFirst().path());
    }

    @Test
    void leavesOtherKeys() {
        for (String text : List.of("true", "TRUE", "false", "0755", "1:30", "name")) {
            assertEquals(List.of(), key(text, FieldPath.ROOT), text);
        }
    }
}
