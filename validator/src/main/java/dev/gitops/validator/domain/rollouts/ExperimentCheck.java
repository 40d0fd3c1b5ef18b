package dev.gitops.validator.domain.rollouts;


import dev.gitops.validator.check.Check;
import dev.gitops.validator.check.CheckContext;
import dev.gitops.validator.check.Findings;
import dev.gitops.validator.finding.Rule;
import dev.gitops.validator.model.Experiments.Experiment;
import dev.gitops.validator.model.Experiments.Template;
import dev.gitops.validator.model.ModelKind;
import dev.gitops.validator.model.Models;
import dev.gitops.validator.source.FieldPath;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The Experiment spec as the controller verifies it (argo-rollouts {@code utils/conditions/experiments.go}
 * {@code VerifyExperimentSpec}), with its messages: an Experiment that fails it is marked InvalidSpec and never
 * runs. The controller stops at the first problem; every problem is reported here.
 */
public final class ExperimentCheck implements Check {

    public static final Rule SPEC = Rule.error("ROLLOUT022", RolloutSpecCheck.CATEGORY);

    /** The controller's default {@code progressDeadlineSeconds} (argo-rollouts utils/defaults). */
    static final long DEFAULT_DEADLINE = 600;

    @Override
    public List<Rule> rules() {
        return List.of(SPEC);
    }

    @Override
    public void run(CheckContext context, Findings findings) {
        for (Experiment e : Models.of(context.resources()).all(ModelKind.EXPERIMENT)) {
            check(e, findings);
        }
    }

    private void check(Experiment e, Findings f) {
        FieldPath templates = FieldPath.of("spec", "templates");
        long deadline = e.progressDeadlineSeconds() == null ? DEFAULT_DEADLINE : e.progressDeadlineSeconds();
        Set<String> names = new HashSet<>();
        for (int i = 0; i < e.templates().size(); i++) {
            Template t = e.templates().get(i);
            FieldPath at = templates.index(i);
            if (!t.selectorPresent()) {
                f.at(SPEC, e.source(), at, "Rollout has missing field '.Spec.Templates[" + i + "].Selector'",
                        "add a selector matching the template's pod labels");
            } else if (t.selectorEmpty()) {
                f.at(SPEC, e.source(), at.key("selector"), "This experiment is selecting all pods at index " + i
                        + ". A non-empty selector is required.", null);
            }
            if (t.minReadySeconds() != null && t.minReadySeconds() > deadline) {
                f.at(SPEC, e.source(), at.key("minReadySeconds"),
                        "MinReadySeconds cannot be longer than ProgressDeadlineSeconds. Check template index " + i, null);
            }
            if (t.name() == null || t.name().isEmpty()) {
                f.at(SPEC, e.source(), at, "Experiment " + e.name() + " has empty template name at index " + i,
                        "name the template");
            } else if (!names.add(t.name())) {
                f.at(SPEC, e.source(), at.key("name"), "Experiment " + e.name() + " has repeated template name '"
                        + t.name() + "' in templates", null);
            }
        }
    }
}
