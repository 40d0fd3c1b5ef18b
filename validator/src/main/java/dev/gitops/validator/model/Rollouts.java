package dev.gitops.validator.model;

import dev.gitops.validator.resource.Resource;
import java.util.List;
import java.util.Map;

/**
 * The Argo Rollouts Rollout ({@code argoproj.io/v1alpha1}), read strictly after argo-rollouts
 * {@code pkg/apis/rollouts/v1alpha1/types.go}; analyses are in {@link Analysis}, experiments in
 * {@link Experiments}. The pod template is a core PodTemplateSpec: only its labels are read here, the schema
 * check validates it against the Kubernetes model; traffic routers are read by {@link TrafficRouters}. A
 * traffic-router plugin's and a step plugin's configuration belong to the plugin and are not read.
 */
public final class Rollouts {

    private Rollouts() {
    }

    public record Rollout(Resource source, Meta metadata, Long replicas, LabelSelector selector,
                          boolean hasTemplate, Map<String, String> templateLabels, WorkloadRef workloadRef,
                          Long minReadySeconds, Long revisionHistoryLimit, Long progressDeadlineSeconds,
                          Boolean progressDeadlineAbort, Boolean paused, BlueGreen blueGreen, Canary canary)
            implements TypedModel {

        static Rollout read(Resource r, List<ModelProblem> p) {
            Node root = Header.root(r, p);
            Meta meta = Header.meta(root);
            Node spec = root.object("spec", true);
            Long replicas = spec.integer("replicas");
            LabelSelector selector = spec.has("selector") ? spec.read("selector", false, LabelSelector::read) : null;
            boolean hasTemplate = spec.has("template");
            Map<String, String> labels = Map.of();
            if (hasTemplate) {
                Node t = spec.object("template");
                labels = t.read("metadata", false, m -> {
                    Map<String, String> l = m.stringMap("labels");
                    m.allow("annotations", "name", "namespace", "creationTimestamp");
                    return l;
                });
                t.allow("spec");
                t.end();
            }
            WorkloadRef ref = spec.has("workloadRef") ? spec.read("workloadRef", false, WorkloadRef::read) : null;
            Long minReady = spec.integer("minReadySeconds");
            Long history = spec.integer("revisionHistoryLimit");
            Long deadline = spec.integer("progressDeadlineSeconds");
            Boolean abort = spec.bool("progressDeadlineAbort");
            Boolean paused = spec.bool("paused");
            Node strategy = spec.object("strategy", true);
            BlueGreen bg = strategy.has("blueGreen") ? strategy.read("blueGreen", false, BlueGreen::read) : null;
            Canary canary = strategy.has("canary") ? strategy.read("canary", false, Canary::read) : null;
            strategy.end();
            spec.string("restartAt");
            spec.read("rollbackWindow", false, w -> w.integer("revisions"));
            spec.read("analysis", false, a -> {
                a.integer("successfulRunHistoryLimit");
                return a.integer("unsuccessfulRunHistoryLimit");
            });
            spec.end();
            root.end();
            return new Rollout(r, meta, replicas, selector, hasTemplate, labels, ref, minReady, history, deadline,
                    abort, paused, bg, canary);
        }
    }

    public record LabelSelector(Map<String, String> matchLabels, List<Object> matchExpressions) {

        static LabelSelector read(Node n) {
            List<Object> expressions = new java.util.ArrayList<>(n.objects("matchExpressions", e -> {
                e.oneOf("operator", true, "In", "NotIn", "Exists", "DoesNotExist");
                e.strings("values");
                return e.requiredString("key");
            }));
            return new LabelSelector(n.stringMap("matchLabels"), expressions);
        }

        public boolean isEmpty() {
            return matchLabels.isEmpty() && matchExpressions.isEmpty();
        }
    }

    public record WorkloadRef(String apiVersion, String kind, String name, String scaleDown) {

        static WorkloadRef read(Node n) {
            return new WorkloadRef(n.string("apiVersion"), n.string("kind"), n.string("name"),
                    n.oneOf("scaleDown", false, "never", "onsuccess", "progressively"));
        }
    }

