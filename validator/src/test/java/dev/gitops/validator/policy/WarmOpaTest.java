package dev.gitops.validator.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gitops.validator.check.RunOptions;
import dev.gitops.validator.config.ValidatorConfig;
import dev.gitops.validator.finding.Finding;
import dev.gitops.validator.pipeline.CheckRegistry;
import dev.gitops.validator.pipeline.Report;
import dev.gitops.validator.pipeline.RuleFilter;
import dev.gitops.validator.pipeline.RunRequest;
import dev.gitops.validator.pipeline.Validator;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The OPA a long-lived process keeps warm, against a real opa: each run reads the library once and
 * hands it over; a run with the library unchanged reuses the server, a changed file of the library
 * (policy or README) gets a new server and a new result, and a run without policy rules never asks.
 */
class WarmOpaTest {

    private static final String DEPLOYMENT = """
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              name: web
              namespace: web
            spec:
              replicas: 2
              template:
                spec:
                  containers:
                    - name: web
                      image: registry.example.com/web@sha256:%s
            """.formatted("a".repeat(64));

    @TempDir
    Path tmp;

    private Path library;
    private Path manifest;

    @BeforeEach
    void copyLibrary() throws IOException {
        library = tmp.resolve("policies");
        Path source = PolicyLibrary.standard().dir();
        try (Stream<Path> walk = Files.walk(source)) {
            for (Path p : walk.toList()) {
                Path target = library.resolve(source.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target);
                }
            }
        }
        manifest = Files.writeString(tmp.resolve("deployment.yaml"), DEPLOYMENT);
    }

    /** One run as the daemon does it: the library read afresh, the warm server asked for it. */
    private Report run(WarmOpa warm, RuleFilter filter) {
        PolicyCheck check = new PolicyCheck(PolicyLibrary.read(library), warm);
        return new Validator(new CheckRegistry(List.of(check))).run(new RunRequest(tmp,
                List.of(manifest.toString()), null, ValidatorConfig.defaults(), filter, true, RunOptions.NONE));
    }

    private static List<String> messages(Report report) {
        assertEquals(List.of(), report.fatal());
        return report.findings().stream().map(Finding::message).toList();
    }

    @Test
    void anUnchangedLibraryKeepsTheServerAndAChangedFileGetsANewOneWithTheNewResult() throws Exception {
        try (WarmOpa warm = new WarmOpa(TestOpa.binary())) {
            List<String> first = messages(run(warm, RuleFilter.ALL));
            assertTrue(first.stream().anyMatch(m -> m.contains("has no cpu request")), first.toString());
            assertEquals(1, warm.starts());
            long pid = warm.pid().orElseThrow();

            assertEquals(first, messages(run(warm, RuleFilter.ALL)));
            assertEquals(1, warm.starts(), "the same library: the same server");
            assertEquals(Optional.of(pid), warm.pid());

            Path policy = library.resolve("resources/containers/policy.rego");
            Files.writeString(policy, Files.readString(policy).replace("has no %s request", "asks for no %s"));
            List<String> edited = messages(run(warm, RuleFilter.ALL));
            assertTrue(edited.stream().anyMatch(m -> m.contains("asks for no cpu")), edited.toString());
            assertFalse(edited.stream().anyMatch(m -> m.contains("has no cpu request")), edited.toString());
            assertEquals(2, warm.starts());
            assertNotEquals(Optional.of(pid), warm.pid(), "the old server is stopped");
            assertFalse(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false));

            // A README is read with the policies: its change is a change of the library too.
            Path readme = library.resolve("resources/containers/README.md");
            Files.writeString(readme, Files.readString(readme) + "\n");
            run(warm, RuleFilter.ALL);
            assertEquals(3, warm.starts());
        }
    }

    @Test
    void aRunWithoutPolicyRulesNeitherStartsNorChecksTheServer() throws Exception {
        try (WarmOpa warm = new WarmOpa(TestOpa.binary())) {
            Report report = run(warm, new RuleFilter(Set.of(), Set.of(PolicyLibrary.CATEGORY)));
            assertEquals(List.of(), report.fatal());
            assertEquals(0, warm.starts());
            assertEquals(Optional.empty(), warm.pid());
        }
    }

    @Test
    void theFingerprintCoversWhatOpaLoadsAndNothingElse() throws IOException {
        String before = PolicyFiles.read(library).fingerprint();
        Files.writeString(library.resolve("resources/containers/samples/allowed/extra.yaml"), "kind: ConfigMap\n");
        Files.writeString(library.resolve(".notes"), "not loaded\n");
        assertEquals(before, PolicyFiles.read(library).fingerprint(), "samples/ and dot files are not loaded");

        Files.writeString(library.resolve("resources/containers/extra.rego"), "package extra\n");
        String added = PolicyFiles.read(library).fingerprint();
        assertNotEquals(before, added);
        Files.move(library.resolve("resources/containers/extra.rego"), library.resolve("resources/containers/other.rego"));
        assertNotEquals(added, PolicyFiles.read(library).fingerprint(), "a renamed file is another library");
    }
}
