package dev.gitops.validator.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gitops.validator.testing.RuleSamples;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The conformance suite ({@code src/test/resources/conformance}): the CLI with {@code --profile kubernetes}
 * reports no error on what the API server and the Argo Rollouts controller accept, and the expected rule on
 * what they reject. One run per case, so that no case sees another's resources.
 */
class ConformanceTest {

    static final Path SUITE = Path.of("src", "test", "resources", "conformance");
    private static final ObjectMapper JSON = new ObjectMapper();

    /** The cases of one folder: files and case folders, sorted. */
    static List<Path> cases(String folder) throws IOException {
        try (Stream<Path> s = Files.list(SUITE.resolve(folder))) {
            return s.filter(p -> Files.isDirectory(p) || p.toString().endsWith(".yaml")).sorted().toList();
        }
    }

    /** Runs {@code validate --profile kubernetes --format json} on one case; the report's JSON. */
    static JsonNode validate(Path testCase, int expectedExit) throws IOException {
        Path root = Files.isDirectory(testCase) ? testCase : testCase.getParent();
        CliRun run = CliRun.of("validate", "--profile", "kubernetes", "--format", "json", "--no-color",
                "--root", root.toAbsolutePath().toString(), testCase.toAbsolutePath().toString());
        JsonNode report = JSON.readTree(run.out());
        assertEquals(List.of(), errorsOf(report), testCase + ": the run could not judge the case: " + run.err());
        assertEquals(expectedExit, run.code(), testCase + ": exit code; report: " + run.out());
        return report;
    }

    private static List<String> errorsOf(JsonNode report) {
        List<String> out = new ArrayList<>();
        report.path("errors").forEach(e -> out.add(e.asText()));
        return out;
    }

    @TestFactory
    Stream<DynamicTest> acceptedCasesHaveNoErrorFinding() throws IOException {
        List<Path> cases = cases("accepted");
        assertFalse(cases.isEmpty(), "no accepted cases");
        return cases.stream().map(c -> DynamicTest.dynamicTest(c.getFileName().toString(), () -> {
            assertNamesItsSource(c);
            JsonNode report = validate(c, 0);
            List<String> errors = new ArrayList<>();
            report.path("findings").forEach(f -> {
                if ("error".equals(f.path("severity").asText())) {
                    errors.add(f.path("file").asText() + ":" + f.path("line").asInt() + " " + f.path("rule").asText()
                            + " " + f.path("message").asText());
                }
            });
            assertEquals(List.of(), errors, c + " is accepted by the API server / controller");
        }));
    }

    @TestFactory
    Stream<DynamicTest> rejectedCasesReportTheExpectedRule() throws IOException {
        List<Path> cases = cases("rejected");
        assertFalse(cases.isEmpty(), "no rejected cases");
        return cases.stream().map(c -> DynamicTest.dynamicTest(c.getFileName().toString(), () -> {
            assertNamesItsSource(c);
            List<RuleSamples.Expectation> expected = RuleSamples.expectations(c);
            assertFalse(expected.isEmpty(), c + " has no '# expect: RULE line N' comment");
            JsonNode report = validate(c, 1);
            for (RuleSamples.Expectation e : expected) {
                boolean found = false;
                for (JsonNode f : report.path("findings")) {
                    found |= f.path("rule").asText().equals(e.rule()) && f.path("line").asInt() == e.line()
                            && f.path("file").asText().equals(e.file())
                            && "error".equals(f.path("severity").asText());
                }
                if (!found) {
                    fail(c + ": expected an error " + e.rule() + " at " + e.file() + ":" + e.line() + "; found "
                            + report.path("findings"));
                }
            }
        }));
    }

    /** Every case says which upstream rule it encodes. */
    static void assertNamesItsSource(Path testCase) throws IOException {
        List<Path> files;
        if (Files.isDirectory(testCase)) {
            try (Stream<Path> s = Files.walk(testCase)) {
                files = s.filter(p -> p.toString().endsWith(".yaml")).toList();
            }
        } else {
            files = List.of(testCase);
        }
        boolean named = false;
        for (Path f : files) {
            named |= Files.readString(f).lines().anyMatch(l -> l.strip().startsWith("# source: "));
        }
        assertTrue(named, testCase + " names no '# source: ' rule");
    }
}
