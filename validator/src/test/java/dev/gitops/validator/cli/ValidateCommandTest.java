package dev.gitops.validator.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gitops.validator.load.YamlRules;
import dev.gitops.validator.pipeline.WaiverRules;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The validate command as users run it: options, outputs and exit codes (0 clean, 1 errors, 2 cannot judge). */
class ValidateCommandTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    static final String GOOD = """
            apiVersion: v1
            kind: ConfigMap
            metadata:
              name: good
            data:
              a: b
            """;
    static final String WARNING = """
            apiVersion: v1
            kind: ConfigMap
            metadata:
              name: warned
            data:
              enabled: yes
            """;
    static final String ERROR = """
            apiVersion: v1
            kind: ConfigMap
            metadata:
              name: broken
            data:
              a: 1
              a: 2
            """;

    @TempDir
    Path root;

    private Path write(String rel, String content) throws IOException {
        Path p = root.resolve(rel);
        Files.createDirectories(p.getParent());
        Files.writeString(p, content, StandardCharsets.UTF_8);
        return p;
    }

    /**
     * Runs validate on the temporary repository. Unless the test selects rules itself, only the
     * core stages run: the other stages judge these small manifests in their own tests.
     */
    private CliRun validate(String... args) {
        List<String> all = new ArrayList<>(List.of("validate", "--root", root.toString(), "--no-color"));
        if (!List.of(args).contains("--only")) {
            all.addAll(List.of("--only", "yaml,waiver"));
        }
        all.addAll(List.of(args));
        return CliRun.of(all.toArray(String[]::new));
    }

    private static JsonNode json(CliRun run) throws IOException {
        return JSON.readTree(run.out());
    }

    private static Set<String> rules(JsonNode report) {
        Set<String> out = new HashSet<>();
        report.path("findings").forEach(f -> out.add(f.path("rule").asText()));
        return out;
    }

    @Test
    void exitsZeroWhenClean() throws IOException {
        write("apps/good.yaml", GOOD);
        CliRun run = validate();
        assertEquals(0, run.code(), run.out() + run.err());
        assertTrue(run.out().contains("1 files, 1 resources: 0 errors"), run.out());
    }

    @Test
    void exitsOneOnAnErrorWithFileLineAndColumn() throws IOException {
        write("apps/good.yaml", GOOD);
        write("apps/broken.yaml", ERROR);
        CliRun run = validate();
        assertEquals(1, run.code());
        assertTrue(run.out().contains("apps/broken.yaml:7:3: error YAML002"), run.out());
    }

    @Test
    void warningsPassUnlessStrict() throws IOException {
        write("apps/warned.yaml", WARNING);
        assertEquals(0, validate().code());
        CliRun strict = validate("--strict");
        assertEquals(1, strict.code());
        assertTrue(strict.out().contains("warning YAML011"));
    }

    @Test
    void onlyAndSkipSelectByRuleIdOrCategory() throws IOException {
        write("apps/warned.yaml", WARNING);
        write("apps/broken.yaml", ERROR);
        assertEquals(Set.of("YAML002", "YAML011"), rules(json(validate("--format", "json"))));
        assertEquals(Set.of("YAML011"), rules(json(validate("--format", "json", "--only", "YAML011"))));
        assertEquals(Set.of("YAML002", "YAML011"), rules(json(validate("--format", "json", "--only", "yaml"))));
        assertEquals(Set.of("YAML002"), rules(json(validate("--format", "json", "--skip", "yaml011"))));
        assertEquals(Set.of(), rules(json(validate("--format", "json", "--skip", "yaml"))));
        assertEquals(Set.of("YAML002"), rules(json(validate("--format", "json", "--only", "yaml", "--skip", "YAML011"))));
        assertEquals(0, validate("--skip", "YAML002").code(), "the error is skipped, the warning passes");
        CliRun unknown = validate("--only", "NOPE999");
        assertEquals(2, unknown.code());
        assertTrue(unknown.err().toUpperCase().contains("NOPE999"), unknown.err());
    }

    @Test
    void explainPrintsTheRuleReadme() {
        CliRun run = CliRun.of("validate", "--explain", "yaml008");
        assertEquals(0, run.code());
        assertTrue(run.out().startsWith("YAML008 (yaml, error): "), run.out());
        assertTrue(run.out().contains("**Why.**") && run.out().contains("clusters/even"), run.out());
        CliRun unknown = CliRun.of("validate", "--explain", "NOPE999");
        assertEquals(2, unknown.code());
        assertTrue(unknown.err().contains("no rule NOPE999"));
    }

    @Test
    void explainAcceptsAFormerRuleId() {
        CliRun run = CliRun.of("validate", "--explain", "ARGO001");
        assertEquals(0, run.code(), run.err());
        assertTrue(run.out().startsWith("ARGOCD101 (policy, error)"), run.out());
        assertTrue(run.out().contains("argocd/sync"), run.out());
    }

    @Test
    void listRulesListsEveryCoreRule() {
        CliRun run = CliRun.of("validate", "--list-rules");
        assertEquals(0, run.code());
        for (var r : YamlRules.ALL) {
            assertTrue(run.out().contains(r.id()), r.id());
        }
        for (var r : WaiverRules.ALL) {
            assertTrue(run.out().contains(r.id()), r.id());
        }
    }

    @Test
    void readsStandardInputAsDash() throws IOException {
        CliRun clean = CliRun.withStdin(GOOD, "validate", "--only", "yaml", "--root", root.toString(), "--format", "json", "-");
        assertEquals(0, clean.code(), clean.err());
        assertEquals(1, json(clean).at("/summary/resources").asInt());
        CliRun broken = CliRun.withStdin(ERROR, "validate", "--only", "yaml", "--root", root.toString(), "--format", "json", "-");
        assertEquals(1, broken.code());
        JsonNode f = json(broken).at("/findings/0");
        assertEquals("<stdin>", f.path("file").asText());
        assertEquals(7, f.path("line").asInt());
        assertEquals("broken", f.at("/resource/name").asText());
    }

    @Test
    void writesSeveralFormatsAtOnce() throws IOException {
        write("apps/broken.yaml", ERROR);
        Path sarif = root.resolve("out/report.sarif");
        Path junit = root.resolve("out/junit.xml");
        CliRun run = validate("--format", "text", "--format", "sarif=" + sarif, "--format", "junit=" + junit,
                "--format", "json=" + root.resolve("out/report.json"), "--format", "github=" + root.resolve("out/gh.txt"));
        assertEquals(1, run.code());
        assertTrue(run.out().contains("apps/broken.yaml:7:3: error YAML002"));
        JsonNode s = JSON.readTree(sarif.toFile());
        assertEquals("YAML002", s.at("/runs/0/results/0/ruleId").asText());
        assertEquals("apps/broken.yaml", s.at("/runs/0/results/0/locations/0/physicalLocation/artifactLocation/uri").asText());
        assertTrue(Files.readString(junit).contains("<failure message=\"apps/broken.yaml:7:3: YAML002"));
        assertEquals("apps/broken.yaml", JSON.readTree(root.resolve("out/report.json").toFile()).at("/findings/0/file").asText());
        assertTrue(Files.readString(root.resolve("out/gh.txt")).startsWith("::error file=apps/broken.yaml,line=7,col=3,title=YAML002::"));
        CliRun twoOnStdout = validate("--format", "text", "--format", "json");
        assertEquals(2, twoOnStdout.code());
        assertEquals(2, validate("--format", "yaml").code());
    }

    @Test
    void jsonFilesAreRelativeToTheRootWhereverTheCommandRuns() throws IOException {
        Path f = write("clusters/even/broken.yaml", ERROR);
        JsonNode report = json(validate("--format", "json", f.toString()));
        assertEquals("clusters/even/broken.yaml", report.at("/findings/0/file").asText());
        JsonNode summary = report.path("summary");
        for (String field : List.of("files", "resources", "errors", "warnings", "waived")) {
            assertTrue(summary.has(field), field);
        }
    }

    @Test
    void neverExitsZeroWhenAnInputCannotBeRead() throws Exception {
        write("apps/good.yaml", GOOD);
        Files.createSymbolicLink(root.resolve("apps/dangling.yaml"), root.resolve("apps/missing-target.yaml"));
        CliRun dangling = validate("--format", "json");
        assertEquals(2, dangling.code(), dangling.out());
        assertTrue(rules(json(dangling)).contains("YAML013"));
        assertTrue(json(dangling).at("/errors/0").asText().contains("apps/dangling.yaml"));
        // Even with the rule skipped, the run cannot pass.
        assertEquals(2, validate("--skip", "yaml").code());
        Files.delete(root.resolve("apps/dangling.yaml"));

        Path fifo = root.resolve("apps/pipe.yaml");
        Process mkfifo = new ProcessBuilder("mkfifo", fifo.toString()).start();
        assertEquals(0, mkfifo.waitFor());
        CliRun pipe = validate();
        assertEquals(2, pipe.code(), pipe.out());
        assertTrue(pipe.out().contains("apps/pipe.yaml:1:1: error YAML013"), pipe.out());
        assertEquals(2, validate(fifo.toString()).code(), "named explicitly, too");
        Files.delete(fifo);

        assertEquals(2, validate(root.resolve("apps/nothing-here.yaml").toString()).code(), "a missing path");
        assertEquals(0, validate().code(), "and the tree is fine again");
    }

    @Test
    void aBrokenConfigurationIsAUsageError() throws IOException {
        write("apps/good.yaml", GOOD);
        write(".gitops-validator.yaml", "include: [apps]\nrules:\n  YAML011: loud\n");
        CliRun run = validate();
        assertEquals(2, run.code());
        assertTrue(run.err().contains(".gitops-validator.yaml:3"), run.err());
        assertEquals(2, validate("--no-such-option").code());
    }

    @Test
    void annotationWaiversCanBeTurnedOffForCi() throws IOException {
        write("apps/flags.yaml", """
                apiVersion: v1
                kind: ConfigMap
                metadata:
                  name: flags
                  annotations:
                    gitops.validator/waive: "YAML002: reviewed"
                data:
                  a: 1
                  a: 2
                """);
        CliRun honoured = validate("--format", "json");
        assertEquals(0, honoured.code());
        assertEquals(1, json(honoured).at("/summary/waived").asInt());
        assertEquals("YAML002", json(honoured).at("/waived/0/finding/rule").asText());
        CliRun ci = validate("--format", "json", "--no-annotation-waivers");
        assertEquals(1, ci.code());
        assertEquals(0, json(ci).at("/summary/waived").asInt());
    }

    @Test
    void outputIsTheSameOnEveryRunDespiteParallelReading() throws IOException {
        for (int i = 0; i < 120; i++) {
            String dir = "apps/c" + (i % 7) + "/";
            write(dir + "r" + i + ".yaml", switch (i % 4) {
                case 0 -> GOOD.replace("good", "good-" + i);
                case 1 -> WARNING.replace("warned", "warned-" + i);
                case 2 -> ERROR.replace("broken", "broken-" + i);
                default -> GOOD.replace("good", "dup"); // duplicates across files
            });
        }
        String first = validate("--format", "json").out();
        String firstSarif = validate("--format", "sarif").out();
        for (int run = 0; run < 4; run++) {
            assertEquals(first, validate("--format", "json").out());
            assertEquals(firstSarif, validate("--format", "sarif").out());
        }
        // Findings come sorted by file, line, column.
        JsonNode findings = JSON.readTree(first).path("findings");
        String previous = "";
        for (JsonNode f : findings) {
            String key = f.path("file").asText() + String.format(":%06d:%06d", f.path("line").asInt(), f.path("column").asInt());
            assertFalse(key.compareTo(previous) < 0, key + " after " + previous);
            previous = key;
        }
        assertEquals(120, JSON.readTree(first).at("/summary/files").asInt());
    }
}
