package dev.gitops.validator.finding;

import dev.gitops.validator.finding.Severity;

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
}
