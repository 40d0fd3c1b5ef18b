package dev.gitops.validator.model;

import dev.gitops.validator.resource.Resource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The parts of built-in Kubernetes kinds that the domain checks relate custom resources to: workloads and
 * their pod labels, Services and their selectors, Ingress backends, Gateway API routes, disruption budgets
 * and autoscalers. The schema check validates these kinds in full; here they are read leniently.
 */
public final class Core {

    public static final Set<String> WORKLOAD_KINDS = Set.of("Deployment", "StatefulSet", "DaemonSet", "ReplicaSet",
            "Rollout");

    private Core() {
    }

    private static Node root(Resource r) {
        return Node.of(r.content(), dev.gitops.validator.source.FieldPath.ROOT, new ArrayList<>());
    }

    private static Meta meta(Node root) {
        return Meta.read(root.object("metadata"));
    }

    /** A workload (Deployment, StatefulSet, DaemonSet, ReplicaSet or Argo Rollout) and its pod labels. */
    public record Workload(Resource source, Meta metadata, String kind, Long replicas, Map<String, String> podLabels)
            implements TypedModel {

        public static Workload read(Resource r) {
            Node root = root(r);
            Node spec = root.object("spec");
            Map<String, String> labels = spec.object("template").object("metadata").stringMap("labels");
            return new Workload(r, meta(root), r.kind(), spec.integer("replicas"), labels);
        }

        public boolean isWorkload() {
            return WORKLOAD_KINDS.contains(kind) && ("Rollout".equals(kind) ? "argoproj.io"
                    .equals(source.ref().group()) : "apps".equals(source.ref().group()));
        }
    }

    public record Service(Resource source, Meta metadata, Map<String, String> selector) implements TypedModel {

        public static Service read(Resource r) {
            Node root = root(r);
            return new Service(r, meta(root), root.object("spec").stringMap("selector"));
        }
    }

    /** An Ingress and the Services its rules send to. */
    public record Ingress(Resource source, Meta metadata, List<String> backendServices, List<String> backendPorts)
            implements TypedModel {

        public static Ingress read(Resource r) {
            Node root = root(r);
            List<String> services = new ArrayList<>();
            List<String> ports = new ArrayList<>();
            Node spec = root.object("spec");
            List<Node> backends = new ArrayList<>();
            backends.add(spec.object("defaultBackend"));
            spec.objects("rules", rule -> {
                rule.object("http").objects("paths", p -> {
                    backends.add(p.object("backend"));
                    return null;
                });
                return null;
            });
            for (Node b : backends) {
                Node svc = b.object("service");
                if (svc.has("name")) {
                    services.add(svc.string("name"));
                    Node port = svc.object("port");
                    ports.add(port.has("name") ? port.string("name") : String.valueOf(port.integer("number")));
                }
            }
            return new Ingress(r, meta(root), services, ports);
        }
    }

    /** A PodDisruptionBudget's selector. */
    public record DisruptionBudget(Resource source, Meta metadata, Map<String, String> matchLabels)
            implements TypedModel {

        public static DisruptionBudget read(Resource r) {
            Node root = root(r);
            return new DisruptionBudget(r, meta(root), root.object("spec").object("selector").stringMap("matchLabels"));
        }
    }

    /** A HorizontalPodAutoscaler's target. */
    public record Autoscaler(Resource source, Meta metadata, Messaging.TargetRef target) implements TypedModel {

        public static Autoscaler read(Resource r) {
            Node root = root(r);
            Node ref = root.object("spec").object("scaleTargetRef");
            return new Autoscaler(r, meta(root),
                    new Messaging.TargetRef(ref.string("apiVersion"), ref.string("kind"), ref.string("name")));
        }
    }

    /** True when the labels contain every entry of the selector (an empty selector selects nothing here). */
    public static boolean selects(Map<String, String> selector, Map<String, String> labels) {
        return !selector.isEmpty() && labels.entrySet().containsAll(selector.entrySet());
    }

    public static boolean is(Resource r, String group, String kind) {
        return kind.equals(r.kind()) && group.equals(r.ref().group());
    }
}
