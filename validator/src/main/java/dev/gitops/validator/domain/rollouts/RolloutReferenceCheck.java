package dev.gitops.validator.domain.rollouts;

import static dev.gitops.validator.finding.Rule.error;
import static dev.gitops.validator.finding.Rule.warning;

import dev.gitops.validator.check.Check;
import dev.gitops.validator.check.CheckContext;
import dev.gitops.validator.check.Findings;
import dev.gitops.validator.domain.Topology;
import dev.gitops.validator.finding.Rule;
import dev.gitops.validator.model.Core;
import dev.gitops.validator.model.IntOrString;
import dev.gitops.validator.model.Messaging;
import dev.gitops.validator.model.ModelKind;
import dev.gitops.validator.model.Models;
import dev.gitops.validator.model.Analysis.AnalysisTemplate;
import dev.gitops.validator.model.Rollouts.Arg;
import dev.gitops.validator.model.Analysis.Metric;
import dev.gitops.validator.model.Rollouts.Rollout;
import dev.gitops.validator.model.Rollouts.RolloutAnalysis;
import dev.gitops.validator.model.Rollouts.TemplateRef;
import dev.gitops.validator.model.TypedModel;
import dev.gitops.validator.resource.Resource;
import dev.gitops.validator.source.FieldPath;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What a Rollout refers to, across files (argo-rollouts {@code validation_references.go}, which
 * {@code kubectl argo rollouts lint} runs only within one file and without AnalysisTemplates): Services,
 * Ingresses, Gateway API routes and analysis templates exist and fit; and, for every workload kind
 * including Rollouts, Service selectors, disruption budgets and autoscalers find their workload.
 */
public final class RolloutReferenceCheck implements Check {

    public static final Rule SERVICE_REFS = error("ROLLOUT009", RolloutSpecCheck.CATEGORY);
    public static final Rule ROUTER_REFS = error("ROLLOUT010", RolloutSpecCheck.CATEGORY);
    public static final Rule TEMPLATE_REFS = error("ROLLOUT011", RolloutSpecCheck.CATEGORY);
    public static final Rule WORKLOAD_REFS = error("ROLLOUT018", RolloutSpecCheck.CATEGORY);

    private static final String HASH_LABEL = "rollouts-pod-template-hash";

    @Override
    public List<Rule> rules() {
        return List.of(SERVICE_REFS, ROUTER_REFS, TEMPLATE_REFS, WORKLOAD_REFS);
    }

    @Override
    public void run(CheckContext context, Findings findings) {
        Topology topology = Topology.of(context.config(), context.resources());
        Models models = Models.of(context.resources());
        List<Core.Service> services = new ArrayList<>();
        List<Core.Ingress> ingresses = new ArrayList<>();
        List<Resource> httpRoutes = new ArrayList<>();
        List<Core.Workload> workloads = new ArrayList<>();
        List<Core.DisruptionBudget> pdbs = new ArrayList<>();
        List<Core.Autoscaler> hpas = new ArrayList<>();
        for (Resource r : context.resources()) {
            if (Core.is(r, "", "Service")) {
                services.add(Core.Service.read(r));
            } else if (Core.is(r, "networking.k8s.io", "Ingress")) {
                ingresses.add(Core.Ingress.read(r));
            } else if (Core.is(r, "gateway.networking.k8s.io", "HTTPRoute")) {
                httpRoutes.add(r);
            } else if (Core.is(r, "policy", "PodDisruptionBudget")) {
                pdbs.add(Core.DisruptionBudget.read(r));
            } else if (Core.is(r, "autoscaling", "HorizontalPodAutoscaler")) {
                hpas.add(Core.Autoscaler.read(r));
            } else if (r.kind() != null && Core.WORKLOAD_KINDS.contains(r.kind())) {
                Core.Workload w = Core.Workload.read(r);
                if (w.isWorkload()) {
                    workloads.add(w);
                }
            }
        }
        List<AnalysisTemplate> templates = models.all(ModelKind.ANALYSIS_TEMPLATE);
        List<AnalysisTemplate> clusterTemplates = models.all(ModelKind.CLUSTER_ANALYSIS_TEMPLATE);
        for (Rollout r : models.all(ModelKind.ROLLOUT)) {
            services(r, services, topology, findings);
            routers(r, ingresses, httpRoutes, topology, findings);
            analyses(r, templates, clusterTemplates, topology, findings);
        }
        workloadRefs(services, pdbs, hpas, models.all(ModelKind.SCALED_OBJECT), workloads, topology, findings);
    }

