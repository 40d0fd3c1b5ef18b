package dev.gitops.validator.domain.rollouts;

import static dev.gitops.validator.finding.Rule.error;

import dev.gitops.validator.check.Check;
import dev.gitops.validator.check.CheckContext;
import dev.gitops.validator.check.Findings;
import dev.gitops.validator.domain.GoDuration;
import dev.gitops.validator.finding.Rule;
import dev.gitops.validator.model.Analysis.AnalysisRun;
import dev.gitops.validator.model.Analysis.AnalysisTemplate;
import dev.gitops.validator.model.Analysis.Metric;
import dev.gitops.validator.model.IntOrString;
import dev.gitops.validator.model.ModelKind;
import dev.gitops.validator.model.Models;
import dev.gitops.validator.resource.Resource;
import dev.gitops.validator.source.FieldPath;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * AnalysisTemplate and ClusterAnalysisTemplate metrics as the controller validates them (argo-rollouts
 * {@code utils/analysis/factory.go} {@code ValidateMetrics}), with its messages. Values given as
 * {@code {{args.x}}} placeholders are resolved only at run time and are not judged.
 */
public final class AnalysisTemplateCheck implements Check {

    public static final Rule METRICS = error("ROLLOUT012", RolloutSpecCheck.CATEGORY);

    @Override
    public List<Rule> rules() {
        return List.of(METRICS);
    }

    @Override
    public void run(CheckContext context, Findings findings) {
        Models models = Models.of(context.resources());
        for (AnalysisTemplate t : models.all(ModelKind.ANALYSIS_TEMPLATE, ModelKind.CLUSTER_ANALYSIS_TEMPLATE)) {
            check(t.source(), t.metrics(), findings);
        }
        for (AnalysisRun run : models.all(ModelKind.ANALYSIS_RUN)) {
            check(run.source(), run.metrics(), findings);
        }
    }

    private void check(Resource src, List<Metric> metrics, Findings f) {
        FieldPath metricsAt = FieldPath.of("spec", "metrics");
        if (metrics.isEmpty()) {
            f.at(METRICS, src, FieldPath.of("spec"), "no metrics specified", null);
            return;
        }
        Set<String> names = new HashSet<>();
        for (int i = 0; i < metrics.size(); i++) {
            Metric m = metrics.get(i);
            FieldPath at = metricsAt.index(i);
            if (m.name() != null && !names.add(m.name())) {
                f.at(METRICS, src, at.key("name"), "metrics[" + i + "]: duplicate name '" + m.name() + "'", null);
            }
            metric(src, m, at, i, f);
        }
    }

    private void metric(Resource src, Metric m, FieldPath at, int i, Findings f) {
        String p = "metrics[" + i + "]: ";
        Long count = value(m.count());
        Long failure = value(m.failureLimit());
        Long success = value(m.consecutiveSuccessLimit());
        Long inconclusive = value(m.inconclusiveLimit());
        Long errors = value(m.consecutiveErrorLimit());
        if (success != null && success < 0) {
            f.at(METRICS, src, at.key("consecutiveSuccessLimit"), p + "consecutiveSuccessLimit must be >= 0", null);
        }
        if (failure != null && failure < -1) {
            f.at(METRICS, src, at.key("failureLimit"), p + "failureLimit must be >= 0, or -1 to be disabled", null);
        }
        if (failure != null && failure == -1 && (m.consecutiveSuccessLimit() == null || (success != null && success == 0))) {
            f.at(METRICS, src, at.key("failureLimit"),
                    p + "failureLimit and consecutiveSuccessLimit cannot both be disabled", null);
        }
        if (inconclusive != null && inconclusive < 0) {
            f.at(METRICS, src, at.key("inconclusiveLimit"), p + "inconclusiveLimit must be >= 0", null);
        }
        if (errors != null && errors < 0) {
            f.at(METRICS, src, at.key("consecutiveErrorLimit"), p + "consecutiveErrorLimit must be >= 0", null);
        }
        if (count != null && count > 0) {
            long fl = failure == null || failure < 0 ? 0 : failure;
            long sl = success == null || success < 0 ? 0 : success;
            if (count < fl + sl) {
                f.at(METRICS, src, at.key("count"), p + "count (" + count + ") must be >= failureLimit + "
                        + "consecutiveSuccessLimit (" + (fl + sl) + ")", null);
            }
            if (inconclusive != null && count < inconclusive) {
                f.at(METRICS, src, at.key("count"), p + "count must be >= inconclusiveLimit", null);
            }
            if (count > 1 && m.interval() == null) {
                f.at(METRICS, src, at.key("count"), p + "interval must be specified when count > 1",
                        "set interval, e.g. 1m");
            }
        }
        duration(src, m.interval(), at.key("interval"), p + "invalid interval", f);
        duration(src, m.initialDelay(), at.key("initialDelay"), p + "invalid initialDelay", f);
        if (m.providers().isEmpty()) {
            f.at(METRICS, src, at.key("provider"), p + "no provider specified", null);
        } else if (m.providers().size() > 1) {
            f.at(METRICS, src, at.key("provider"), p + "multiple providers specified: "
                    + String.join(", ", m.providers()), null);
        }
    }

    private void duration(Resource src, String text, FieldPath at, String message, Findings f) {
        if (text != null && !text.contains("{{") && !GoDuration.valid(text)) {
            f.at(METRICS, src, at, message + " '" + text + "': not a Go duration such as 30s, 5m, 1h",
                    "Go durations have no 'd' unit: use 24h");
        }
    }

    /** The integer of an int-or-string limit, or null when unset or a placeholder. */
    private static Long value(IntOrString v) {
        if (v == null) {
            return null;
        }
        if (v.isInt()) {
            return v.intValue();
        }
        return v.stringValue().matches("-?[0-9]+") ? Long.parseLong(v.stringValue()) : null;
    }
}
