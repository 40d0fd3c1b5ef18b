package dev.gitops.validator.cli;

import dev.gitops.validator.git.GitRoot;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** {@code --root DIR}, taken by every command: the repository root, by default the git top level. */
public final class RootOption {

    @Option(names = "--root", paramLabel = "DIR",
            description = "Repository root (configuration and cross-file context); default: git top level of the current folder.")
    Path root;

    /** The root given, or the git top level above the current folder. */
    Path resolve() {
        return root != null ? root.toAbsolutePath().normalize() : GitRoot.find(Path.of("").toAbsolutePath());
    }
}
