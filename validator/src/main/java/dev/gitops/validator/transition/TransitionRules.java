package dev.gitops.validator.transition;

import dev.gitops.validator.finding.Rule;
import java.util.List;

/** Rules about a change of the tree, judged against a base revision ({@code validate --base REF}). */
public final class TransitionRules {

    public static final String CATEGORY = "transition";

    public static final Rule STEP = Rule.error("TRANSITION001", CATEGORY);
    public static final Rule DRAIN_SERVING = Rule.error("TRANSITION002", CATEGORY);
    public static final Rule UNVALIDATED_WEIGHT = Rule.error("TRANSITION003", CATEGORY);
    public static final Rule IMAGE_DURING_SHIFT = Rule.error("TRANSITION004", CATEGORY);
    public static final Rule SPRINT_ORDER = Rule.error("TRANSITION005", CATEGORY);
    public static final Rule RELEASE_TARGET = Rule.error("TRANSITION006", CATEGORY);

    public static final List<Rule> ALL = List.of(STEP, DRAIN_SERVING, UNVALIDATED_WEIGHT, IMAGE_DURING_SHIFT,
            SPRINT_ORDER, RELEASE_TARGET);

    private TransitionRules() {
    }
}