    public record BlueGreen(String activeService, String previewService, Long previewReplicaCount,
                            Boolean autoPromotionEnabled, Long autoPromotionSeconds, IntOrString maxUnavailable,
                            Long scaleDownDelaySeconds, Long scaleDownDelayRevisionLimit,
                            Long abortScaleDownDelaySeconds, RolloutAnalysis prePromotionAnalysis,
                            RolloutAnalysis postPromotionAnalysis, AntiAffinity antiAffinity) {

        static BlueGreen read(Node n) {
            BlueGreen b = new BlueGreen(n.requiredString("activeService"), n.string("previewService"),
                    n.integer("previewReplicaCount"), n.bool("autoPromotionEnabled"), n.integer("autoPromotionSeconds"),
                    n.intOrString("maxUnavailable"), n.integer("scaleDownDelaySeconds"),
                    n.integer("scaleDownDelayRevisionLimit"), n.integer("abortScaleDownDelaySeconds"),
                    n.has("prePromotionAnalysis") ? n.read("prePromotionAnalysis", false, RolloutAnalysis::read) : null,
                    n.has("postPromotionAnalysis") ? n.read("postPromotionAnalysis", false, RolloutAnalysis::read)
                            : null,
                    n.has("antiAffinity") ? n.read("antiAffinity", false, AntiAffinity::read) : null);
            for (String key : List.of("previewMetadata", "activeMetadata")) {
                n.read(key, false, Rollouts::podMetadata);
            }
            return b;
        }
    }

    public record Canary(String canaryService, String stableService, List<CanaryStep> steps,
                         TrafficRouting trafficRouting, IntOrString maxUnavailable, IntOrString maxSurge,
                         RolloutAnalysis analysis, AntiAffinity antiAffinity, Long scaleDownDelaySeconds,
                         Long scaleDownDelayRevisionLimit, Long abortScaleDownDelaySeconds, Boolean dynamicStableScale,
                         String pingService, String pongService, boolean hasPingPong) {

        static Canary read(Node n) {
            String canaryService = n.string("canaryService");
            String stableService = n.string("stableService");
            List<CanaryStep> steps = n.objects("steps", CanaryStep::read);
            TrafficRouting tr = n.has("trafficRouting") ? n.read("trafficRouting", false, TrafficRouting::read) : null;
            IntOrString maxUnavailable = n.intOrString("maxUnavailable");
            IntOrString maxSurge = n.intOrString("maxSurge");
            RolloutAnalysis analysis = n.has("analysis") ? n.read("analysis", false, RolloutAnalysis::read) : null;
            AntiAffinity aa = n.has("antiAffinity") ? n.read("antiAffinity", false, AntiAffinity::read) : null;
            Long sdd = n.integer("scaleDownDelaySeconds");
            Long sddl = n.integer("scaleDownDelayRevisionLimit");
            Long asdd = n.integer("abortScaleDownDelaySeconds");
            Boolean dss = n.bool("dynamicStableScale");
            boolean hasPingPong = n.has("pingPong");
            String[] pp = n.read("pingPong", false, x -> new String[] {x.string("pingService"), x.string("pongService")});
            n.integer("minPodsPerReplicaSet");
            n.integer("replicaProgressThreshold");
            for (String key : List.of("canaryMetadata", "stableMetadata")) {
                n.read(key, false, Rollouts::podMetadata);
            }
            return new Canary(canaryService, stableService, steps, tr, maxUnavailable, maxSurge, analysis, aa, sdd, sddl,
                    asdd, dss, pp[0], pp[1], hasPingPong);
        }
    }

    public record AntiAffinity(boolean preferred, Long preferredWeight, boolean required) {

        static AntiAffinity read(Node n) {
            boolean pref = n.has("preferredDuringSchedulingIgnoredDuringExecution");
            Long w = n.read("preferredDuringSchedulingIgnoredDuringExecution", false, x -> x.integer("weight"));
            boolean req = n.has("requiredDuringSchedulingIgnoredDuringExecution");
            n.read("requiredDuringSchedulingIgnoredDuringExecution", false, x -> null);
            return new AntiAffinity(pref, w, req);
        }
    }

