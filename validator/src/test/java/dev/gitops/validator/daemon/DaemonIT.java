package dev.gitops.validator.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The validation daemon through the real launcher, on a temporary repository with its own copy of
 * the policy library: runs after the first are served by the daemon, with the output of a one-shot
 * run; an edited manifest or policy is seen by the very next run; a rebuilt jar, another
 * environment, {@code daemon stop} and the idle timeout each end the daemon.
 *
 * <p>Whether a run was served is read from {@code GITOPS_DAEMON_DEBUG}, which makes the client say
 * on standard error why it did not serve one, and from the count in {@code ./gitops daemon status}.
 */
class DaemonIT {

    private static final Path GITOPS = Path.of("..", "gitops").toAbsolutePath().normalize();
    private static final Path JAR = Path.of("target", "validator.jar").toAbsolutePath();

    record Result(int code, String out, String err) {
    }

    @TempDir
    Path repo;

    @TempDir
    Path policies;

    private final Map<String, String> env = new HashMap<>();

    @BeforeEach
    void repository() throws Exception {
        assertEquals(0, new ProcessBuilder("git", "init", "-q", repo.toString()).start().waitFor());
        write(".gitops-validator.yaml", "include: [apps]\n");
        write("apps/shop/deployment.yaml", """
                apiVersion: apps/v1
                kind: Deployment
                metadata:
                  name: shop
                  namespace: shop
                spec:
                  replicas: 2
                  selector:
                    matchLabels: {app: shop}
                  template:
                    metadata:
                      labels: {app: shop}
                    spec:
                      containers:
                        - name: shop
                          image: registry.example.com/shop@sha256:%s
                          resources:
                            requests: {memory: 64Mi}
                            limits: {memory: 64Mi}
                """.formatted("a".repeat(64)));
        copyTree(GITOPS.resolveSibling("policies"), policies);
        env.put("GITOPS_DAEMON", "1");
        env.put("GITOPS_DAEMON_DEBUG", "1");
        env.put("GITOPS_DAEMON_IDLE", "120");
        env.put("GITOPS_POLICIES", policies.toString());
    }

    @AfterEach
    void stopDaemon() throws Exception {
        gitops("daemon", "stop");
    }

    @Test
    void servesLaterRunsWithTheOneShotOutputAndSeesEveryEdit() throws Exception {
        Result first = validate();
        assertTrue(first.err().contains("no daemon answered; starting one"), first.err());
        assertEquals(1, first.code(), first.out());
        assertTrue(first.out().contains("has no cpu request"), first.out());
        awaitDaemon();

        Result served = validate();
        assertFalse(served.err().contains("gitops daemon:"), served.err());
        assertEquals(first.code(), served.code());
        assertEquals(first.out(), served.out(), "the daemon's answer is the one-shot run's");
        assertTrue(status().contains("runs served: 1"), status());

        // A manifest edited between two runs: the next run sees it.
        write("apps/shop/configmap.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: Shop_Settings\n");
        Result edited = validate();
        assertFalse(edited.err().contains("gitops daemon:"), edited.err());
        assertTrue(edited.out().contains("apps/shop/configmap.yaml:4:3: error API001"), edited.out());

        // A policy edited between two runs: OPA is restarted with it before the run.
        Path policy = policies.resolve("resources/containers/policy.rego");
        Files.writeString(policy, Files.readString(policy).replace("has no %s request", "asks for no %s"));
        Result repolicied = validate();
        assertFalse(repolicied.err().contains("gitops daemon:"), repolicied.err());
        assertTrue(repolicied.out().contains("asks for no cpu"), repolicied.out());
        assertFalse(repolicied.out().contains("has no cpu request"), repolicied.out());
        assertTrue(status().contains("runs served: 3"), status());
        assertTrue(status().contains("started 2 time(s)"), status());

        // And once more without the daemon: the same answer.
        env.put("GITOPS_DAEMON", "0");
        assertEquals(repolicied, validate());
    }

    @Test
    void servesRunsWithoutPolicyRulesWithoutLookingAtOpa() throws Exception {
        validate();
        awaitDaemon();
        long pid = pid();
        assertTrue(status().contains("started 1 time(s)"), status());

        // The launcher looks up no opa binary for these runs (no GITOPS_OPA): the daemon still serves them.
        Path policy = policies.resolve("resources/containers/policy.rego");
        Files.writeString(policy, Files.readString(policy).replace("has no %s request", "asks for no %s"));
        Result skipped = gitops("validate", "--skip", "policy");
        assertFalse(skipped.err().contains("gitops daemon:"), skipped.err());
        Result schemaOnly = gitops("validate", "--only", "yaml,schema");
        assertFalse(schemaOnly.err().contains("gitops daemon:"), schemaOnly.err());
        assertEquals(pid, pid());
        assertTrue(status().contains("runs served: 2"), status());
        assertTrue(status().contains("started 1 time(s)"), "runs without policy rules leave OPA alone: " + status());

        // The next run with policies sees the edited library.
        Result withPolicies = validate();
        assertTrue(withPolicies.out().contains("asks for no cpu"), withPolicies.out());
        assertTrue(status().contains("started 2 time(s)"), status());

        env.put("GITOPS_DAEMON", "0");
        assertEquals(skipped, gitops("validate", "--skip", "policy"), "a served run without policies is the one-shot run");
    }

