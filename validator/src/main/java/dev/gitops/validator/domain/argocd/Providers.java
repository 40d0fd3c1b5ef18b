package dev.gitops.validator.domain.argocd;

import dev.gitops.validator.domain.Kustomization;
import dev.gitops.validator.model.ArgoCd.Application;
import dev.gitops.validator.model.ArgoCd.Source;
import dev.gitops.validator.resource.Resource;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Which Application installs the CRD (and controller) of an API group: one whose rendered resources hold
 * the CustomResourceDefinition, or one that installs a known upstream chart or CRD repository (directly,
 * or as remote resources of a kustomization.yaml in one of its directory sources).
 */
final class Providers {

    /** Chart name (or remote git repository) to the API groups it installs; a kind list narrows a group. */
    private static final Map<String, List<String>> KNOWN = Map.ofEntries(
            Map.entry("argo-rollouts", List.of("argoproj.io/Rollout", "argoproj.io/AnalysisTemplate",
                    "argoproj.io/ClusterAnalysisTemplate", "argoproj.io/Experiment", "argoproj.io/AnalysisRun")),
            Map.entry("karpenter", List.of("karpenter.sh", "karpenter.k8s.aws")),
            Map.entry("keda", List.of("keda.sh")),
            Map.entry("external-secrets", List.of("external-secrets.io", "generators.external-secrets.io")),
            Map.entry("ingress", List.of("configuration.konghq.com")),
            Map.entry("kong", List.of("configuration.konghq.com")),
            Map.entry("wafv2-chart", List.of("wafv2.services.k8s.aws")),
            Map.entry("route53-chart", List.of("route53.services.k8s.aws")),
            Map.entry("s3-chart", List.of("s3.services.k8s.aws")),
            Map.entry("rabbitmq-cluster-operator", List.of("rabbitmq.com")),
            Map.entry("aws-load-balancer-controller", List.of("elbv2.k8s.aws")),
            Map.entry("external-dns", List.of("externaldns.k8s.io")),
            Map.entry("cert-manager", List.of("cert-manager.io", "acme.cert-manager.io")),
            Map.entry("kubernetes-sigs/gateway-api", List.of("gateway.networking.k8s.io")),
            Map.entry("rabbitmq/cluster-operator", List.of("rabbitmq.com/RabbitmqCluster")),
            Map.entry("rabbitmq/messaging-topology-operator", List.of("rabbitmq.com")));

    private static final Set<String> BUILT_IN = Set.of("", "apps", "batch", "policy", "autoscaling",
            "networking.k8s.io", "rbac.authorization.k8s.io", "storage.k8s.io", "scheduling.k8s.io",
            "coordination.k8s.io", "discovery.k8s.io", "node.k8s.io", "admissionregistration.k8s.io",
            "apiextensions.k8s.io", "certificates.k8s.io", "flowcontrol.apiserver.k8s.io");

    private final Path root;
    private final AppGraph graph;
    /** The remote repositories of each directory source's kustomization.yaml, read once per run. */
    private final Map<String, List<String>> remoteRepos = new HashMap<>();

    /**
     * @param root  the repository root, where directory sources' kustomization files are read
     * @param graph the run's Applications
     */
    Providers(Path root, AppGraph graph) {
        this.root = root;
        this.graph = graph;
    }

    static boolean isBuiltIn(String group) {
        return BUILT_IN.contains(group);
    }

    /** Whether the Application installs the CRD of group/kind. */
    boolean provides(Application app, String group, String kind) {
        for (Resource r : graph.contentOf(app)) {
            if ("CustomResourceDefinition".equals(r.kind()) && group.equals(r.get("spec.group"))) {
                Object k = r.get("spec.names.kind");
                if (kind.equals(k)) {
                    return true;
                }
            }
        }
        for (Source s : app.spec().effectiveSources()) {
            List<String> keys = s.isChart() ? List.of(s.chart())
                    : graph.isLocal(s) ? remoteRepos.computeIfAbsent(String.valueOf(s.path()), dir -> remoteRepos(root, dir))
                    : List.of(String.valueOf(repoName(s.repoURL())));
            for (String key : keys) {
                for (String g : KNOWN.getOrDefault(key, List.of())) {
                    if (g.equals(group) || g.equals(group + "/" + kind)) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    /** owner/repo of the GitHub URLs a directory source's kustomization lists as resources. */
    private static List<String> remoteRepos(Path root, String dir) {
        if (root == null || dir == null) {
            return List.of();
        }
        List<String> out = new ArrayList<>();
        for (String url : Kustomization.read(root.resolve(dir)).resources()) {
            if (url.startsWith("https://github.com/")) {
                String[] segs = url.substring("https://github.com/".length()).split("/");
                if (segs.length >= 2) {
                    out.add(segs[0] + "/" + segs[1]);
                }
            }
        }
        return out;
    }

    private static String repoName(String url) {
        if (url == null) {
            return null;
        }
        String u = url.endsWith(".git") ? url.substring(0, url.length() - 4) : url;
        String[] parts = u.split("/");
        return parts.length >= 2 ? parts[parts.length - 2] + "/" + parts[parts.length - 1] : u;
    }
}