    /** One canary step; {@link #types()} lists which step types are set. */
    public record CanaryStep(Long setWeight, Pause pause, boolean experiment, List<Long> experimentWeights,
                             RolloutAnalysis analysis, SetCanaryScale setCanaryScale, RouteStep setHeaderRoute,
                             RouteStep setMirrorRoute, String plugin) {

        static CanaryStep read(Node n) {
            Long w = n.integer("setWeight");
            Pause pause = n.has("pause") || n.keys().contains("pause") ? n.read("pause", false, Pause::read) : null;
            boolean experiment = n.has("experiment");
            List<Long> weights = n.read("experiment", false, Experiments::readStep);
            RolloutAnalysis analysis = n.has("analysis") ? n.read("analysis", false, RolloutAnalysis::read) : null;
            SetCanaryScale scale = n.has("setCanaryScale") ? n.read("setCanaryScale", false, SetCanaryScale::read)
                    : null;
            RouteStep header = n.has("setHeaderRoute") ? n.read("setHeaderRoute", false, RouteStep::readHeader) : null;
            RouteStep mirror = n.has("setMirrorRoute") ? n.read("setMirrorRoute", false, RouteStep::readMirror) : null;
            String plugin = n.read("plugin", false, x -> {
                x.allow("config");
                return x.string("name");
            });
            return new CanaryStep(w, pause, experiment, weights, analysis, scale, header, mirror, plugin);
        }

        /** The step types set in this step, in field order. */
        public List<String> types() {
            List<String> t = new java.util.ArrayList<>();
            if (setWeight != null) {
                t.add("setWeight");
            }
            if (pause != null) {
                t.add("pause");
            }
            if (experiment) {
                t.add("experiment");
            }
            if (analysis != null) {
                t.add("analysis");
            }
            if (setCanaryScale != null) {
                t.add("setCanaryScale");
            }
            if (setHeaderRoute != null) {
                t.add("setHeaderRoute");
            }
            if (setMirrorRoute != null) {
                t.add("setMirrorRoute");
            }
            if (plugin != null) {
                t.add("plugin");
            }
            return t;
        }
    }

    /** {@code pause: {}} waits for promotion ({@code duration} null); else an int or a duration string. */
    public record Pause(IntOrString duration) {

        static Pause read(Node n) {
            return new Pause(n.intOrString("duration"));
        }
    }

    public record SetCanaryScale(Long weight, Long replicas, Boolean matchTrafficWeight) {

        static SetCanaryScale read(Node n) {
            return new SetCanaryScale(n.integer("weight"), n.integer("replicas"), n.bool("matchTrafficWeight"));
        }
    }

    /** setHeaderRoute / setMirrorRoute: the route name and, per match, which of exact/regex/prefix are set. */
    public record RouteStep(String name, List<List<String>> matchKinds) {

        static RouteStep readHeader(Node n) {
            String name = n.string("name");
            List<List<String>> kinds = n.objects("match", m -> {
                m.string("headerName");
                return m.read("headerValue", false, RouteStep::stringMatch);
            });
            return new RouteStep(name, kinds);
        }

        static RouteStep readMirror(Node n) {
            String name = n.string("name");
            n.integer("percentage");
            List<List<String>> kinds = n.objects("match", m -> {
                for (String k : List.of("method", "path")) {
                    m.read(k, false, RouteStep::stringMatch);
                }
                m.objectMap("headers", (k, v) -> stringMatch(v));
                return List.<String>of();
            });
            return new RouteStep(name, kinds);
        }

        static List<String> stringMatch(Node n) {
            List<String> set = new java.util.ArrayList<>();
            for (String k : List.of("exact", "regex", "prefix")) {
                if (n.string(k) != null) {
                    set.add(k);
                }
            }
            return set;
        }
    }

    /** The Gateway API traffic-router plugin (argoproj-labs/rollouts-plugin-trafficrouter-gatewayapi). */
    public static final String GATEWAY_API_PLUGIN = "argoproj-labs/gatewayAPI";

