package dev.gitops.validator.domain;

import dev.gitops.validator.finding.Rule;
import dev.gitops.validator.finding.Severity;

/** Builds the rules of the domain areas. */
public final class DomainRules {

    private DomainRules() {
    }

    public static Rule error(String id, String category, String title) {
        return new Rule(id, category, Severity.ERROR, title);
    }

    public static Rule warning(String id, String category, String title) {
        return new Rule(id, category, Severity.WARNING, title);
    }
}
