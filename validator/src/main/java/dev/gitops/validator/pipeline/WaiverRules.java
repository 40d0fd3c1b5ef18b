package dev.gitops.validator.pipeline;

import dev.gitops.validator.finding.Rule;
import java.util.List;

/** Rules about the central waivers: a waiver is a dated, owned, explained exception. */
public final class WaiverRules {

    public static final String CATEGORY = "waiver";

    public static final Rule EXPIRED = Rule.error("WAIVE001", CATEGORY);
    public static final Rule INCOMPLETE = Rule.error("WAIVE002", CATEGORY);
    public static final Rule UNUSED = Rule.warning("WAIVE003", CATEGORY);

    public static final List<Rule> ALL = List.of(EXPIRED, INCOMPLETE, UNUSED);

    private WaiverRules() {
    }
}
