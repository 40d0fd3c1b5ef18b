package dev.gitops.validator.git;

import java.nio.file.Files;
import java.nio.file.Path;

/** The git top level above a folder, found by looking for {@code .git}; the folder itself if none. */
public final class GitRoot {

    private GitRoot() {
    }

    public static Path find(Path start) {
        for (Path p = start; p != null; p = p.getParent()) {
            if (Files.exists(p.resolve(".git"))) {
                return p;
            }
        }
        return start;
    }
}
