package dev.gitops.validator.domain.infra;

import static dev.gitops.validator.finding.Rule.error;

import dev.gitops.validator.check.Check;
import dev.gitops.validator.check.CheckContext;
import dev.gitops.validator.check.Findings;
import dev.gitops.validator.finding.Location;
import dev.gitops.validator.finding.Rule;
import dev.gitops.validator.resource.Resource;
import dev.gitops.validator.source.FieldPath;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * INFRA007: pods that get AWS credentials through EKS Pod Identity can reach the Pod Identity agent.
 * The agent runs on each node's host network and serves the credentials at {@code 169.254.170.23}
 * ({@code fd00:ec2::23} in an IPv6 cluster) on TCP port 80; the SDK of a pod whose egress a
 * NetworkPolicy restricts without allowing that address and port times out on every credential fetch.
 * The pods are the tree's workloads running the association's service account, and the pods of the
 * Helm charts that create it (INFRA003), whose labels the tree does not hold: only a policy selecting
 * every pod of the namespace is known to select those.
 */
public final class PodIdentityEgressCheck implements Check {

    public static final Rule AGENT_EGRESS = error("INFRA007", InfraCheck.CATEGORY);

    static final String AGENT_IPV4 = "169.254.170.23";
    static final String AGENT_IPV6 = "fd00:ec2::23";
    static final int AGENT_PORT = 80;

    @Override
    public List<Rule> rules() {
        return List.of(AGENT_EGRESS);
    }

    /**
     * Pods of one service account that a policy cuts off from the agent, merged over the clusters; the
     * workloads are kept as {@code display@file}, one related location each.
     */
    private record Blocked(EgressPolicy target, Set<String> policies, String account, String agent,
                           Set<String> workloads, Set<String> associations, List<Location> related) {
    }

    @Override
    public void run(CheckContext context, Findings findings) {
        InfraLayer infra = InfraLayer.of(context);
        if (infra.associations().isEmpty()) {
            return;
        }
        PodIdentity identity = new PodIdentity(infra, context.resources(), new Findings());
        Map<String, Blocked> blocked = new LinkedHashMap<>();
        Map<String, List<Resource>> trees = new HashMap<>();
        for (Resource a : infra.associations()) {
            String eks = infra.eksClusterOf(a);
            AwsOutputs o = infra.outputsOfEksCluster(eks);
            if (o == null || !(a.get(FieldPath.of("spec", "namespace")) instanceof String ns)
                    || !(a.get(FieldPath.of("spec", "serviceAccount")) instanceof String sa)) {
                continue; // INFRA001-INFRA003 and the schema report what is missing
            }
            List<Resource> tree = trees.computeIfAbsent(o.cluster(),
                    c -> infra.clusterTree(context.resources(), c));
            List<EgressPolicy> policies = tree.stream().filter(EgressPolicy::is).map(EgressPolicy::new)
                    .filter(p -> ns.equals(p.namespace()) && p.restrictsEgress()).toList();
            if (policies.isEmpty()) {
                continue;
            }
            String agent = ipv6(infra.clusters().get(eks)) ? AGENT_IPV6 : AGENT_IPV4;
            byte[] address = Cidr.address(agent);
            for (Workload w : Workload.of(tree, ns, sa, identity.chartSources(a))) {
                List<EgressPolicy> selecting = policies.stream().filter(p -> p.selects(w.labels())).toList();
                if (selecting.isEmpty() || selecting.stream().anyMatch(p -> p.allowsTcp(address, AGENT_PORT))) {
                    continue;
                }
                // the place to add the rule: a policy already reaching outside the cluster (an ipBlock), else
                // one with egress rules, else the first
                EgressPolicy target = selecting.stream().filter(EgressPolicy::reachesAddresses).findFirst()
                        .or(() -> selecting.stream().filter(EgressPolicy::hasEgressRules).findFirst())
                        .orElse(selecting.getFirst());
                String key = target.source().file().displayName() + "#" + target.source().documentIndex() + "#"
                        + target.source().itemIndex() + "|" + ns + "/" + sa + "|" + agent;
                Blocked b = blocked.computeIfAbsent(key, k -> new Blocked(target, new LinkedHashSet<>(),
                        ns + "/" + sa, agent, new LinkedHashSet<>(), new LinkedHashSet<>(), new ArrayList<>()));
                selecting.forEach(p -> b.policies().add(p.name()));
                if (b.workloads().add(w.display() + "@" + w.source().file().displayName())) {
                    b.related().add(Findings.location(w.source(), w.at(), w.display()));
                }
                if (b.associations().add(a.ref().name())) {
                    b.related().add(Findings.location(a, FieldPath.of("spec", "serviceAccount"),
                            "the association " + a.ref().name()));
                }
            }
        }
        blocked.values().forEach(b -> report(b, findings));
    }

