package dev.gitops.validator.cli;

import dev.gitops.validator.finding.Rule;
import dev.gitops.validator.finding.RuleAliases;
import dev.gitops.validator.finding.RuleDocumentation;
import dev.gitops.validator.pipeline.CheckRegistry;
import dev.gitops.validator.config.Profile;
import java.io.PrintWriter;
import java.util.Comparator;
import java.util.Locale;

/** {@code --list-rules} and {@code --explain RULE}; each rule's doc is its folder's README.md. */
final class RuleDocs {

    private RuleDocs() {
    }

    static int list(CheckRegistry registry, PrintWriter out) {
        registry.ruleList().stream()
                .sorted(Comparator.comparing(Rule::category).thenComparing(Rule::id))
                .forEach(r -> out.printf("%-14s %-10s %-8s %-11s %s%n", r.id(), r.category(),
                        r.defaultSeverity().label(), Profile.of(r).label(), r.title()));
        out.flush();
        return 0;
    }

    static int explain(CheckRegistry registry, String id, PrintWriter out, PrintWriter err) {
        Rule rule = registry.rules().get(RuleAliases.current(id).toUpperCase(Locale.ROOT));
        if (rule == null) {
            err.println("error: no rule " + id + " (see --list-rules)");
            return 2;
        }
        out.println(rule.id() + " (" + rule.category() + ", " + rule.defaultSeverity().label() + "): " + rule.title());
        out.println("Profile: " + Profile.of(rule).label());
        String doc = registry.checks().stream()
                .filter(c -> c.rules().stream().anyMatch(r -> r.id().equals(rule.id())))
                .map(c -> c.documentation(rule.id()))
                .filter(java.util.Objects::nonNull)
                .findFirst()
                .orElseGet(() -> doc(rule.id()));
        if (doc != null) {
            out.println();
            out.print(doc);
        }
        out.flush();
        return 0;
    }

    /** The rule's README.md as packaged in the jar, or null. */
    static String doc(String id) {
        return RuleDocumentation.readme(id);
    }
}
