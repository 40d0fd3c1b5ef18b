package dev.gitops.validator.finding;

import dev.gitops.validator.resource.ResourceRef;
import java.util.Comparator;
import java.util.List;

/**
 * One problem found in the validated tree.
 *
 * @param rule stable rule id, e.g. {@code YAML001}
 * @param severity effective severity
 * @param message what is wrong, in one sentence
 * @param file path relative to the repository root (forward slashes), or {@code <stdin>}
 * @param line 1-based line
 * @param column 1-based column
 * @param resource the resource concerned, or null when the problem is below resource level
 * @param path field path inside the resource, or null
 * @param hint how to fix it, or null
 * @param related other places this finding refers to (cross-file findings)
 */
public record Finding(String rule, Severity severity, String message, String file, int line, int column,
                      ResourceRef resource, String path, String hint, List<Location> related) {

    public static final Comparator<Finding> ORDER = Comparator
            .comparing(Finding::file)
            .thenComparingInt(Finding::line)
            .thenComparingInt(Finding::column)
            .thenComparing(Finding::rule)
            .thenComparing(Finding::message);

    public Finding {
        related = related == null ? List.of() : List.copyOf(related);
    }

    public Finding withSeverity(Severity newSeverity) {
        return new Finding(rule, newSeverity, message, file, line, column, resource, path, hint, related);
    }

    /** The same finding about a resource (for problems found before the resource was known). */
    public Finding withResource(ResourceRef newResource) {
        return new Finding(rule, severity, message, file, line, column, newResource, path, hint, related);
    }

    public boolean isError() {
        return severity == Severity.ERROR;
    }
}
