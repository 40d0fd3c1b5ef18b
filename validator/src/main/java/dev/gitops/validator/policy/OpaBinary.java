package dev.gitops.validator.policy;

import dev.gitops.validator.check.CheckFailedException;
import dev.gitops.validator.check.RunOptions;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;

/** Where the {@code opa} executable is. */
final class OpaBinary {

    static final String PINNED_VERSION = "1.22.3";

    private OpaBinary() {
    }

    /**
     * The run option {@code opaBinary}, else {@code $GITOPS_OPA} (set by {@code ./gitops validate}),
     * else {@code .tools/bin/opa} next to the library, else {@code opa} on PATH.
     *
     * @throws CheckFailedException when there is none
     */
    static Path find(RunOptions options, Path libraryDir) {
        String given = options.opaBinary();
        if (given == null || given.isBlank()) {
            given = System.getenv("GITOPS_OPA");
        }
        if (given != null && !given.isBlank()) {
            Path p = Path.of(given);
            if (Files.isExecutable(p)) {
                return p;
            }
            throw missing("the opa binary " + p + " does not exist or is not executable");
        }
        if (libraryDir != null && libraryDir.getParent() != null) {
            Path local = libraryDir.getParent().resolve(".tools/bin/opa");
            if (Files.isExecutable(local)) {
                return local;
            }
        }
        String path = System.getenv("PATH");
        if (path != null) {
            for (String dir : path.split(File.pathSeparator)) {
                if (dir.isEmpty()) {
                    continue;
                }
                Path p = Path.of(dir, "opa");
                if (Files.isExecutable(p)) {
                    return p;
                }
            }
        }
        throw missing("opa is not installed");
    }

    private static CheckFailedException missing(String what) {
        return new CheckFailedException("policy check: " + what + ". Run ./gitops validate (it installs OPA "
                + PINNED_VERSION + " into .tools/bin), or install OPA " + PINNED_VERSION
                + " on PATH, or pass --opa-url of a running OPA with the repository's policies/");
    }
}
