package dev.gitops.validator.domain.rollouts;

import static dev.gitops.validator.finding.Rule.error;

import dev.gitops.validator.check.Check;
import dev.gitops.validator.check.CheckContext;
import dev.gitops.validator.check.Findings;
import dev.gitops.validator.domain.GoDuration;
import dev.gitops.validator.finding.Rule;
import dev.gitops.validator.model.IntOrString;
import dev.gitops.validator.model.ModelKind;
import dev.gitops.validator.model.Models;
import dev.gitops.validator.model.Rollouts.Canary;
import dev.gitops.validator.model.Rollouts.CanaryStep;
import dev.gitops.validator.model.Rollouts.Rollout;
import dev.gitops.validator.model.Rollouts.RolloutAnalysis;
import dev.gitops.validator.model.Rollouts.TrafficRouting;
import dev.gitops.validator.resource.Resource;
import dev.gitops.validator.source.FieldPath;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The Argo Rollouts controller's own spec validation (argo-rollouts {@code pkg/apis/rollouts/validation/
 * validation.go}), with the controller's messages, so a Rollout the controller would mark InvalidSpec
 * fails before merge.
 */
public final class RolloutSpecCheck implements Check {

    public static final String CATEGORY = "rollouts";
    static final FieldPath SPEC = FieldPath.of("spec");
    static final FieldPath STRATEGY = SPEC.key("strategy");
    static final FieldPath CANARY = STRATEGY.key("canary");
    static final FieldPath BLUE_GREEN = STRATEGY.key("blueGreen");
    static final FieldPath TRAFFIC = CANARY.key("trafficRouting");

    public static final Rule STRATEGY_RULE = error("ROLLOUT001", CATEGORY);
    public static final Rule SELECTOR = error("ROLLOUT002", CATEGORY);
    public static final Rule COUNTS = error("ROLLOUT003", CATEGORY);
    public static final Rule SERVICES = error("ROLLOUT004", CATEGORY);
    public static final Rule SURGE = error("ROLLOUT005", CATEGORY);
    public static final Rule STEPS = error("ROLLOUT006", CATEGORY);
    public static final Rule ROUTING_FEATURES = error("ROLLOUT007", CATEGORY);
    public static final Rule ANALYSIS_ARGS = error("ROLLOUT008", CATEGORY);

    private static final Pattern PERCENT = Pattern.compile("(100|[1-9]?[0-9])%");
    private static final Set<String> FIELD_REFS = Set.of("metadata.name", "metadata.namespace", "metadata.uid");

    @Override
    public List<Rule> rules() {
        return List.of(STRATEGY_RULE, SELECTOR, COUNTS, SERVICES, SURGE, STEPS, ROUTING_FEATURES, ANALYSIS_ARGS);
    }

    @Override
    public void run(CheckContext context, Findings findings) {
        for (Rollout r : Models.of(context.resources()).all(ModelKind.ROLLOUT)) {
            check(r, findings);
        }
    }

