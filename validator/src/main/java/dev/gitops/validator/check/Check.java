package dev.gitops.validator.check;

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
}
