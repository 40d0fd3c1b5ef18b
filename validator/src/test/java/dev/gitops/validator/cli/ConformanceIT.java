package dev.gitops.validator.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gitops.validator.testing.RuleSamples;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The conformance suite through the real launcher: {@code ./gitops validate --profile kubernetes} on each
 * folder at once (a fresh JVM, the packaged jar and its start-up flags). Runs after packaging ({@code verify}).
 */
class ConformanceIT {

    private static final Path GITOPS = Path.of("..", "gitops").toAbsolutePath().normalize();
    private static final ObjectMapper JSON = new ObjectMapper();

    record Result(int code, JsonNode report, String err) {
    }

    private static Result gitops(Path folder) throws Exception {
        Path dir = folder.toAbsolutePath();
        ProcessBuilder pb = new ProcessBuilder(GITOPS.toString(), "validate", "--profile", "kubernetes", "--format",
                "json", "--root", dir.toString(), dir.toString());
        Path out = Files.createTempFile("conformance-out", ".json");
        Path err = Files.createTempFile("conformance-err", ".txt");
        pb.redirectOutput(out.toFile()).redirectError(err.toFile());
        Process p = pb.start();
        p.getOutputStream().close();
        if (!p.waitFor(900, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("./gitops validate did not finish");
        }
        Result r = new Result(p.exitValue(), JSON.readTree(Files.readString(out)),
                withoutStartupCacheNotice(Files.readString(err)));
        Files.delete(out);
        Files.delete(err);
        return r;
    }

    /**
     * Standard error without the launcher's one-time notice that it trains the JVM's start-up cache
     * (printed by whichever run comes first after a build); anything else on it is a failure.
     */
    private static String withoutStartupCacheNotice(String err) {
        return err.lines().filter(l -> !l.startsWith("gitops: training the JVM's start-up cache")
                && !l.startsWith("gitops: no start-up cache")).collect(java.util.stream.Collectors.joining("\n"));
    }

    @Test
    void acceptedFolderValidatesWithoutErrors() throws Exception {
        Result r = gitops(ConformanceTest.SUITE.resolve("accepted"));
        assertEquals(0, r.code(), r.report() + r.err());
        assertEquals(0, r.report().at("/summary/errors").asInt(), r.report().toString());
        assertTrue(r.report().at("/summary/resources").asInt() > 20, r.report().toString());
        assertTrue(r.err().isBlank(), "nothing on standard error: " + r.err());
    }

    @Test
    void rejectedFolderReportsEveryExpectedRule() throws Exception {
        Path rejected = ConformanceTest.SUITE.resolve("rejected");
        Result r = gitops(rejected);
        assertEquals(1, r.code(), r.err());
        assertTrue(r.err().isBlank(), "nothing on standard error: " + r.err());
        List<String> missing = new ArrayList<>();
        int expected = 0;
        for (Path c : ConformanceTest.cases("rejected")) {
            for (RuleSamples.Expectation e : RuleSamples.expectations(c)) {
                expected++;
                String file = rejected.relativize(c.getParent()).resolve(
                        Files.isDirectory(c) ? c.getFileName().resolve(e.file()) : Path.of(e.file())).toString();
                boolean found = false;
                for (JsonNode f : r.report().path("findings")) {
                    found |= f.path("rule").asText().equals(e.rule()) && f.path("file").asText().equals(file)
                            && f.path("line").asInt() == e.line() && "error".equals(f.path("severity").asText());
                }
                if (!found) {
                    missing.add(e.rule() + " at " + file + ":" + e.line());
                }
            }
        }
        assertTrue(expected > 50, "expectations read: " + expected);
        assertEquals(List.of(), missing, "expected errors not reported");
    }
}
