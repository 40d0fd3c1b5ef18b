package dev.gitops.validator.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real {@code ./gitops validate} (launcher script, packaged jar, a fresh JVM) on temporary
 * repositories: exit codes, root detection, standard input and report files. Runs after the jar is
 * packaged ({@code mvn verify}).
 */
class GitopsValidateIT {

    /** The repository's launcher; tests run in the validator module's folder. */
    private static final Path GITOPS = Path.of("..", "gitops").toAbsolutePath().normalize();

    record Result(int code, String out, String err) {
    }

    @TempDir
    Path repo;

    @BeforeEach
    void gitRepository() throws Exception {
        assertEquals(0, new ProcessBuilder("git", "init", "-q", repo.toString()).start().waitFor());
        write(".gitops-validator.yaml", """
                include: [apps, clusters]
                clusters:
                  even: [clusters/even, apps/*/base]
                  odd: [clusters/odd, apps/*/base]
                """);
        write("apps/shop/base/deployment.yaml", """
                apiVersion: apps/v1
                kind: Deployment
                metadata:
                  name: shop
                  namespace: shop
                spec:
                  replicas: 2
                """);
        write("clusters/even/state.yaml", ValidateCommandTest.GOOD.replace("good", "settings"));
        write("clusters/odd/state.yaml", ValidateCommandTest.GOOD.replace("good", "settings"));
    }

    private void write(String rel, String content) throws IOException {
        Path p = repo.resolve(rel);
        Files.createDirectories(p.getParent());
        Files.writeString(p, content, StandardCharsets.UTF_8);
    }

    private Result gitops(Path cwd, String stdin, String... args) throws Exception {
        // The core stages only: what the domain, schema and policy stages think of these small
        // manifests is their own suites' business.
        List<String> command = new ArrayList<>(List.of(GITOPS.toString(), "validate", "--only", "yaml,waiver"));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).directory(cwd.toFile());
        Path out = Files.createTempFile("gitops-out", ".txt");
        Path err = Files.createTempFile("gitops-err", ".txt");
        pb.redirectOutput(out.toFile()).redirectError(err.toFile());
        Process p = pb.start();
        p.getOutputStream().write(stdin.getBytes(StandardCharsets.UTF_8));
        p.getOutputStream().close();
        // Seconds as a rule; the first run on a fresh clone may also install OPA (scripts/validate.d)
        // and train the JVM's start-up cache.
        boolean finished = p.waitFor(900, TimeUnit.SECONDS);
        if (!finished) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
        }
        assertTrue(finished, "gitops validate finished");
        Result r = new Result(p.exitValue(), Files.readString(out), Files.readString(err));
        Files.delete(out);
        Files.delete(err);
        return r;
    }

    @Test
    void exitsZeroOnAValidRepositoryFoundFromTheCurrentFolder() throws Exception {
        // No --root: the git top level above the current folder is the root.
        Result r = gitops(repo.resolve("clusters/even"), "", "--no-color");
        assertEquals(0, r.code(), r.out() + r.err());
        assertTrue(r.out().contains("3 files, 3 resources: 0 errors"), r.out());
    }

    @Test
    void exitsOneWithFileAndLineWhenAResourceRepeatsWithinACluster() throws Exception {
        write("clusters/even/copy.yaml", ValidateCommandTest.GOOD.replace("good", "settings"));
        Result r = gitops(repo, "", "--no-color", "--format", "text", "--format", "sarif=out/report.sarif");
        assertEquals(1, r.code(), r.out() + r.err());
        assertTrue(r.out().contains("clusters/even/state.yaml:1:1: error YAML008"), r.out());
        JsonNode sarif = new ObjectMapper().readTree(repo.resolve("out/report.sarif").toFile());
        assertEquals("YAML008", sarif.at("/runs/0/results/0/ruleId").asText());
    }

    @Test
    void exitsTwoWhenAnInputCannotBeRead() throws Exception {
        Files.createSymbolicLink(repo.resolve("apps/shop/base/gone.yaml"), repo.resolve("apps/shop/base/nowhere.yaml"));
        Result r = gitops(repo, "", "--no-color");
        assertEquals(2, r.code(), r.out() + r.err());
        assertTrue(r.out().contains("apps/shop/base/gone.yaml:1:1: error YAML013"), r.out());
    }

    @Test
    void exitsTwoOnAUsageError() throws Exception {
        Result r = gitops(repo, "", "--format", "nonsense");
        assertEquals(2, r.code());
        assertTrue(r.err().contains("unknown format"), r.err());
    }

    @Test
    void validatesStandardInputAgainstTheRepository() throws Exception {
        Result r = gitops(repo, ValidateCommandTest.ERROR, "--format", "github", "-");
        assertEquals(1, r.code(), r.err());
        assertTrue(r.out().startsWith("::error file=<stdin>,line=7,col=3,title=YAML002::"), r.out());
    }

    @Test
    void helpDocumentsTheExitCodes() throws Exception {
        Result r = gitops(repo, "", "--help");
        assertEquals(0, r.code());
        assertTrue(r.out().contains("Exit codes:") && r.out().contains("usage error, unreadable input"), r.out());
    }
}
