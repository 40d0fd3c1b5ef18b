package dev.gitops.validator.transition;

import dev.gitops.validator.finding.Rule;
import dev.gitops.validator.finding.Severity;
import java.util.List;

/** Rules about a change of the tree, judged against a base revision ({@code validate --base REF}). */
public final class TransitionRules {

    public static final String CATEGORY = "transition";

    public static final Rule STEP = rule("TRANSITION001",
            "Public weight moves onto the newer sprint in steps no larger than release.maxStep");
    public static final Rule DRAIN_SERVING = rule("TRANSITION002",
            "A cluster is drained only when it serves no public traffic and is not the beta target");
    public static final Rule UNVALIDATED_WEIGHT = rule("TRANSITION003",
            "Public weight rises only on a cluster whose sprint passed beta (betaValidated)");
    public static final Rule IMAGE_DURING_SHIFT = rule("TRANSITION004",
            "No image change on the cluster serving most traffic while a shift is in progress");
    public static final Rule SPRINT_ORDER = rule("TRANSITION005",
            "A cluster's sprint only moves forward, to a newer sprint of the cluster's parity");
    public static final Rule RELEASE_TARGET = rule("TRANSITION006",
            "A sprint is released only onto an idle cluster, as the unvalidated beta target");

    public static final List<Rule> ALL = List.of(STEP, DRAIN_SERVING, UNVALIDATED_WEIGHT, IMAGE_DURING_SHIFT,
            SPRINT_ORDER, RELEASE_TARGET);

    private TransitionRules() {
    }

    private static Rule rule(String id, String title) {
        return new Rule(id, CATEGORY, Severity.ERROR, title);
    }
}
