package dev.gitops.validator.release;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.gitops.validator.load.LoadLimits;
import dev.gitops.validator.load.YamlLoader;
import dev.gitops.validator.resource.Resource;
import dev.gitops.validator.source.FieldPath;
import dev.gitops.validator.source.SourceFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Edits in place: only the value's text changes, in its own quoting; everything else stays byte for byte. */
class TreeEditsTest {

    static final SourceFile FILE = new SourceFile(Path.of("/nonexistent/f.yaml"), "f.yaml");

    static List<Resource> load(String text) {
        return new YamlLoader(LoadLimits.DEFAULT).load(FILE, text.getBytes(StandardCharsets.UTF_8)).resources();
    }

    static String render(String text, TreeEdits edits) throws Exception {
        Map<String, byte[]> out = edits.render(f -> text.getBytes(StandardCharsets.UTF_8));
        return new String(out.get("f.yaml"), StandardCharsets.UTF_8);
    }

    @Test
    void scalarsKeepTheirQuotingAndComments() throws Exception {
        String text = """
                # head comment
                apiVersion: v1
                kind: ConfigMap
                metadata: {name: s, labels: {version: 1.0.0, team: a}}
                data:
                  weight: "100"      # public weight
                  single: 'x'
                  plain: abc # trailing
                  number: 3
                """;
        Resource r = load(text).getFirst();
        TreeEdits e = new TreeEdits()
                .set(r, FieldPath.parse("data.weight"), "75")
                .set(r, FieldPath.parse("data.single"), "it's")
                .set(r, FieldPath.parse("data.plain"), "43")
                .set(r, FieldPath.parse("data.number"), 0L)
                .set(r, FieldPath.parse("metadata.labels.version"), "1.0.1");
        assertEquals("""
                # head comment
                apiVersion: v1
                kind: ConfigMap
                metadata: {name: s, labels: {version: 1.0.1, team: a}}
                data:
                  weight: "75"      # public weight
                  single: 'it''s'
                  plain: "43" # trailing
                  number: 0
                """, render(text, e));
    }

    @Test
    void annotationsAreAddedAndRemovedAsLines() throws Exception {
        String text = """
                apiVersion: keda.sh/v1alpha1
                kind: ScaledObject
                metadata:
                  name: processor
                  labels:
                    app: processor
                spec:
                  minReplicaCount: 3
                """;
        Resource r = load(text).getFirst();
        String added = render(text, new TreeEdits().annotate(r, "autoscaling.keda.sh/paused-replicas", "0"));
        assertEquals("""
                apiVersion: keda.sh/v1alpha1
                kind: ScaledObject
                metadata:
                  name: processor
                  labels:
                    app: processor
                  annotations:
                    autoscaling.keda.sh/paused-replicas: "0"
                spec:
                  minReplicaCount: 3
                """, added);
        Resource again = load(added).getFirst();
        assertEquals(text, render(added, new TreeEdits().unannotate(again, "autoscaling.keda.sh/paused-replicas")));
    }

    @Test
    void anEditThatWouldChangeMoreThanTheValueIsRefused() {
        String text = """
                apiVersion: v1
                kind: ConfigMap
                metadata:
                  name: s
                data:
                  note: |
                    block
                """;
        Resource r = load(text).getFirst();
        assertThrows(TreeEdits.EditException.class,
                () -> render(text, new TreeEdits().set(r, FieldPath.parse("data.note"), "x")));
    }
}
