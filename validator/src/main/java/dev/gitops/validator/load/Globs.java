package dev.gitops.validator.load;

import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.List;

/**
 * Glob patterns over paths relative to the repository root, with forward slashes. {@code **}
 * crosses folders, and a pattern starting with {@code **}{@code /} also matches at the top level.
 * A pattern naming a folder matches everything below it.
 */
public final class Globs {

    private final List<PathMatcher> matchers = new ArrayList<>();

    public Globs(List<String> patterns) {
        for (String raw : patterns) {
            String p = raw.strip();
            if (p.startsWith("./")) {
                p = p.substring(2);
            }
            if (p.endsWith("/")) {
                p = p + "**";
            }
            add(p);
            if (p.startsWith("**/")) {
                add(p.substring(3));
            }
            if (!p.endsWith("/**")) {
                add(p + "/**");
            }
        }
    }

    private void add(String pattern) {
        matchers.add(FileSystems.getDefault().getPathMatcher("glob:" + pattern));
    }

    /** True when the relative path (forward slashes) matches any pattern. */
    public boolean matches(String relativePath) {
        if (matchers.isEmpty()) {
            return false;
        }
        Path p = Path.of(relativePath);
        for (PathMatcher m : matchers) {
            if (m.matches(p)) {
                return true;
            }
        }
        return false;
    }

    public boolean isEmpty() {
        return matchers.isEmpty();
    }
}