    private static void report(Blocked b, Findings findings) {
        Resource policy = b.target().source();
        FieldPath at = b.target().hasEgressRules() ? FieldPath.of("spec", "egress") : FieldPath.of("spec", "policyTypes");
        String ns = b.account().substring(0, b.account().indexOf('/'));
        List<String> workloads = b.workloads().stream().map(w -> w.substring(0, w.lastIndexOf('@'))).distinct().toList();
        findings.at(AGENT_EGRESS, policy, at, "the pods of service account " + b.account() + " (" + String.join(", ",
                        workloads) + ") get AWS credentials through EKS Pod Identity (" + String.join(", ",
                        b.associations()) + "), but " + (b.policies().size() == 1 ? "the NetworkPolicy " : "the NetworkPolicies ")
                        + String.join(", ", b.policies()) + " of namespace " + ns + " restrict"
                        + (b.policies().size() == 1 ? "s" : "") + " their egress and none allows TCP " + AGENT_PORT + " to " + b.agent()
                        + ", where the Pod Identity agent on the node serves the credentials: every credential fetch"
                        + " of the AWS SDK times out and every AWS call of these pods fails",
                "add an egress rule to ipBlock " + b.agent() + (b.agent().contains(":") ? "/128" : "/32")
                        + " on TCP port " + AGENT_PORT + " (the agent runs on the node's host network)",
                List.copyOf(b.related()));
    }

    /** Whether the EKS cluster runs IPv6 ({@code spec.kubernetesNetworkConfig.ipFamily: ipv6}). */
    static boolean ipv6(Resource cluster) {
        return cluster != null && "ipv6".equalsIgnoreCase(String.valueOf(
                cluster.get(FieldPath.of("spec", "kubernetesNetworkConfig", "ipFamily"))));
    }

    /**
     * Pods running a service account: a workload of the tree (its pod template's labels), or the pods of a
     * Helm chart that creates the account (labels unknown, null).
     */
    record Workload(Resource source, FieldPath at, String display, Map<String, String> labels) {

        static List<Workload> of(List<Resource> tree, String ns, String sa, List<PodIdentity.ChartSource> charts) {
            List<Workload> out = new ArrayList<>();
            for (Resource r : tree) {
                FieldPath template = template(r);
                if (template == null || !ns.equals(r.ref().namespace()) || !(r.get(template) instanceof Map<?, ?>)) {
                    continue;
                }
                FieldPath spec = template.key("spec");
                Object name = r.get(spec.key("serviceAccountName"));
                if (name == null) {
                    name = r.get(spec.key("serviceAccount"));
                }
                if (sa.equals(name == null ? "default" : name)) {
                    out.add(new Workload(r, template, r.kind() + " " + ns + "/" + r.ref().name(),
                            labels(r.get(template.key("metadata").key("labels")))));
                }
            }
            for (PodIdentity.ChartSource cs : charts) {
                Object chart = cs.application().get(cs.source().key("chart"));
                out.add(new Workload(cs.application(), cs.source(), "Application " + cs.application().ref().name()
                        + (chart == null ? "" : " (chart " + chart + ")"), null));
            }
            return out;
        }

        /** The pod template of a workload kind (the Pod itself for a Pod), or null. */
        private static FieldPath template(Resource r) {
            String kind = r.kind() == null ? "" : r.kind();
            return switch (kind) {
                case "Deployment", "StatefulSet", "DaemonSet", "ReplicaSet", "Job", "Rollout" ->
                        FieldPath.of("spec", "template");
                case "CronJob" -> FieldPath.of("spec", "jobTemplate", "spec", "template");
                case "Pod" -> FieldPath.ROOT;
                default -> null;
            };
        }

        private static Map<String, String> labels(Object node) {
            Map<String, String> out = new LinkedHashMap<>();
            if (node instanceof Map<?, ?> m) {
                m.forEach((k, v) -> out.put(String.valueOf(k), String.valueOf(v)));
            }
            return out;
        }
    }
}