    private void check(Rollout r, Findings f) {
        Resource src = r.source();
        if (r.canary() == null && r.blueGreen() == null) {
            f.at(STRATEGY_RULE, src, STRATEGY,
                    "Rollout has missing field '.spec.strategy.canary or .spec.strategy.blueGreen'", null);
        } else if (r.canary() != null && r.blueGreen() != null) {
            f.at(STRATEGY_RULE, src, BLUE_GREEN, "Multiple Strategies can not be listed", null);
        }
        if (r.workloadRef() == null) {
            if (r.selector() == null) {
                f.at(SELECTOR, src, SPEC, "Rollout has missing field '.spec.selector'", null);
            } else if (r.selector().isEmpty()) {
                f.at(SELECTOR, src, SPEC.key("selector"), "empty selector is invalid for deployment", null);
            } else if (r.hasTemplate()) {
                for (Map.Entry<String, String> e : r.selector().matchLabels().entrySet()) {
                    if (!e.getValue().equals(r.templateLabels().get(e.getKey()))) {
                        f.at(SELECTOR, src, SPEC.key("selector").key("matchLabels").key(e.getKey()),
                                "`selector` does not match template `labels`: the template has no label "
                                        + e.getKey() + "=" + e.getValue(), "add the label to spec.template.metadata.labels");
                    }
                }
            }
        } else if (r.hasTemplate()) {
            f.at(SELECTOR, src, SPEC.key("template"), "template must be empty for workload reference rollout", null);
        }
        nonNegative(f, src, "replicas", r.replicas());
        nonNegative(f, src, "minReadySeconds", r.minReadySeconds());
        nonNegative(f, src, "revisionHistoryLimit", r.revisionHistoryLimit());
        nonNegative(f, src, "progressDeadlineSeconds", r.progressDeadlineSeconds());
        long deadline = r.progressDeadlineSeconds() == null ? 600 : r.progressDeadlineSeconds();
        long minReady = r.minReadySeconds() == null ? 0 : r.minReadySeconds();
        if (deadline <= minReady) {
            f.at(COUNTS, src, r.progressDeadlineSeconds() == null ? SPEC.key("minReadySeconds")
                    : SPEC.key("progressDeadlineSeconds"), "progressDeadlineSeconds must be greater than minReadySeconds",
                    null);
        }
        if (r.blueGreen() != null) {
            var bg = r.blueGreen();
            String active = bg.activeService() == null ? "" : bg.activeService();
            String preview = bg.previewService() == null ? "" : bg.previewService();
            if (active.equals(preview)) {
                f.at(SERVICES, src, BLUE_GREEN.key(bg.previewService() == null ? "activeService" : "previewService"),
                        "This rollout uses the same service for the active and preview services, but two different "
                                + "services are required.", null);
            }
            long history = r.revisionHistoryLimit() == null ? 10 : r.revisionHistoryLimit();
            if (bg.scaleDownDelayRevisionLimit() != null && bg.scaleDownDelayRevisionLimit() > history) {
                f.at(SERVICES, src, BLUE_GREEN.key("scaleDownDelayRevisionLimit"),
                        "This rollout's revision history limit can not be smaller than the rollout's scale down limit",
                        null);
            }
            analysisArgs(f, src, bg.prePromotionAnalysis(), BLUE_GREEN.key("prePromotionAnalysis"));
            analysisArgs(f, src, bg.postPromotionAnalysis(), BLUE_GREEN.key("postPromotionAnalysis"));
            antiAffinity(f, src, bg.antiAffinity(), BLUE_GREEN.key("antiAffinity"));
            surgeFormat(f, src, bg.maxUnavailable(), BLUE_GREEN.key("maxUnavailable"));
        }
        if (r.canary() != null) {
            canary(r, r.canary(), f);
        }
    }

    private void canary(Rollout r, Canary c, Findings f) {
        Resource src = r.source();
        surgeFormat(f, src, c.maxSurge(), CANARY.key("maxSurge"));
        surgeFormat(f, src, c.maxUnavailable(), CANARY.key("maxUnavailable"));
        if (isZero(c.maxSurge()) && isZero(c.maxUnavailable())) {
            f.at(SURGE, src, CANARY.key("maxSurge"), "MaxSurge and MaxUnavailable both can not be zero", null);
        }
        boolean bothSet = notEmpty(c.canaryService()) && notEmpty(c.stableService());
        if (bothSet && c.canaryService().equals(c.stableService())) {
            f.at(SERVICES, src, CANARY.key("canaryService"), "This rollout uses the same service for the stable and "
                    + "canary services, but two different services are required.", null);
        }
        TrafficRouting tr = c.trafficRouting();
        if (c.hasPingPong()) {
            if (!notEmpty(c.pingService()) || !notEmpty(c.pongService())) {
                f.at(SERVICES, src, CANARY.key("pingPong"),
                        "Ping service and Pong service must to be set to use Ping-Pong feature", null);
            } else if (c.pingService().equals(c.pongService())) {
                f.at(SERVICES, src, CANARY.key("pingPong"), "This rollout uses the same service for the ping and "
                        + "pong services, but two different services are required.", null);
            }
            if (tr != null && tr.routers().has("alb") && (tr.alb() == null || !notEmpty(tr.alb().rootService()))) {
                f.at(SERVICES, src, TRAFFIC.key("alb"),
                        "Root service field is required for the configuration with ALB and ping-pong feature enabled",
                        null);
            }
            if (tr != null && !tr.routers().onlyAmong("alb", "istio", "plugins")) {
                f.at(ROUTING_FEATURES, src, TRAFFIC,
                        "Ping-pong feature works with the ALB, Istio, and plugin-based traffic routers only", null);
            }
        }
        if (tr != null && !c.hasPingPong()) {
            boolean needsServices = !tr.routers().onlyAmong("plugins")
                    && !(tr.routers().onlyAmong("istio", "plugins") && tr.istioDestinationRule());
            if (needsServices && !bothSet) {
                f.at(SERVICES, src, TRAFFIC, "Canary service and Stable service must to be set to use Traffic Routing",
                        "set spec.strategy.canary.canaryService and stableService");
            }
        }
        if (tr == null) {
            if (c.scaleDownDelaySeconds() != null) {
                f.at(ROUTING_FEATURES, src, CANARY.key("scaleDownDelaySeconds"),
                        "Canary scaleDownDelaySeconds can only be used with traffic routing", null);
            }
            if (Boolean.TRUE.equals(c.dynamicStableScale())) {
                f.at(ROUTING_FEATURES, src, CANARY.key("dynamicStableScale"),
                        "Canary dynamicStableScale can only be used with traffic routing", null);
            }
        }
        if (Boolean.TRUE.equals(c.dynamicStableScale()) && c.scaleDownDelaySeconds() != null) {
            f.at(ROUTING_FEATURES, src, CANARY.key("dynamicStableScale"),
                    "Canary dynamicStableScale cannot be used with scaleDownDelaySeconds", null);
        }
        long maxWeight = 100;
        if (tr != null && tr.maxTrafficWeight() != null) {
            if (!tr.routers().onlyAmong("nginx", "plugins")) {
                f.at(ROUTING_FEATURES, src, TRAFFIC.key("maxTrafficWeight"),
                        "Canary maxTrafficWeight in traffic routing only supported in Nginx and Plugins", null);
            }
            maxWeight = tr.maxTrafficWeight();
        }
        analysisArgs(f, src, c.analysis(), CANARY.key("analysis"));
        antiAffinity(f, src, c.antiAffinity(), CANARY.key("antiAffinity"));
        for (int i = 0; i < c.steps().size(); i++) {
            step(f, src, c.steps().get(i), CANARY.key("steps").index(i), tr, maxWeight);
        }
    }

