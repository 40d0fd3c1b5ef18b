package dev.gitops.validator.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gitops.validator.check.ResourceIdentityCheck;
import dev.gitops.validator.check.RunOptions;
import dev.gitops.validator.config.ConfigLoader;
import dev.gitops.validator.finding.Finding;
import dev.gitops.validator.load.YamlRules;
import dev.gitops.validator.transition.StandardChecks;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code validate --in-context PATH...}: the whole tree is context, the paths are what is reported. */
class InContextRunTest {

    @TempDir
    Path root;

    private static final String CONFIG_MAP = """
            apiVersion: v1
            kind: ConfigMap
            metadata:
              name: %s
              namespace: demo
            """;

    @BeforeEach
    void tree() throws IOException {
        write(".gitops-validator.yaml", "include:\n  - apps\nignore:\n  - \"**/samples/**\"\n");
        write("apps/a/base/one.yaml", CONFIG_MAP.formatted("shared"));
        write("apps/b/base/two.yaml", CONFIG_MAP.formatted("shared"));
        write("apps/c/base/broken.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: x\n");
        write("apps/c/samples/denied/bad.yaml", "kind: [\n");
        write(".github/workflows/ci.yml", "on: push\njobs: {}\n");
        write("policies/x/policy.rego", "package x\n");
    }

    private void write(String name, String text) throws IOException {
        Path p = root.resolve(name);
        Files.createDirectories(p.getParent());
        Files.writeString(p, text);
    }

    private Report run(String... paths) throws Exception {
        List<String> abs = java.util.Arrays.stream(paths).map(p -> root.resolve(p).toString()).toList();
        return new Validator(new CheckRegistry(List.of(new ResourceIdentityCheck())))
                .run(new RunRequest(root, abs, null, ConfigLoader.load(root, StandardChecks.all().configSections()), RuleFilter.of(List.of(), List.of()),
                        true, RunOptions.NONE, true));
    }

    private static List<String> files(Report r) {
        return r.findings().stream().map(Finding::file).distinct().sorted().toList();
    }

    @Test
    void aCrossFileFindingIsSeenFromEitherFile() throws Exception {
        // The duplicate is reported at the second definition, which refers to the first.
        Report fromSecond = run("apps/b/base/two.yaml");
        assertEquals(List.of("apps/b/base/two.yaml"), files(fromSecond));
        assertEquals(YamlRules.DUPLICATE_RESOURCE.id(), fromSecond.findings().getFirst().rule());
        Report fromFirst = run("apps/a/base/one.yaml");
        assertEquals(List.of("apps/b/base/two.yaml"), files(fromFirst));
        assertEquals(1, fromFirst.exitCode(false));
    }

    @Test
    void findingsInOtherFilesAreNotReported() throws Exception {
        Report r = run("apps/a/base/one.yaml");
        assertTrue(files(r).stream().noneMatch(f -> f.contains("broken")), files(r).toString());
        Report broken = run("apps/c/base/broken.yaml");
        assertEquals(List.of("apps/c/base/broken.yaml"), files(broken));
    }

    @Test
    void aFolderFocusesEveryManifestBelowIt() throws Exception {
        Report r = run("apps/c");
        assertEquals(List.of("apps/c/base/broken.yaml"), files(r));
    }

    @Test
    void filesOutsideTheTreeOrIgnoredAreSkipped() throws Exception {
        Report r = run(".github/workflows/ci.yml", "apps/c/samples/denied/bad.yaml");
        assertEquals(List.of(), r.findings());
        assertEquals(0, r.exitCode(true));
        assertEquals(0, r.summary().files());
    }

    @Test
    void aChangedPolicyOrConfigurationReportsTheWholeTree() throws Exception {
        assertEquals(List.of("apps/b/base/two.yaml", "apps/c/base/broken.yaml"), files(run("policies/x/policy.rego")));
        assertEquals(List.of("apps/b/base/two.yaml", "apps/c/base/broken.yaml"), files(run(".gitops-validator.yaml")));
    }
}
