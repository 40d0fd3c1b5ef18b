package dev.gitops.validator.domain.edge;

import static dev.gitops.validator.finding.Rule.error;

import dev.gitops.validator.check.Check;
import dev.gitops.validator.check.CheckContext;
import dev.gitops.validator.check.Findings;
import dev.gitops.validator.domain.Topology;
import dev.gitops.validator.finding.Rule;
import dev.gitops.validator.resource.Resource;
import dev.gitops.validator.source.FieldPath;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Load balancers of the AWS Load Balancer Controller that send traffic straight to pod IPs (an {@code alb}
 * Ingress or a TargetGroupBinding with target type {@code ip}) have the controller's pod readiness gate:
 * the namespace of their backend Service is labelled {@code elbv2.k8s.aws/pod-readiness-gate-inject:
 * enabled} (EDGE005). Without it a new pod is Ready, and an old one is terminated, before the target group
 * reports the new pod healthy; a rollout or a node consolidation leaves the target group with only
 * initial and draining targets, and the load balancer answers 5xx.
 */
public final class PodReadinessGateCheck implements Check {

    public static final Rule READINESS_GATE = error("EDGE005", AlbIngressCheck.CATEGORY);

    static final String INJECT_LABEL = "elbv2.k8s.aws/pod-readiness-gate-inject";
    static final String TARGET_TYPE = AlbIngressCheck.PREFIX + "target-type";
    private static final String ALB_CONTROLLER = "ingress.k8s.aws/alb";
    private static final String LEGACY_CLASS = "kubernetes.io/ingress.class";

    @Override
    public List<Rule> rules() {
        return List.of(READINESS_GATE);
    }

    @Override
    public void run(CheckContext context, Findings findings) {
        List<Resource> resources = context.resources();
        Topology topology = Topology.of(context.config(), resources);
        Set<String> albClasses = new LinkedHashSet<>(Set.of("alb"));
        resources.stream()
                .filter(r -> "IngressClass".equals(r.kind()) && ALB_CONTROLLER.equals(r.get("spec.controller")))
                .forEach(r -> albClasses.add(r.ref().name()));
        Set<Resource> reported = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
        for (Resource r : resources) {
            if ("Ingress".equals(r.kind()) && alb(r, albClasses)) {
                ingress(r, resources, topology, reported, findings);
            } else if ("TargetGroupBinding".equals(r.kind()) && "ip".equals(r.get("spec.targetType"))
                    && r.get("spec.serviceRef.name") instanceof String service) {
                judge(r, FieldPath.of("spec", "targetType"), service, resources, topology, findings);
            }
        }
    }

    private static boolean alb(Resource ing, Set<String> albClasses) {
        Object cls = ing.get("spec.ingressClassName");
        if (cls == null) {
            cls = ing.get(FieldPath.of("metadata", "annotations", LEGACY_CLASS));
        }
        return cls instanceof String name && albClasses.contains(name);
    }

    private void ingress(Resource ing, List<Resource> resources, Topology topology, Set<Resource> reported,
            Findings f) {
        FieldPath at = FieldPath.of("metadata", "annotations", TARGET_TYPE);
        String ingressType = ing.get(at) instanceof String t ? t.strip() : "instance";
        Set<String> byIngress = new LinkedHashSet<>();
        for (String service : backends(ing)) {
            // The annotation on the backend Service wins over the Ingress's (controller's annotation docs).
            Resource svc = find(resources, "Service", ing.ref().namespace(), service, ing, topology);
            if (svc != null && svc.get(at) instanceof String t) {
                if ("ip".equals(t.strip()) && reported.add(svc)) {
                    judge(svc, at, service, resources, topology, f);
                }
            } else if ("ip".equals(ingressType)) {
                byIngress.add(service);
            }
        }
        if (!byIngress.isEmpty()) {
            judge(ing, at, String.join(", ", byIngress), resources, topology, f);
        }
    }

    /** The Services an Ingress routes to, in order, each once; action backends ({@code use-annotation}) aside. */
    static Set<String> backends(Resource ing) {
        Set<String> out = new LinkedHashSet<>();
        addBackend(ing.get("spec.defaultBackend"), out);
        if (ing.get("spec.rules") instanceof List<?> rules) {
            for (Object rule : rules) {
                if (rule instanceof Map<?, ?> m && m.get("http") instanceof Map<?, ?> http
                        && http.get("paths") instanceof List<?> paths) {
                    for (Object p : paths) {
                        if (p instanceof Map<?, ?> path) {
                            addBackend(path.get("backend"), out);
                        }
                    }
                }
            }
        }
        return out;
    }

    private static void addBackend(Object backend, Set<String> out) {
        if (backend instanceof Map<?, ?> b && b.get("service") instanceof Map<?, ?> s
                && s.get("name") instanceof String name
                && !(s.get("port") instanceof Map<?, ?> port && "use-annotation".equals(port.get("name")))) {
            out.add(name);
        }
    }

    private void judge(Resource r, FieldPath at, String services, List<Resource> resources, Topology topology,
            Findings f) {
        String ns = r.ref().namespace();
        if (ns == null) {
            return; // the Application's destination namespace: nothing in the resource names it
        }
        Resource namespace = find(resources, "Namespace", null, ns, r, topology);
        Object label = namespace == null ? null : namespace.get(FieldPath.of("metadata", "labels", INJECT_LABEL));
        if ("enabled".equals(label)) {
            return;
        }
        String where = namespace == null
                ? "namespace " + ns + " is not declared in this cluster's tree, so nothing labels it "
                : "namespace " + ns + " is not labelled ";
        f.at(READINESS_GATE, r, at, r.kind() + " " + r.ref().name() + " has the ALB register the pods of Service " + services
                        + " by IP, but " + where + INJECT_LABEL + ": enabled. Without the "
                        + "controller's pod readiness gate a new pod turns Ready, and the rollout or a node "
                        + "consolidation removes an old one, before the target group reports the new pod healthy: "
                        + "the load balancer is left with initial and draining targets and answers 5xx",
                "label the Namespace " + ns + " with " + INJECT_LABEL + ": enabled (pods created afterwards get "
                        + "the gate; restart the existing ones)");
    }

    private static Resource find(List<Resource> resources, String kind, String namespace, String name, Resource from,
            Topology topology) {
        return resources.stream()
                .filter(r -> kind.equals(r.kind()) && name.equals(r.ref().name())
                        && (namespace == null || namespace.equals(r.ref().namespace()))
                        && topology.sameCluster(from, r))
                .findFirst().orElse(null);
    }
}