    private void step(Findings f, Resource src, CanaryStep s, FieldPath at, TrafficRouting tr, long maxWeight) {
        List<String> types = s.types();
        List<String> exclusive = types.stream()
                .filter(t -> Set.of("setWeight", "pause", "experiment", "analysis").contains(t)).toList();
        if (types.isEmpty() || exclusive.size() > 1) {
            f.at(STEPS, src, at, "Step must have one of the following set: experiment, setWeight, setCanaryScale, "
                    + "plugin or pause" + (types.isEmpty() ? "" : " (this step sets " + String.join(", ", types) + ")"),
                    "split it into one step per type");
        }
        if (s.setWeight() != null && (s.setWeight() < 0 || s.setWeight() > maxWeight)) {
            f.at(STEPS, src, at.key("setWeight"), "SetWeight needs to be between 0 and " + maxWeight, null);
        }
        if (s.pause() != null && s.pause().duration() != null) {
            IntOrString d = s.pause().duration();
            boolean ok = d.isInt() ? d.intValue() >= 0 : d.stringValue().matches("[0-9]+")
                    || (GoDuration.valid(d.stringValue()) && GoDuration.seconds(d.stringValue()) >= 0);
            if (!ok) {
                f.at(STEPS, src, at.key("pause").key("duration"), "Duration needs to be greater than 0 ('" + d
                        + "' is not seconds or a Go duration such as 30s, 5m, 1h)", "Go durations have no 'd' unit: use 24h");
            }
        }
        if (s.analysis() != null) {
            analysisArgs(f, src, s.analysis(), at.key("analysis"));
        }
        if (s.setCanaryScale() != null && tr == null) {
            f.at(ROUTING_FEATURES, src, at.key("setCanaryScale"), "SetCanaryScale requires TrafficRouting to be set",
                    null);
        }
        if (s.setHeaderRoute() != null) {
            if (tr == null || !(tr.routers().has("istio") || tr.routers().has("alb") || tr.routers().has("apisix")
                    || tr.routers().has("plugins"))) {
                f.at(ROUTING_FEATURES, src, at.key("setHeaderRoute"),
                        "SetHeaderRoute requires TrafficRouting, supports Istio and ALB and Apisix", null);
            }
            List<List<String>> kinds = s.setHeaderRoute().matchKinds();
            for (int i = 0; i < kinds.size(); i++) {
                stringMatch(f, src, kinds.get(i), at.key("setHeaderRoute").key("match").index(i).key("headerValue"));
                if (tr != null && tr.routers().has("alb") && !kinds.get(i).equals(List.of("exact"))) {
                    f.at(ROUTING_FEATURES, src, at.key("setHeaderRoute").key("match").index(i),
                            "SetHeaderRoute match value invalid. ALB supports 'exact' value only", null);
                }
            }
            managedRoute(f, src, tr, s.setHeaderRoute().name(), at.key("setHeaderRoute"));
        }
        if (s.setMirrorRoute() != null) {
            if (tr == null || !(tr.routers().has("istio") || tr.routers().has("plugins"))) {
                f.at(ROUTING_FEATURES, src, at.key("setMirrorRoute"),
                        "SetMirrorRoute requires TrafficRouting, supports Istio and Plugins", null);
            }
            managedRoute(f, src, tr, s.setMirrorRoute().name(), at.key("setMirrorRoute"));
        }
        for (int t = 0; t < s.experimentWeights().size(); t++) {
            if (s.experimentWeights().get(t) == null) {
                continue;
            }
            FieldPath weight = at.key("experiment").key("templates").index(t).key("weight");
            if (tr == null) {
                f.at(ROUTING_FEATURES, src, weight,
                        "Experiment template weight cannot be set unless TrafficRouting is enabled", null);
            } else if (!(tr.routers().has("smi") || tr.routers().has("alb") || tr.routers().has("istio")
                    || tr.routers().has("plugins"))) {
                f.at(ROUTING_FEATURES, src, weight, "Experiment template weight is only available for "
                        + "TrafficRouting with SMI, ALB, Istio and Plugins at this time", null);
            }
        }
    }

