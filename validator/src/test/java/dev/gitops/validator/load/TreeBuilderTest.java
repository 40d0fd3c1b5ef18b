package dev.gitops.validator.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gitops.validator.finding.Finding;
import dev.gitops.validator.resource.ResourceRef;
import dev.gitops.validator.source.FieldPath;
import dev.gitops.validator.source.Position;
import dev.gitops.validator.source.SourceFile;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Drives the builder with events by hand, as the parser would send them. */
class TreeBuilderTest {

    private final FileFindings findings = new FileFindings(new SourceFile(Path.of("t.yaml"), "t.yaml"));

    private TreeBuilder builder(LoadLimits limits) {
        TreeBuilder tree = new TreeBuilder(findings, limits);
        tree.startDocument();
        return tree;
    }

    private static Position at(int line, int column) {
        return new Position(line, column);
    }

    private static void plain(TreeBuilder tree, String text, int line, int column) {
        tree.scalar(text, null, true, null, at(line, column));
    }

    @Test
    void buildsMappingsAndListsWithThePositionOfEveryField() {
        TreeBuilder tree = builder(LoadLimits.DEFAULT);
        tree.startCollection(true, null, null, at(1, 1));
        plain(tree, "replicas", 1, 1);
        plain(tree, "3", 1, 11);
        plain(tree, "args", 2, 1);
        tree.startCollection(false, null, null, at(3, 3));
        plain(tree, "a", 3, 5);
        tree.scalar("b", null, false, null, at(4, 5));
        tree.endCollection();
        tree.endCollection();
        assertTrue(!tree.insideDocument());
        TreeBuilder.Document doc = tree.finishDocument();

        assertEquals(Map.of("replicas", 3L, "args", List.of("a", "b")), doc.value());
        assertEquals(List.of("replicas", "args"), List.copyOf(((Map<?, ?>) doc.value()).keySet()), "in file order");
        assertEquals(at(1, 1), doc.position());
        assertEquals(at(1, 1), doc.positions().exact(FieldPath.of("replicas")));
        assertEquals(at(1, 11), doc.positions().value(FieldPath.of("replicas")));
        assertEquals(at(3, 3), doc.positions().value(FieldPath.of("args")));
        assertEquals(at(4, 5), doc.positions().exact(FieldPath.of("args", 1)));
        assertEquals(List.of(), findings.list());
        assertNull(tree.finishDocument(), "a document is handed over once");
    }

    @Test
    void everyDuplicateNamesTheFirstKey() {
        TreeBuilder tree = builder(LoadLimits.DEFAULT);
        tree.startCollection(true, null, null, at(1, 1));
        for (int line = 1; line <= 3; line++) {
            plain(tree, "a", line, 1);
            plain(tree, String.valueOf(line), line, 4);
        }
        tree.endCollection();
        TreeBuilder.Document doc = tree.finishDocument();

        assertEquals(Map.of("a", 3L), doc.value(), "the later value wins");
        assertEquals(at(3, 1), doc.positions().exact(FieldPath.of("a")));
        assertEquals(List.of(2, 3), findings.list().stream().map(Finding::line).toList());
        for (Finding f : findings.list()) {
            assertEquals("YAML002", f.rule());
            assertEquals("duplicate key 'a' (first at line 1); the later value wins silently", f.message());
            assertEquals(1, f.related().getFirst().line());
        }
    }

    @Test
    void mergeKeysAddOnlyMissingKeys() {
        TreeBuilder tree = builder(LoadLimits.DEFAULT);
        tree.startCollection(true, null, null, at(1, 1));
        plain(tree, "base", 1, 1);
        tree.startCollection(true, null, "b", at(1, 7));
        plain(tree, "p", 1, 11);
        plain(tree, "1", 1, 14);
        plain(tree, "q", 1, 17);
        plain(tree, "2", 1, 20);
        tree.endCollection();
        plain(tree, "own", 2, 1);
        tree.startCollection(true, null, null, at(3, 3));
        plain(tree, "<<", 3, 3);
        tree.alias("b", at(3, 7));
        plain(tree, "q", 4, 3);
        plain(tree, "3", 4, 6);
        tree.endCollection();
        tree.endCollection();
        TreeBuilder.Document doc = tree.finishDocument();

        Map<?, ?> own = (Map<?, ?>) ((Map<?, ?>) doc.value()).get("own");
        assertEquals(Map.of("p", 1L, "q", 3L), own);
        assertEquals(at(3, 7), doc.positions().exact(FieldPath.of("own", "p")), "a merged key sits at the alias");
        assertEquals(at(4, 3), doc.positions().exact(FieldPath.of("own", "q")));
    }

    @Test
    void aMergeOfAScalarIsAnError() {
        TreeBuilder tree = builder(LoadLimits.DEFAULT);
        tree.startCollection(true, null, null, at(1, 1));
        plain(tree, "<<", 1, 1);
        plain(tree, "x", 1, 5);
        LimitCrossed e = assertThrows(LimitCrossed.class, tree::endCollection);
        assertEquals(YamlRules.SYNTAX, e.rule());
        assertEquals(at(1, 5), e.position());
    }

