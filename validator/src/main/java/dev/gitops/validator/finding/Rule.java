package dev.gitops.validator.finding;

/**
 * A rule the validator enforces.
 *
 * @param id stable id, e.g. {@code YAML001}, {@code SCHEMA002}, {@code ROLLOUT010}
 * @param category the stage or area it belongs to ({@code yaml}, {@code schema}, {@code policy},
 *     {@code argocd}, ...); {@code --only}/{@code --skip} accept either
 * @param defaultSeverity severity unless the configuration overrides it
 * @param title one line saying what the rule requires
 */
public record Rule(String id, String category, Severity defaultSeverity, String title) {

    /** A rule of the validator reported as an error, titled by its README ({@link RuleDocumentation#title}). */
    public static Rule error(String id, String category) {
        return new Rule(id, category, Severity.ERROR, RuleDocumentation.title(id));
    }

    /** A rule of the validator reported as a warning, titled by its README. */
    public static Rule warning(String id, String category) {
        return new Rule(id, category, Severity.WARNING, RuleDocumentation.title(id));
    }
}
