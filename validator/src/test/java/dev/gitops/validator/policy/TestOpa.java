package dev.gitops.validator.policy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * The real, pinned opa binary for tests: {@code $GITOPS_OPA}, else the repository's
 * {@code .tools/bin/opa}, else whatever {@code scripts/lib/opa.sh} finds or installs (go install).
 */
final class TestOpa {

    private static Path binary;

    private TestOpa() {
    }

    static synchronized Path binary() throws IOException, InterruptedException {
        if (binary != null) {
            return binary;
        }
        String env = System.getenv("GITOPS_OPA");
        if (env != null && Files.isExecutable(Path.of(env))) {
            return binary = Path.of(env);
        }
        Path root = repositoryRoot();
        Path local = root.resolve(".tools/bin/opa");
        if (Files.isExecutable(local)) {
            return binary = local;
        }
        Process p = new ProcessBuilder("bash", root.resolve("scripts/lib/opa.sh").toString())
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        if (!p.waitFor(15, TimeUnit.MINUTES) || p.exitValue() != 0 || out.isEmpty()) {
            throw new IllegalStateException("scripts/lib/opa.sh could not provide opa (exit " + p.exitValue() + ")");
        }
        return binary = Path.of(out.lines().reduce((a, b) -> b).orElseThrow());
    }

    static Path repositoryRoot() {
        return PolicyLibrary.locate().orElseThrow(() -> new IllegalStateException("no policies/ above " +
                Path.of("").toAbsolutePath())).getParent();
    }
}
