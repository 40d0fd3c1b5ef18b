package dev.gitops.validator.config;

import dev.gitops.validator.finding.Rule;
import java.util.Arrays;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Which rules a run applies.
 *
 * <ul>
 *   <li>{@link #KUBERNETES}: only what the cluster would refuse: YAML that cannot be read or applied,
 *       schema and typed-model violations, what the API server's own validation rejects, and the Argo
 *       Rollouts controller's spec validation (a Rollout, Experiment or analysis the controller marks
 *       invalid). Fit for any repository.</li>
 *   <li>{@link #HOUSE}: everything, the platform's own conventions and release-safety rules included
 *       (the default).</li>
 * </ul>
 *
 * <p>Membership is decided here and only here, by category and, where a category mixes both, by rule
 * id. A rule this table does not name belongs to {@code house} only, so a new rule never widens the
 * {@code kubernetes} profile by accident.
 */
public enum Profile {

    KUBERNETES, HOUSE;

    /** The option key a run's profile is passed under, and the configuration key that sets it. */
    public static final String KEY = "profile";

    /** Categories whose every rule belongs to the {@code kubernetes} profile. */
    private static final Set<String> KUBERNETES_CATEGORIES = Set.of(
            "yaml",      // the file cannot be read or applied as written
            "schema",    // the API server's schema (built-in kinds, CRDs) rejects it
            "model",     // typed custom-resource models: the CRD schema rejects it
            "apiserver", // the API server's own validation (names, labels, list keys, CEL rules)
            "waiver");   // the validator's own configuration: a broken waiver is always reported

    /** Rules of mixed categories that encode a controller's own validation (controller parity). */
    private static final Set<String> KUBERNETES_RULES = Set.of(
            // argo-rollouts pkg/apis/rollouts/validation ValidateRollout: the controller sets InvalidSpec
            "ROLLOUT001", "ROLLOUT002", "ROLLOUT003", "ROLLOUT004", "ROLLOUT005", "ROLLOUT006", "ROLLOUT007",
            "ROLLOUT008",
            // argo-rollouts utils/analysis ValidateMetrics: the AnalysisRun fails at once
            "ROLLOUT012",
            // argo-rollouts utils/conditions VerifyExperimentSpec: the Experiment is InvalidSpec
            "ROLLOUT022");

    /** The profile of this name (case-insensitive). */
    public static Profile parse(String name) {
        for (Profile p : values()) {
            if (p.label().equalsIgnoreCase(name.strip())) {
                return p;
            }
        }
        throw new IllegalArgumentException("unknown profile '" + name + "' (known: " + names() + ")");
    }

    /** {@code kubernetes, house}. */
    public static String names() {
        return Arrays.stream(values()).map(Profile::label).collect(Collectors.joining(", "));
    }

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** True when the rule is applied by this profile. */
    public boolean applies(Rule rule) {
        return this == HOUSE || inKubernetes(rule);
    }

    /** The narrowest profile that applies the rule: {@code kubernetes} or {@code house}. */
    public static Profile of(Rule rule) {
        return inKubernetes(rule) ? KUBERNETES : HOUSE;
    }

    private static boolean inKubernetes(Rule rule) {
        return KUBERNETES_CATEGORIES.contains(rule.category().toLowerCase(Locale.ROOT))
                || KUBERNETES_RULES.contains(rule.id());
    }
}
