package dev.gitops.validator.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code --profile} and the configuration's {@code profile:}: house rules apply only in the house profile. */
class ProfileTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** Valid for the controller, but without analysis: only house rules (ROLLOUT014, ROLLOUT016) object. */
    private static final String ROLLOUT = """
            apiVersion: argoproj.io/v1alpha1
            kind: Rollout
            metadata:
              name: api
              namespace: docs
            spec:
              selector:
                matchLabels: {app: api}
              template:
                metadata:
                  labels: {app: api}
                spec:
                  containers: [{name: api, image: "api:1"}]
              strategy:
                canary:
                  steps:
                    - setWeight: 50
                    - pause: {duration: 5m}
            """;

    @TempDir
    Path root;

    @BeforeEach
    void tree() throws IOException {
        write("apps/rollout.yaml", ROLLOUT);
    }

    private void write(String rel, String content) throws IOException {
        Path p = root.resolve(rel);
        Files.createDirectories(p.getParent());
        Files.writeString(p, content, StandardCharsets.UTF_8);
    }

    private CliRun validate(String... args) {
        List<String> all = new ArrayList<>(List.of("validate", "--root", root.toString(), "--no-color", "--format",
                "json", "--skip", "policy", root.resolve("apps").toString()));
        all.addAll(List.of(args));
        return CliRun.of(all.toArray(String[]::new));
    }

    private static Set<String> rules(CliRun run) throws IOException {
        JsonNode report = JSON.readTree(run.out());
        Set<String> out = new TreeSet<>();
        report.path("findings").forEach(f -> out.add(f.path("rule").asText()));
        return out;
    }

    @Test
    void houseIsTheDefaultAndAppliesReleaseSafetyRules() throws IOException {
        CliRun run = validate();
        assertEquals(1, run.code(), run.err());
        assertTrue(rules(run).containsAll(Set.of("ROLLOUT014", "ROLLOUT016")), rules(run).toString());
    }

    @Test
    void kubernetesProfileAppliesOnlyWhatTheClusterWouldReject() throws IOException {
        CliRun run = validate("--profile", "kubernetes");
        assertEquals(0, run.code(), run.out() + run.err());
        assertEquals(Set.of(), rules(run));
    }

    @Test
    void kubernetesProfileStillRejectsWhatTheControllerRejects() throws IOException {
        write("apps/rollout.yaml", ROLLOUT.replace("setWeight: 50", "setWeight: 150"));
        CliRun run = validate("--profile", "kubernetes");
        assertEquals(1, run.code());
        assertEquals(Set.of("ROLLOUT006"), rules(run));
    }

    @Test
    void theConfigurationSetsTheProfileAndTheCommandLineOverridesIt() throws IOException {
        write(".gitops-validator.yaml", "profile: kubernetes\n");
        assertEquals(Set.of(), rules(validate()));
        assertTrue(rules(validate("--profile", "house")).contains("ROLLOUT014"));
    }

    @Test
    void anUnknownProfileIsAUsageError() throws IOException {
        CliRun cli = validate("--profile", "strictest");
        assertEquals(2, cli.code());
        assertTrue(cli.err().contains("unknown profile 'strictest'"), cli.err());
        write(".gitops-validator.yaml", "profile: strictest\n");
        CliRun config = validate();
        assertEquals(2, config.code());
        assertTrue(config.err().contains(".gitops-validator.yaml:1"), config.err());
    }

    @Test
    void listRulesAndExplainNameEachRulesProfile() {
        CliRun list = CliRun.of("validate", "--list-rules");
        assertEquals(0, list.code());
        assertTrue(line(list.out(), "YAML001").contains(" kubernetes "), list.out());
        assertTrue(line(list.out(), "ROLLOUT001").contains(" kubernetes "), list.out());
        assertTrue(line(list.out(), "ROLLOUT014").contains(" house "), list.out());
        assertFalse(line(list.out(), "ARGOCD001").contains(" kubernetes "), list.out());
        CliRun explain = CliRun.of("validate", "--explain", "ROLLOUT016");
        assertTrue(explain.out().contains("Profile: house"), explain.out());
    }

    private static String line(String out, String id) {
        return out.lines().filter(l -> l.startsWith(id + " ")).findFirst().orElse("");
    }
}