    @Test
    void anAliasSharesItsAnchorsValueAndAnAnchorOutlivesItsDocument() {
        TreeBuilder tree = builder(LoadLimits.DEFAULT);
        tree.startCollection(false, null, "list", at(1, 1));
        plain(tree, "a", 1, 3);
        tree.endCollection();
        Object first = tree.finishDocument().value();
        tree.startDocument();
        tree.alias("list", at(3, 1));
        assertSame(first, tree.finishDocument().value());
        LimitCrossed e = assertThrows(LimitCrossed.class, () -> tree.alias("none", at(4, 1)));
        assertEquals("alias *none refers to no anchor", e.getMessage());
    }

    @Test
    void stopsAtTheDepthLimit() {
        TreeBuilder tree = builder(new LoadLimits(1024, 2, 100, 10));
        tree.startCollection(false, null, null, at(1, 1));
        tree.startCollection(false, null, null, at(1, 2));
        LimitCrossed e = assertThrows(LimitCrossed.class, () -> tree.startCollection(true, null, null, at(1, 3)));
        assertEquals(YamlRules.TOO_LARGE, e.rule());
        assertEquals("nesting deeper than 2 levels", e.getMessage());
        assertEquals(at(1, 3), e.position());
    }

    @Test
    void countsAliasesAtTheirExpandedSize() {
        TreeBuilder tree = builder(new LoadLimits(1024, 10, 12, 10));
        tree.startCollection(false, null, null, at(1, 1));
        tree.startCollection(false, null, "a", at(1, 2));
        for (int i = 0; i < 4; i++) {
            plain(tree, "x", 1, 3 + i);
        }
        tree.endCollection();   // 6 nodes so far, the anchored list is 5
        tree.alias("a", at(2, 1));   // 11
        LimitCrossed e = assertThrows(LimitCrossed.class, () -> tree.alias("a", at(3, 1)));
        assertEquals(YamlRules.ALIAS_BOMB, e.rule());
        assertEquals("aliases expand to more than 12 nodes", e.getMessage());

        TreeBuilder few = new TreeBuilder(new FileFindings(findings.file()), new LoadLimits(1024, 10, 100, 1));
        few.startDocument();
        few.startCollection(false, null, null, at(1, 1));
        few.startCollection(false, null, "a", at(1, 2));
        few.endCollection();
        few.alias("a", at(2, 1));
        assertEquals("more than 1 aliases to collections in one file",
                assertThrows(LimitCrossed.class, () -> few.alias("a", at(3, 1))).getMessage());
    }

    @Test
    void reportsNonScalarKeysAndSkipsTheirEntry() {
        TreeBuilder tree = builder(LoadLimits.DEFAULT);
        tree.startCollection(true, null, null, at(1, 1));
        tree.startCollection(false, null, null, at(1, 3));
        plain(tree, "a", 1, 4);
        tree.endCollection();
        plain(tree, "b", 2, 3);
        tree.endCollection();
        assertEquals(Map.of(), tree.finishDocument().value());
        Finding f = findings.list().getFirst();
        assertEquals("YAML012", f.rule());
        assertEquals("a mapping key must be a scalar, not a list", f.message());
        assertEquals(1, f.line());
        assertEquals(3, f.column());
    }

    @Test
    void namesTheDocumentFromWhatWasReadSoFar() {
        TreeBuilder tree = builder(LoadLimits.DEFAULT);
        tree.startCollection(true, null, null, at(1, 1));
        plain(tree, "kind", 1, 1);
        plain(tree, "Deployment", 1, 7);
        plain(tree, "metadata", 2, 1);
        tree.startCollection(true, null, null, at(3, 3));
        plain(tree, "name", 3, 3);
        plain(tree, "web", 3, 9);
        assertTrue(tree.insideDocument());
        assertEquals(new ResourceRef(null, "Deployment", null, "web"), tree.identitySoFar());
        tree.startDocument();
        assertFalse(tree.insideDocument());
        assertNull(tree.identitySoFar());
    }

    @Test
    void lintsScalarsAndTagsAsTheyArrive() {
        TreeBuilder tree = builder(LoadLimits.DEFAULT);
        tree.startCollection(true, null, null, at(1, 1));
        plain(tree, "on", 1, 1);
        tree.scalar("x", "!Ref", false, null, at(1, 5));
        plain(tree, "mode", 2, 1);
        plain(tree, "0755", 2, 7);
        plain(tree, "quoted", 3, 1);
        tree.scalar("yes", null, false, null, at(3, 9));
        tree.endCollection();
        assertEquals(List.of("YAML011 true", "YAML014 null", "YAML011 mode"),
                findings.list().stream().map(f -> f.rule() + " " + f.path()).toList());
    }
}
