package dev.gitops.validator.domain.rollouts;

import static dev.gitops.validator.finding.Rule.error;
import static dev.gitops.validator.finding.Rule.warning;

import dev.gitops.validator.check.Check;
import dev.gitops.validator.check.CheckContext;
import dev.gitops.validator.check.Findings;
import dev.gitops.validator.config.ConfigSection;
import dev.gitops.validator.finding.Rule;
import dev.gitops.validator.model.ModelKind;
import dev.gitops.validator.model.Models;
import dev.gitops.validator.model.Rollouts.CanaryStep;
import dev.gitops.validator.model.Rollouts.Rollout;
import dev.gitops.validator.source.FieldPath;
import java.util.List;

/**
 * Release safety beyond what the controller enforces: a canary ends at full weight or at an analysis gate,
 * every Rollout runs an analysis before full promotion, blue-green keeps the old version long enough to
 * roll back, a stuck rollout aborts, and a sane revision history is kept.
 *
 * <p>Configuration ({@code rollouts:} in .gitops-validator.yaml): {@code minScaleDownDelaySeconds}
 * (default 30), {@code maxRevisionHistoryLimit} (default 20).
 */
public final class RolloutSafetyCheck implements Check {

    public static final Rule LAST_STEP = error("ROLLOUT013", RolloutSpecCheck.CATEGORY);
    public static final Rule ANALYSIS_BEFORE_PROMOTION = error("ROLLOUT014", RolloutSpecCheck.CATEGORY);
    public static final Rule SCALE_DOWN_DELAY = error("ROLLOUT015", RolloutSpecCheck.CATEGORY);
    public static final Rule DEADLINE_ABORT = error("ROLLOUT016", RolloutSpecCheck.CATEGORY);
    public static final Rule HISTORY = warning("ROLLOUT017", RolloutSpecCheck.CATEGORY);

    @Override
    public List<Rule> rules() {
        return List.of(LAST_STEP, ANALYSIS_BEFORE_PROMOTION, SCALE_DOWN_DELAY, DEADLINE_ABORT, HISTORY);
    }

    /** {@code rollouts:} in the configuration. */
    record Settings(long minScaleDownDelaySeconds, long maxRevisionHistoryLimit) {
    }

    static final ConfigSection<Settings> SECTION = new ConfigSection<>("rollouts",
            r -> new Settings(r.integer("minScaleDownDelaySeconds", 30), r.integer("maxRevisionHistoryLimit", 20)));

    @Override
    public List<ConfigSection<?>> configSections() {
        return List.of(SECTION);
    }

    @Override
    public void run(CheckContext context, Findings findings) {
        Settings settings = context.config().settings(SECTION);
        long minDelay = settings.minScaleDownDelaySeconds();
        long maxHistory = settings.maxRevisionHistoryLimit();
        for (Rollout r : Models.of(context.resources()).all(ModelKind.ROLLOUT)) {
            if (r.canary() != null) {
                canary(r, findings);
            }
            if (r.blueGreen() != null) {
                var bg = r.blueGreen();
                if (bg.prePromotionAnalysis() == null && bg.postPromotionAnalysis() == null) {
                    findings.at(ANALYSIS_BEFORE_PROMOTION, r.source(), RolloutSpecCheck.BLUE_GREEN,
                            "blue-green Rollout " + r.name() + " promotes without any analysis",
                            "add prePromotionAnalysis (before traffic switches) or postPromotionAnalysis");
                }
                long delay = bg.scaleDownDelaySeconds() == null ? 30 : bg.scaleDownDelaySeconds();
                if (delay < minDelay) {
                    findings.at(SCALE_DOWN_DELAY, r.source(), RolloutSpecCheck.BLUE_GREEN.key("scaleDownDelaySeconds"),
                            "scaleDownDelaySeconds " + delay + " is below " + minDelay
                                    + ": the old ReplicaSet goes before load balancers and DNS caches stop using it",
                            "keep at least 30 seconds");
                }
            }
            if (!Boolean.TRUE.equals(r.progressDeadlineAbort())) {
                findings.at(DEADLINE_ABORT, r.source(), r.progressDeadlineAbort() == null ? RolloutSpecCheck.SPEC
                                : RolloutSpecCheck.SPEC.key("progressDeadlineAbort"), "Rollout " + r.name()
                                + " does not abort when it exceeds progressDeadlineSeconds: a stuck canary keeps its traffic",
                        "set spec.progressDeadlineAbort: true");
            }
            Long history = r.revisionHistoryLimit();
            if (history != null && (history < 1 || history > maxHistory)) {
                findings.at(HISTORY, r.source(), RolloutSpecCheck.SPEC.key("revisionHistoryLimit"),
                        "revisionHistoryLimit " + history + (history < 1 ? " leaves nothing to roll back to"
                                : " keeps more than " + maxHistory + " old ReplicaSets"), "the default is 10");
            }
        }
    }

    private void canary(Rollout r, Findings f) {
        List<CanaryStep> steps = r.canary().steps();
        boolean background = r.canary().analysis() != null && !r.canary().analysis().templates().isEmpty();
        boolean stepAnalysis = steps.stream().anyMatch(s -> s.analysis() != null);
        if (!background && !stepAnalysis) {
            f.at(ANALYSIS_BEFORE_PROMOTION, r.source(), RolloutSpecCheck.CANARY, "canary Rollout " + r.name()
                            + " reaches full promotion without any analysis",
                    "add an analysis step or background analysis (spec.strategy.canary.analysis)");
        }
        if (steps.isEmpty()) {
            return;
        }
        CanaryStep last = steps.getLast();
        FieldPath at = RolloutSpecCheck.CANARY.key("steps").index(steps.size() - 1);
        boolean full = last.setWeight() != null && last.setWeight() == 100;
        boolean gate = last.analysis() != null;
        if (!full && !gate) {
            Long weight = null;
            for (CanaryStep s : steps) {
                if (s.setWeight() != null) {
                    weight = s.setWeight();
                }
            }
            f.at(LAST_STEP, r.source(), at, "the last canary step (" + String.join(", ", last.types())
                            + ") neither sets weight 100 nor is an analysis; the Rollout jumps from "
                            + (weight == null ? "its replica-count weight" : weight + "%") + " to 100% unchecked",
                    "end with setWeight: 100 or an analysis step");
        }
    }
}
