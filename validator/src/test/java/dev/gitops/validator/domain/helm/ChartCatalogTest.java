package dev.gitops.validator.domain.helm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gitops.validator.check.CheckFailedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The recorded chart keys: lookups, includes, and files that must stop the run. */
class ChartCatalogTest {

    @TempDir
    Path root;

    private void record(String chart, String version, String text) throws Exception {
        Path dir = root.resolve("schemas/helm").resolve(chart).resolve(version);
        Files.createDirectories(dir);
        Files.writeString(dir.resolve(ChartCatalog.FILE), text);
    }

    @Test
    void includesResolveAndLookupsSayWhatAKeyIs() throws Exception {
        record("sub", "1.0.0", "chart: sub\nversion: 1.0.0\nkeys:\n  resources: ~\n  admin: \"...\"\n"
                + "  partial:\n    \"...\": ~\n    known: ~\n");
        record("top", "2.0.0", "chart: top\nversion: 2.0.0\nkeys:\n  a:\n    $chart: sub/1.0.0\n    enabled: ~\n"
                + "ignored:\n  a.resources:\n    reason: not read\n    use: a.other\n");
        ChartKeys keys = new ChartCatalog(root, null).find("top", "2.0.0").orElseThrow();
        assertInstanceOf(ChartKeys.Leaf.class, keys.lookup(List.of("a", "enabled")));
        assertInstanceOf(ChartKeys.Without.class, keys.lookup(List.of("a", "resources")));
        assertInstanceOf(ChartKeys.Unrecorded.class, keys.lookup(List.of("a", "admin", "x")));
        assertInstanceOf(ChartKeys.Unrecorded.class, keys.lookup(List.of("a", "partial", "other")));
        assertInstanceOf(ChartKeys.Leaf.class, keys.lookup(List.of("a", "partial", "known")));
        ChartKeys.Unknown u = assertInstanceOf(ChartKeys.Unknown.class, keys.lookup(List.of("a", "enabeld")));
        assertTrue(u.siblings().contains("enabled"), u.siblings().toString());
        assertTrue(new ChartCatalog(root, null).find("top", "2.0.1").isEmpty());
        assertTrue(new ChartCatalog(root, null).find("../top", "2.0.0").isEmpty(), "paths stay inside the location");
    }

    @Test
    void brokenRecordsStopTheRun() throws Exception {
        record("loop", "1.0.0", "chart: loop\nversion: 1.0.0\nkeys:\n  a:\n    $chart: loop/1.0.0\n");
        record("wrong", "1.0.0", "chart: other\nversion: 1.0.0\nkeys: {}\n");
        record("dangling", "1.0.0", "chart: dangling\nversion: 1.0.0\nkeys:\n  a:\n    $chart: none/9\n");
        ChartCatalog catalog = new ChartCatalog(root, null);
        assertTrue(assertThrows(CheckFailedException.class, () -> catalog.find("loop", "1.0.0"))
                .getMessage().contains("includes itself"));
        assertTrue(assertThrows(CheckFailedException.class, () -> catalog.find("wrong", "1.0.0"))
                .getMessage().contains("not wrong 1.0.0"));
        assertTrue(assertThrows(CheckFailedException.class, () -> catalog.find("dangling", "1.0.0"))
                .getMessage().contains("names no recorded chart"));
    }

    @Test
    void everyRecordOfTheRepositoryLoads() throws Exception {
        Path repo = Path.of("..").toAbsolutePath().normalize();
        ChartCatalog catalog = new ChartCatalog(repo, null);
        List<Path> files;
        try (var s = Files.walk(repo.resolve(ChartCatalog.DEFAULT_LOCATION))) {
            files = s.filter(p -> p.getFileName().toString().equals(ChartCatalog.FILE)).toList();
        }
        assertTrue(files.size() >= 10, "records found: " + files);
        for (Path f : files) {
            String chart = f.getParent().getParent().getFileName().toString();
            String version = f.getParent().getFileName().toString();
            ChartKeys keys = catalog.find(chart, version).orElseThrow();
            assertTrue(!keys.keys().isEmpty(), f + " records no keys");
        }
    }

    @Test
    void parameterNamesSplitOnUnescapedDots() {
        assertEquals(List.of("controller", "ingressController", "resources"),
                HelmValuesCheck.parameterPath("controller.ingressController.resources"));
        assertEquals(List.of("serviceAccount", "annotations", "eks.amazonaws.com/role-arn"),
                HelmValuesCheck.parameterPath("serviceAccount.annotations.eks\\.amazonaws\\.com/role-arn"));
        assertEquals(List.of("controller", "trafficRouterPlugins"),
                HelmValuesCheck.parameterPath("controller.trafficRouterPlugins[0].name"));
    }
}