    private void managedRoute(Findings f, Resource src, TrafficRouting tr, String name, FieldPath at) {
        if (tr == null) {
            return;
        }
        if (tr.managedRoutes().isEmpty()) {
            f.at(ROUTING_FEATURES, src, at,
                    "Rollout has missing field 'spec.strategy.canary.trafficRouting.managedRoutes'", null);
        } else if (name != null && !tr.managedRoutes().contains(name)) {
            f.at(ROUTING_FEATURES, src, at.key("name"), "Steps define a route that does not exist in "
                    + "spec.strategy.canary.trafficRouting.managedRoutes", null);
        }
    }

    private void stringMatch(Findings f, Resource src, List<String> kinds, FieldPath at) {
        if (kinds.isEmpty()) {
            f.at(ROUTING_FEATURES, src, at,
                    "StringMatch value missed, match value must have one of the following: exact, regex, prefix", null);
        } else if (kinds.size() > 1) {
            f.at(ROUTING_FEATURES, src, at,
                    "StringMatch match value must have exactly one of the following: exact, regex, prefix", null);
        }
    }

    private void analysisArgs(Findings f, Resource src, RolloutAnalysis a, FieldPath at) {
        if (a == null) {
            return;
        }
        for (int i = 0; i < a.args().size(); i++) {
            String fp = a.args().get(i).fieldPath();
            if (fp != null && !FIELD_REFS.contains(fp) && !fp.matches("metadata\\.(labels|annotations)\\['[^']+'\\]")) {
                f.at(ANALYSIS_ARGS, src, at.key("args").index(i).key("valueFrom").key("fieldRef").key("fieldPath"),
                        "Analyses arguments must refer to valid object metadata supported by downwardAPI", null);
            }
        }
    }

    private void antiAffinity(Findings f, Resource src, dev.gitops.validator.model.Rollouts.AntiAffinity aa,
                              FieldPath at) {
        if (aa == null) {
            return;
        }
        if (aa.preferred() == aa.required()) {
            f.at(ANALYSIS_ARGS, src, at, "AntiAffinity must have exactly one strategy listed", null);
        }
        if (aa.preferred() && (aa.preferredWeight() == null || aa.preferredWeight() < 1 || aa.preferredWeight() > 100)) {
            f.at(ANALYSIS_ARGS, src, at.key("preferredDuringSchedulingIgnoredDuringExecution").key("weight"),
                    "AntiAffinity weight must be between 1-100", null);
        }
    }

    private void surgeFormat(Findings f, Resource src, IntOrString v, FieldPath at) {
        if (v == null) {
            return;
        }
        if (v.isInt() ? v.intValue() < 0 : !PERCENT.matcher(v.stringValue()).matches()) {
            f.at(SURGE, src, at, at.last() + " must be a non-negative integer or a percentage such as 25%, not '" + v
                    + "'", null);
        }
    }

    private void nonNegative(Findings f, Resource src, String field, Long v) {
        if (v != null && v < 0) {
            f.at(COUNTS, src, SPEC.key(field), field + " must be greater than or equal to 0", null);
        }
    }

    private static boolean isZero(IntOrString v) {
        return v != null && (v.isInt() ? v.intValue() == 0 : v.stringValue().equals("0%"));
    }

    static boolean notEmpty(String s) {
        return s != null && !s.isEmpty();
    }
}
