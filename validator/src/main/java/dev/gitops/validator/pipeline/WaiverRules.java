package dev.gitops.validator.pipeline;

import dev.gitops.validator.finding.Rule;
import dev.gitops.validator.finding.Severity;
import java.util.List;

/** Rules about the central waivers: a waiver is a dated, owned, explained exception. */
public final class WaiverRules {

    public static final String CATEGORY = "waiver";

    public static final Rule EXPIRED = new Rule("WAIVE001", CATEGORY, Severity.ERROR, "A waiver has not expired");
    public static final Rule INCOMPLETE = new Rule("WAIVE002", CATEGORY, Severity.ERROR,
            "A waiver names its rule, resource, reason, owner and expiry date");
    public static final Rule UNUSED = new Rule("WAIVE003", CATEGORY, Severity.WARNING,
            "A waiver still matches a finding");

    public static final List<Rule> ALL = List.of(EXPIRED, INCOMPLETE, UNUSED);

    private WaiverRules() {
    }
}
