package dev.gitops.validator.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.gitops.validator.config.ConfigLoader;
import dev.gitops.validator.resource.Resource;
import dev.gitops.validator.transition.StandardChecks;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The one reader of a tree, shared by validate, the base tree of a change and the release commands. */
class TreeReaderTest {

    @TempDir
    Path dir;

    private static final String CONFIG_MAP = "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: %s}\n";

    private TreeReader reader() throws Exception {
        TempRepo repo = new TempRepo(dir);
        repo.write(".gitops-validator.yaml", "include: [apps]\nignore: [\"apps/skip/**\"]\nwaivers: apps/waivers.yaml\n");
        repo.write("apps/a.yaml", CONFIG_MAP.formatted("a"));
        repo.write("apps/b.yaml", CONFIG_MAP.formatted("b"));
        repo.write("apps/waivers.yaml", "waivers: []\n");
        repo.write("apps/skip/c.yaml", CONFIG_MAP.formatted("c"));
        return new TreeReader(dir, ConfigLoader.load(dir, StandardChecks.all().configSections()));
    }

    private static List<String> files(TreeReader.Tree tree) {
        return tree.inputs().stream().map(ValidatedFile::file).toList();
    }

    @Test
    void readsTheIncludeLessIgnoredPathsAndTheWaiversFile() throws Exception {
        TreeReader.Tree tree = reader().read(Map.of());
        assertEquals(List.of("apps/a.yaml", "apps/b.yaml"), files(tree));
        assertEquals(List.of("a", "b"), tree.resources().stream().map(r -> r.ref().name()).toList());
        assertEquals(List.of(), tree.fatal());
    }

    @Test
    void anOverlayEditsDeletesAndAddsFiles() throws Exception {
        Map<String, byte[]> overlay = new HashMap<>();
        overlay.put("apps/a.yaml", CONFIG_MAP.formatted("edited").getBytes(StandardCharsets.UTF_8));
        overlay.put("apps/b.yaml", null);
        overlay.put("apps/new.yaml", CONFIG_MAP.formatted("new").getBytes(StandardCharsets.UTF_8));
        overlay.put("apps/skip/d.yaml", CONFIG_MAP.formatted("d").getBytes(StandardCharsets.UTF_8));
        TreeReader.Tree tree = reader().read(overlay);
        assertEquals(List.of("apps/a.yaml", "apps/new.yaml"), files(tree));
        assertEquals(List.of("edited", "new"), tree.resources().stream().map(r -> r.ref().name()).toList());
    }

    @Test
    void aMissingPathIsFatalAndStandardInputIsRead() throws Exception {
        TreeReader r = reader();
        TreeReader.Tree missing = r.read(List.of(dir.resolve("nowhere").toString()), null, Map.of());
        assertEquals(1, missing.fatal().size());
        TreeReader.Tree stdin = r.read(List.of("-"), CONFIG_MAP.formatted("in").getBytes(StandardCharsets.UTF_8),
                Map.of());
        assertEquals(List.of("<stdin>"), files(stdin));
        assertEquals("in", stdin.resources().getFirst().ref().name());
    }
}
