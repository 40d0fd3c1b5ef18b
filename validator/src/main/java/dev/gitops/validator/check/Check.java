package dev.gitops.validator.check;

import dev.gitops.validator.config.ConfigSection;
import dev.gitops.validator.finding.Rule;
import java.util.List;

/**
 * One stage of validation. A check sees every resource of the run at once, so it may reason across
 * files, and reports through {@link Findings}. Checks must be stateless between runs and must not
 * modify resources.
 */
public interface Check {

    /** The rules this check may report. */
    List<Rule> rules();

    /** Runs the check. Must not throw for bad input: bad input is a finding. */
    void run(CheckContext context, Findings findings);

    /**
     * Called before the files are read, for checks that will run: a check may start slow engines
     * here (in the background) so that their startup overlaps loading. {@link #run} follows.
     */
    default void prepare(RunOptions options) {
    }

    /** The sections of {@code .gitops-validator.yaml} this check reads; the loader rejects any other. */
    default List<ConfigSection<?>> configSections() {
        return List.of();
    }

    /** The documentation of one of this check's rules, or null to use the rule folder's README.md. */
    default String documentation(String ruleId) {
        return null;
    }
}
