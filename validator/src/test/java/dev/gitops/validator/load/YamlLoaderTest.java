package dev.gitops.validator.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gitops.validator.finding.Finding;
import dev.gitops.validator.resource.Resource;
import dev.gitops.validator.source.FieldPath;
import dev.gitops.validator.source.Position;
import dev.gitops.validator.source.SourceFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class YamlLoaderTest {

    private static LoadedFile load(String yaml) {
        return new YamlLoader(LoadLimits.DEFAULT).load(new SourceFile(Path.of("t.yaml"), "t.yaml"),
                yaml.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void keepsThePositionOfEveryField() {
        LoadedFile f = load("""
                apiVersion: apps/v1
                kind: Deployment
                metadata:
                  name: web
                spec:
                  template:
                    spec:
                      containers:
                        - name: app
                          image: nginx
                """);
        assertEquals(List.of(), f.findings());
        Resource r = f.resources().getFirst();
        assertEquals(new Position(10, 11), r.positionOf(FieldPath.parse("spec.template.spec.containers[0].image")));
        assertEquals(new Position(9, 11), r.positionOf(FieldPath.parse("spec.template.spec.containers[0]")));
        assertEquals(new Position(4, 3), r.positionOf(FieldPath.parse("metadata.name")));
        // a missing field is reported where its nearest ancestor is
        assertEquals(new Position(4, 3), r.positionOf(FieldPath.parse("metadata.name.nothing")));
    }

    @Test
    void readsScalarsTheWayKubernetesDoes() {
        LoadedFile f = load("a: yes\nb: 0755\nc: '0755'\nd: 1.5\ne: ~\nf: on\n");
        Resource r = f.resources().getFirst();
        assertEquals(Boolean.TRUE, r.content().get("a"));
        assertEquals(493L, r.content().get("b"));
        assertEquals("0755", r.content().get("c"));
        assertEquals(1.5, r.content().get("d"));
        assertTrue(r.content().containsKey("e"));
        assertEquals(Boolean.TRUE, r.content().get("f"));
        assertEquals(3, f.findings().stream().filter(x -> x.rule().equals("YAML011")).count());
    }

    @Test
    void reportsDuplicateKeysAtTheSecondKey() {
        LoadedFile f = load("a: 1\nb: 2\na: 3\n");
        Finding d = f.findings().getFirst();
        assertEquals("YAML002", d.rule());
        assertEquals(3, d.line());
        assertEquals(1, d.related().getFirst().line());
    }

    @Test
    void stopsAliasBombs() {
        StringBuilder y = new StringBuilder("a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n");
        for (int i = 1; i < 12; i++) {
            y.append("a").append(i).append(": &a").append(i).append(" [");
            for (int k = 0; k < 10; k++) {
                y.append(k == 0 ? "" : ", ").append("*a").append(i - 1);
            }
            y.append("]\n");
        }
        LoadedFile f = load(y.toString());
        assertEquals("YAML009", f.findings().getFirst().rule());
    }

    @Test
    void loaderFindingsNameTheResourceOfTheirDocument() {
        LoadedFile f = load("""
                apiVersion: v1
                kind: ConfigMap
                metadata:
                  name: first
                  namespace: shop
                data:
                  a: 1
                  a: 2
                ---
                apiVersion: v1
                kind: List
                items:
                  - apiVersion: v1
                    kind: Secret
                    metadata: {name: one}
                  - apiVersion: v1
                    kind: Secret
                    metadata: {name: two}
                    stringData: {flag: on}
                """);
        Finding dup = f.findings().get(0);
        assertEquals("YAML002", dup.rule());
        assertEquals(new dev.gitops.validator.resource.ResourceRef("v1", "ConfigMap", "shop", "first"), dup.resource());
        Finding flag = f.findings().get(1);
        assertEquals("YAML011", flag.rule());
        assertEquals("two", flag.resource().name(), "a finding inside a List item names that item");
        assertEquals(19, flag.line());
    }

    @Test
    void aSyntaxErrorNamesTheResourceReadSoFar() {
        LoadedFile f = load("""
                apiVersion: apps/v1
                kind: Deployment
                metadata:
                  name: web
                  namespace: shop
                spec:
                  replicas: 2
                   broken: here
                """);
        Finding e = f.findings().getFirst();
        assertEquals("YAML001", e.rule());
        assertEquals(8, e.line());
        assertEquals("Deployment/shop/web", e.resource().display());
    }

    @Test
    void everyFindingHasAFileLineAndColumn() {
        for (String yaml : List.of("a: [", "\tkey: v\n", "- 1\n- 2\n", "? [a]\n: b\n", "x: *nothing\n")) {
            LoadedFile f = load(yaml);
            assertTrue(!f.findings().isEmpty(), yaml);
            for (Finding x : f.findings()) {
                assertEquals("t.yaml", x.file());
                assertTrue(x.line() >= 1 && x.column() >= 1, x.toString());
            }
        }
    }
}