    public record TrafficRouting(Routers routers, Alb alb, List<String> gatewayHttpRoutes, List<String> managedRoutes,
                                 Long maxTrafficWeight, boolean istioDestinationRule, String nginxStableIngress) {

        /** Which traffic routers are configured. */
        public record Routers(List<String> names) {
            public boolean has(String router) {
                return names.contains(router);
            }

            public boolean onlyAmong(String... allowed) {
                return List.of(allowed).containsAll(names);
            }
        }

        static TrafficRouting read(Node n) {
            List<String> routers = new java.util.ArrayList<>();
            for (String k : List.of("istio", "nginx", "alb", "smi", "ambassador", "appMesh", "traefik", "apisix",
                    "plugins")) {
                if (n.has(k)) {
                    routers.add(k);
                }
            }
            Alb alb = n.has("alb") ? n.read("alb", false, Alb::read) : null;
            List<String> httpRoutes = new java.util.ArrayList<>();
            n.objectMap("plugins", (name, cfg) -> {
                if (name.equals(GATEWAY_API_PLUGIN)) {
                    String one = cfg.string("httpRoute");
                    if (one != null) {
                        httpRoutes.add(one);
                    }
                    httpRoutes.addAll(cfg.objects("httpRoutes", h -> {
                        h.bool("useHeaderRoutes");
                        return h.requiredString("name");
                    }));
                    cfg.string("namespace");
                }
                cfg.keys().forEach(cfg::allow);
                return name;
            });
            boolean dr = Boolean.TRUE.equals(n.read("istio", false, TrafficRouters::istio));
            String nginx = n.read("nginx", false, TrafficRouters::nginx);
            List<String> managed = n.objects("managedRoutes", m -> m.string("name"));
            Long max = n.integer("maxTrafficWeight");
            TrafficRouters.others(n);
            return new TrafficRouting(new Routers(routers), alb, httpRoutes, managed, max, dr, nginx);
        }
    }

    public record Alb(String ingress, List<String> ingresses, Long servicePort, String rootService) {

        static Alb read(Node n) {
            Alb a = new Alb(n.string("ingress"), n.strings("ingresses"), n.integer("servicePort", true),
                    n.string("rootService"));
            n.string("annotationPrefix");
            n.read("stickinessConfig", false, TrafficRouters::stickiness);
            return a;
        }
    }

    /** A step's or strategy's analysis: template references and args. */
    public record RolloutAnalysis(List<TemplateRef> templates, List<Arg> args) {

        static RolloutAnalysis read(Node n) {
            RolloutAnalysis a = new RolloutAnalysis(n.objects("templates", TemplateRef::read),
                    n.objects("args", Arg::read));
            Analysis.dryRunAndRetention(n);
            n.read("analysisRunMetadata", false, m -> {
                Analysis.labelsAndAnnotations(m);
                return null;
            });
            n.integer("startingStep");
            return a;
        }
    }

    public record TemplateRef(String templateName, boolean clusterScope) {

        static TemplateRef read(Node n) {
            return new TemplateRef(n.requiredString("templateName"), Boolean.TRUE.equals(n.bool("clusterScope")));
        }
    }

    /** An analysis argument: a value, or a value taken from elsewhere ({@code fieldPath} when from a field). */
    public record Arg(String name, String value, boolean hasValueFrom, String fieldPath) {

        static Arg read(Node n) {
            String name = n.requiredString("name");
            String value = n.string("value");
            boolean from = n.has("valueFrom");
            String fieldPath = n.read("valueFrom", false, v -> {
                v.oneOf("podTemplateHashValue", false, "Stable", "Latest");
                v.read("secretKeyRef", false, s -> {
                    s.requiredString("name");
                    return s.requiredString("key");
                });
                return v.read("fieldRef", false, f -> f.requiredString("fieldPath"));
            });
            return new Arg(name, value, from, fieldPath);
        }
    }

    /** Labels and annotations added to the pods of one side (canaryMetadata, activeMetadata, ...). */
    private static Void podMetadata(Node n) {
        Analysis.labelsAndAnnotations(n);
        return null;
    }
}