    private static <T extends TypedModel> T find(List<T> candidates, String name, Resource from, Topology topology) {
        for (T c : candidates) {
            if (name.equals(c.name()) && topology.together(from, c.source())) {
                return c;
            }
        }
        return null;
    }

    private void services(Rollout r, List<Core.Service> services, Topology topology, Findings f) {
        Map<String, FieldPath> refs = new LinkedHashMap<>();
        if (r.canary() != null) {
            var c = r.canary();
            put(refs, c.canaryService(), RolloutSpecCheck.CANARY.key("canaryService"));
            put(refs, c.stableService(), RolloutSpecCheck.CANARY.key("stableService"));
            put(refs, c.pingService(), RolloutSpecCheck.CANARY.key("pingPong").key("pingService"));
            put(refs, c.pongService(), RolloutSpecCheck.CANARY.key("pingPong").key("pongService"));
            if (c.trafficRouting() != null && c.trafficRouting().alb() != null) {
                put(refs, c.trafficRouting().alb().rootService(),
                        RolloutSpecCheck.TRAFFIC.key("alb").key("rootService"));
            }
        }
        if (r.blueGreen() != null) {
            put(refs, r.blueGreen().activeService(), RolloutSpecCheck.BLUE_GREEN.key("activeService"));
            put(refs, r.blueGreen().previewService(), RolloutSpecCheck.BLUE_GREEN.key("previewService"));
        }
        for (Map.Entry<String, FieldPath> e : refs.entrySet()) {
            Core.Service svc = find(services, e.getKey(), r.source(), topology);
            if (svc == null) {
                f.at(SERVICE_REFS, r.source(), e.getValue(), "Service \"" + e.getKey() + "\" not found",
                        "define the Service next to the Rollout (same cluster and namespace)");
                continue;
            }
            if (!r.hasTemplate()) {
                continue;
            }
            for (Map.Entry<String, String> sel : svc.selector().entrySet()) {
                if (sel.getKey().equals(HASH_LABEL)) {
                    continue;
                }
                if (!sel.getValue().equals(r.templateLabels().get(sel.getKey()))) {
                    f.at(SERVICE_REFS, r.source(), e.getValue(), "Service \"" + e.getKey() + "\" has unmatch label \""
                                    + sel.getKey() + "\" in rollout", "the Service's selector must select the Rollout's pods",
                            List.of(Findings.location(svc.source(), FieldPath.of("spec", "selector", sel.getKey()),
                                    "Service selector")));
                }
            }
        }
    }

    private static void put(Map<String, FieldPath> refs, String name, FieldPath at) {
        if (name != null && !name.isEmpty()) {
            refs.putIfAbsent(name, at);
        }
    }

    private void routers(Rollout r, List<Core.Ingress> ingresses, List<Resource> httpRoutes, Topology topology,
                         Findings f) {
        if (r.canary() == null || r.canary().trafficRouting() == null) {
            return;
        }
        var tr = r.canary().trafficRouting();
        FieldPath albAt = RolloutSpecCheck.TRAFFIC.key("alb");
        if (tr.alb() != null) {
            var alb = tr.alb();
            List<String> names = new ArrayList<>();
            if (alb.ingress() != null && !alb.ingress().isEmpty()) {
                names.add(alb.ingress());
            }
            names.addAll(alb.ingresses());
            if (alb.ingress() != null && !alb.ingresses().isEmpty()) {
                f.at(ROUTER_REFS, r.source(), albAt, "Either Ingress or Ingresses must be configured. Both are configured.",
                        null);
            } else if (names.isEmpty()) {
                f.at(ROUTER_REFS, r.source(), albAt, "Either Ingress or Ingresses must be configured. Neither are "
                        + "configured.", null);
            }
            String backend = RolloutSpecCheck.notEmpty(alb.rootService()) ? alb.rootService()
                    : r.canary().stableService();
            for (String name : names) {
                Core.Ingress ing = find(ingresses, name, r.source(), topology);
                FieldPath at = alb.ingress() != null ? albAt.key("ingress") : albAt.key("ingresses");
                if (ing == null) {
                    f.at(ROUTER_REFS, r.source(), at, "Ingress \"" + name + "\" not found", null);
                    continue;
                }
                int idx = ing.backendServices().indexOf(backend);
                if (idx < 0) {
                    f.at(ROUTER_REFS, r.source(), at, "ingress `" + name + "` has no rules using service " + backend
                            + " backend", null, List.of(Findings.location(ing.source(), FieldPath.of("spec", "rules"),
                            "Ingress rules")));
                } else if (!"use-annotation".equals(ing.backendPorts().get(idx))) {
                    f.at(ROUTER_REFS, r.source(), at, "ingress `" + name + "` sends to service " + backend
                                    + " on port " + ing.backendPorts().get(idx) + ", not port name use-annotation",
                            "the ALB controller reads the weighted actions only with port name use-annotation",
                            List.of(Findings.location(ing.source(), FieldPath.of("spec", "rules"), "Ingress rules")));
                }
            }
        }
        for (String route : tr.gatewayHttpRoutes()) {
            boolean found = httpRoutes.stream().anyMatch(h -> route.equals(h.ref().name())
                    && topology.together(r.source(), h));
            if (!found) {
                f.at(ROUTER_REFS, r.source(), RolloutSpecCheck.TRAFFIC.key("plugins"),
                        "HTTPRoute \"" + route + "\" named by the Gateway API plugin not found",
                        "define the HTTPRoute the plugin shifts weights on, in the Rollout's namespace");
            }
        }
    }

