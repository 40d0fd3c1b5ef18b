package dev.gitops.validator.source;

import java.nio.file.Path;

/**
 * A file being validated.
 *
 * @param path absolute path on disk (or a placeholder for stdin)
 * @param displayName the path as reported: relative to the repository root, with forward slashes
 */
public record SourceFile(Path path, String displayName) {

    public static final String STDIN = "<stdin>";

    public boolean isStdin() {
        return STDIN.equals(displayName);
    }

    @Override
    public String toString() {
        return displayName;
    }
}