    @Test
    void retiresWhenTheJarChangesOrAnotherEnvironmentAsks() throws Exception {
        validate();
        awaitDaemon();
        long pid = pid();

        FileTime built = Files.getLastModifiedTime(JAR);
        try {
            // An older time: the launcher's start-up cache stays valid, the build identity changes.
            Files.setLastModifiedTime(JAR, FileTime.fromMillis(built.toMillis() - 10_000));
            Result afterRebuild = validate();
            assertTrue(afterRebuild.err().contains("daemon retired: the validator was rebuilt"), afterRebuild.err());
            assertEquals(1, afterRebuild.code(), afterRebuild.out());
            awaitGone(pid);
            awaitDaemon();
            long second = pid();
            assertTrue(second != pid, "a new daemon");

            env.put("GITOPS_EXTRA_SETTING", "on");
            Result otherEnv = validate();
            assertTrue(otherEnv.err().contains("environment differs"), otherEnv.err());
            awaitGone(second);
        } finally {
            Files.setLastModifiedTime(JAR, built);
        }
    }

    @Test
    void stopsOnRequestAndWhenIdle() throws Exception {
        validate();
        awaitDaemon();
        long pid = pid();
        Result stop = gitops("daemon", "stop");
        assertTrue(stop.out().contains("stopped the daemon " + pid), stop.out());
        awaitGone(pid);
        assertEquals(3, gitops("daemon", "status").code(), "status exits 3 when no daemon runs");

        env.put("GITOPS_DAEMON_IDLE", "2");
        validate();
        awaitDaemon();
        awaitGone(pid());
    }

    @Test
    void givesTheHeapOfALargeRunBackOnceIdle() throws Exception {
        // About 4,000 resources: a run that grows the daemon's heap well beyond its 32 MB start.
        for (int f = 0; f < 200; f++) {
            StringBuilder file = new StringBuilder();
            for (int i = 0; i < 20; i++) {
                file.append("""
                        ---
                        apiVersion: v1
                        kind: ConfigMap
                        metadata:
                          name: settings-%d-%d
                          namespace: shop
                          labels: {app: shop, team: payments, tier: backend}
                        data:
                          greeting: "%s"
                        """.formatted(f, i, "hello ".repeat(40)));
            }
            write("apps/settings/settings-" + f + ".yaml", file.toString());
        }
        validate();
        awaitDaemon();
        validate();
        assertTrue(status().contains("runs served: 1"), status());
        long afterRun = committedHeapMb();
        Thread.sleep(Server.COLLECT_WHEN_IDLE.toMillis() + 1500);
        long idle = committedHeapMb();
        assertTrue(idle < afterRun, "committed heap after the run " + afterRun + " MB, idle " + idle + " MB");
        assertTrue(idle <= 64, "idle daemon's committed heap: " + idle + " MB");
    }

    private long committedHeapMb() throws Exception {
        String s = status();
        for (String line : s.lines().toList()) {
            if (line.startsWith("heap: ")) {
                String[] words = line.split(" ");
                return Long.parseLong(words[words.length - 3]);
            }
        }
        throw new AssertionError("no heap in the status: " + s);
    }

    // --- helpers ---

    private Result validate() throws Exception {
        return gitops("validate", "--only", "yaml,schema,apiserver,policy");
    }

    private String status() throws Exception {
        return gitops("daemon", "status").out();
    }

    private long pid() throws Exception {
        String s = status();
        for (String line : s.lines().toList()) {
            if (line.startsWith("pid: ")) {
                return Long.parseLong(line.substring(5).strip());
            }
        }
        throw new AssertionError("no daemon: " + s);
    }

    /** Waits until the daemon answers (it warms up before it listens). */
    private void awaitDaemon() throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (System.nanoTime() < deadline) {
            if (gitops("daemon", "status").code() == 0) {
                return;
            }
            Thread.sleep(250);
        }
        throw new AssertionError("the daemon did not start: " + Files.readString(logOf()));
    }

    private void awaitGone(long pid) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) {
            assertTrue(System.nanoTime() < deadline, "daemon " + pid + " still running");
            Thread.sleep(100);
        }
    }

    private Path logOf() throws IOException {
        return DaemonAddress.of(repo).log();
    }

    private Result gitops(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(GITOPS.toString()));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).directory(repo.toFile());
        pb.environment().putAll(env);
        pb.environment().remove("CI");
        Path out = Files.createTempFile("daemon-out", ".txt");
        Path err = Files.createTempFile("daemon-err", ".txt");
        pb.redirectOutput(out.toFile()).redirectError(err.toFile()).redirectInput(ProcessBuilder.Redirect.from(
                Path.of("/dev/null").toFile()));
        Process p = pb.start();
        boolean finished = p.waitFor(600, TimeUnit.SECONDS);
        if (!finished) {
            p.destroyForcibly();
        }
        assertTrue(finished, "./gitops " + String.join(" ", args) + " finished");
        Result r = new Result(p.exitValue(), Files.readString(out), withoutStartupCacheNotice(Files.readString(err)));
        Files.delete(out);
        Files.delete(err);
        return r;
    }

    private static String withoutStartupCacheNotice(String err) {
        return String.join("\n", err.lines().filter(l -> !l.startsWith("gitops: training the JVM's start-up cache")
                && !l.startsWith("gitops: no start-up cache")).toList());
    }

    private void write(String rel, String content) throws IOException {
        Path p = repo.resolve(rel);
        Files.createDirectories(p.getParent());
        Files.writeString(p, content, StandardCharsets.UTF_8);
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> walk = Files.walk(from)) {
            for (Path p : walk.toList()) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }
}