    private void analyses(Rollout r, List<AnalysisTemplate> templates, List<AnalysisTemplate> clusterTemplates,
                          Topology topology, Findings f) {
        if (r.canary() != null) {
            analysis(r, r.canary().analysis(), RolloutSpecCheck.CANARY.key("analysis"), true, templates,
                    clusterTemplates, topology, f);
            for (int i = 0; i < r.canary().steps().size(); i++) {
                analysis(r, r.canary().steps().get(i).analysis(), RolloutSpecCheck.CANARY.key("steps").index(i)
                        .key("analysis"), false, templates, clusterTemplates, topology, f);
            }
        }
        if (r.blueGreen() != null) {
            analysis(r, r.blueGreen().prePromotionAnalysis(), RolloutSpecCheck.BLUE_GREEN.key("prePromotionAnalysis"),
                    false, templates, clusterTemplates, topology, f);
            analysis(r, r.blueGreen().postPromotionAnalysis(),
                    RolloutSpecCheck.BLUE_GREEN.key("postPromotionAnalysis"), false, templates, clusterTemplates,
                    topology, f);
        }
    }

    private void analysis(Rollout r, RolloutAnalysis a, FieldPath at, boolean background,
                          List<AnalysisTemplate> templates, List<AnalysisTemplate> clusterTemplates, Topology topology,
                          Findings f) {
        if (a == null) {
            return;
        }
        Set<String> given = new HashSet<>();
        for (Arg arg : a.args()) {
            given.add(arg.name());
        }
        for (int i = 0; i < a.templates().size(); i++) {
            TemplateRef ref = a.templates().get(i);
            FieldPath refAt = at.key("templates").index(i).key("templateName");
            AnalysisTemplate t = ref.clusterScope()
                    ? clusterTemplates.stream().filter(c -> ref.templateName().equals(c.name())
                    && topology.together(r.source(), c.source())).findFirst().orElse(null)
                    : find(templates, ref.templateName(), r.source(), topology);
            if (t == null) {
                f.at(TEMPLATE_REFS, r.source(), refAt, (ref.clusterScope() ? "ClusterAnalysisTemplate" : "AnalysisTemplate")
                                + " \"" + ref.templateName() + "\" not found",
                        ref.clusterScope() ? "define the ClusterAnalysisTemplate in the same cluster"
                                : "define it in the Rollout's namespace, or set clusterScope: true for a "
                                + "ClusterAnalysisTemplate");
                continue;
            }
            for (Arg arg : t.args()) {
                if (arg.value() == null && !arg.hasValueFrom() && !given.contains(arg.name())) {
                    f.at(TEMPLATE_REFS, r.source(), at, "missing analysis arguments in rollout spec: " + arg.name()
                                    + " (required by " + t.source().kind() + " " + t.name() + ")", "add it under args",
                            List.of(Findings.location(t.source(), FieldPath.of("spec", "args"), "template args")));
                }
            }
            if (!background) {
                for (int m = 0; m < t.metrics().size(); m++) {
                    Metric metric = t.metrics().get(m);
                    IntOrString count = metric.count();
                    boolean unbounded = metric.interval() != null
                            && (count == null || (count.isInt() && count.intValue() == 0));
                    if (unbounded) {
                        f.at(TEMPLATE_REFS, r.source(), refAt, "AnalysisTemplate " + t.name() + " has metric "
                                        + metric.name() + " which runs indefinitely. Invalid value for count: "
                                        + (count == null ? "<nil>" : count),
                                "set count on the metric, or run the template as background analysis",
                                List.of(Findings.location(t.source(), FieldPath.of("spec", "metrics", m), "metric")));
                    }
                }
            }
        }
    }

