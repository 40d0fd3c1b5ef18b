package dev.gitops.validator.schema;

import dev.gitops.validator.finding.Rule;
import dev.gitops.validator.source.FieldPath;

/**
 * One schema violation inside a resource.
 *
 * @param rule the rule broken
 * @param path the field concerned, relative to the resource (for a missing field: where it belongs)
 * @param message what is wrong
 * @param hint how to fix it, or null
 */
public record Violation(Rule rule, FieldPath path, String message, String hint) {
}