    private void workloadRefs(List<Core.Service> services, List<Core.DisruptionBudget> pdbs,
                              List<Core.Autoscaler> hpas, List<Messaging.ScaledObject> scaledObjects,
                              List<Core.Workload> workloads, Topology topology, Findings f) {
        if (workloads.isEmpty()) {
            return;
        }
        // Only workloads of the same namespace (or of none) can be together with a resource: look
        // there instead of comparing every resource with every workload.
        Map<String, List<Core.Workload>> byNamespace = new java.util.HashMap<>();
        for (Core.Workload w : workloads) {
            byNamespace.computeIfAbsent(String.valueOf(w.source().ref().namespace()), k -> new ArrayList<>()).add(w);
        }
        java.util.function.Function<Resource, List<Core.Workload>> near = from -> {
            String ns = from.ref().namespace();
            if (ns == null) {
                return workloads;
            }
            List<Core.Workload> same = byNamespace.getOrDefault(ns, List.of());
            List<Core.Workload> none = byNamespace.getOrDefault("null", List.of());
            if (none.isEmpty()) {
                return same;
            }
            // Both, in the order of the workload list.
            return workloads.stream().filter(w -> same.contains(w) || none.contains(w)).toList();
        };
        for (Core.Service s : services) {
            if (s.selector().isEmpty() || near.apply(s.source()).stream().noneMatch(w -> topology.together(s.source(), w.source())
                    && w.source().ref().namespace() != null && s.source().ref().namespace() != null)) {
                continue;
            }
            boolean any = near.apply(s.source()).stream().anyMatch(w -> topology.together(s.source(), w.source())
                    && Core.selects(without(s.selector()), w.podLabels()));
            if (!any) {
                f.at(WORKLOAD_REFS, s.source(), FieldPath.of("spec", "selector"), "Service " + s.name()
                        + " selects no workload's pods (Deployments, StatefulSets, Rollouts, ...)",
                        "match the selector to the pod template labels");
            }
        }
        for (Core.DisruptionBudget p : pdbs) {
            if (near.apply(p.source()).stream().noneMatch(w -> topology.together(p.source(), w.source()))) {
                continue;
            }
            boolean any = near.apply(p.source()).stream().anyMatch(w -> topology.together(p.source(), w.source())
                    && Core.selects(p.matchLabels(), w.podLabels()));
            if (!any) {
                f.at(WORKLOAD_REFS, p.source(), FieldPath.of("spec", "selector"), "PodDisruptionBudget " + p.name()
                        + " selects no workload's pods", "match the selector to the pod template labels");
            }
        }
        Map<String, Resource> scaledBy = new LinkedHashMap<>();
        List<Object[]> targets = new ArrayList<>();
        for (Core.Autoscaler h : hpas) {
            targets.add(new Object[] {h.source(), h.target(), FieldPath.of("spec", "scaleTargetRef")});
        }
        for (Messaging.ScaledObject s : scaledObjects) {
            targets.add(new Object[] {s.source(), s.scaleTargetRef(), FieldPath.of("spec", "scaleTargetRef")});
        }
        for (Object[] t : targets) {
            Resource src = (Resource) t[0];
            Messaging.TargetRef ref = (Messaging.TargetRef) t[1];
            FieldPath at = (FieldPath) t[2];
            if (ref == null || ref.name() == null || ref.kind() == null && !"ScaledObject".equals(src.kind())) {
                continue;
            }
            Core.Workload w = near.apply(src).stream().filter(x -> x.kind().equals(ref.effectiveKind())
                    && ref.name().equals(x.name()) && topology.together(src, x.source())).findFirst().orElse(null);
            if (w == null) {
                f.at(WORKLOAD_REFS, src, at.key("name"), src.kind() + " " + src.ref().name() + " scales "
                        + ref.effectiveKind() + " " + ref.name() + ", which does not exist",
                        "for a Rollout use apiVersion: argoproj.io/v1alpha1, kind: Rollout");
                continue;
            }
            String key = System.identityHashCode(w.source()) + "";
            Resource other = scaledBy.putIfAbsent(key, src);
            if (other != null) {
                f.at(WORKLOAD_REFS, src, at, "the workload '" + w.name() + "' of type '" + w.kind()
                                + "' is already managed by " + other.kind() + " '" + other.ref().name() + "'",
                        "one workload, one autoscaler", List.of(Findings.location(other, at, "other autoscaler")));
            }
        }
    }

    private static Map<String, String> without(Map<String, String> selector) {
        Map<String, String> m = new LinkedHashMap<>(selector);
        m.remove(HASH_LABEL);
        return m;
    }
}
