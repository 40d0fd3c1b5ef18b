package dev.gitops.validator.domain.infra;

import dev.gitops.validator.check.CheckContext;
import dev.gitops.validator.domain.Topology;
import dev.gitops.validator.resource.Resource;
import dev.gitops.validator.source.FieldPath;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The infrastructure layer as the domain checks see it: the ACK resources under the infrastructure paths
 * ({@code infra:} {@code paths:} in .gitops-validator.yaml, default {@code infra}) that name AWS resources
 * the clusters use, and each cluster's recorded outputs ({@code clusters/<c>/aws-outputs.yaml}).
 *
 * @param resources every resource under the infrastructure paths
 * @param roles IAM role name to its {@code Role}
 * @param queues SQS queue name to its {@code Queue}
 * @param clusters EKS cluster name to its {@code Cluster}
 * @param associations the EKS {@code PodIdentityAssociation}s
 * @param outputs cluster to its recorded outputs
 * @param topology which clusters each resource of the run deploys to
 * @param paths the infrastructure paths
 */
public record InfraLayer(List<Resource> resources, Map<String, Resource> roles, Map<String, Resource> queues,
                         Map<String, Resource> clusters, List<Resource> associations, Map<String, AwsOutputs> outputs,
                         Topology topology, List<String> paths) {

    public static final List<String> DEFAULT_PATHS = List.of("infra");

    /** Whether the repository has an infrastructure layer at all. */
    public boolean present() {
        return !resources.isEmpty();
    }

    /** The layer of a check's run: its resources, the configured infrastructure paths and the run's topology. */
    public static InfraLayer of(CheckContext context) {
        return of(context.resources(), Topology.of(context.config(), context.resources()),
                InfraCheck.paths(context.config()));
    }

    public static InfraLayer of(List<Resource> all, Topology topology, List<String> paths) {
        List<Resource> infra = new ArrayList<>();
        Map<String, Resource> roles = new LinkedHashMap<>();
        Map<String, Resource> queues = new LinkedHashMap<>();
        Map<String, Resource> clusters = new LinkedHashMap<>();
        List<Resource> associations = new ArrayList<>();
        Map<String, AwsOutputs> outputs = new TreeMap<>();
        for (Resource r : all) {
            AwsOutputs o = AwsOutputs.read(r, topology);
            if (o != null) {
                outputs.putIfAbsent(o.cluster(), o);
            }
            if (!under(r, paths)) {
                continue;
            }
            infra.add(r);
            String group = r.ref().group();
            String kind = r.kind();
            if ("iam.services.k8s.aws".equals(group) && "Role".equals(kind)) {
                put(roles, r, "name");
            } else if ("sqs.services.k8s.aws".equals(group) && "Queue".equals(kind)) {
                put(queues, r, "queueName");
            } else if ("eks.services.k8s.aws".equals(group) && "Cluster".equals(kind)) {
                put(clusters, r, "name");
            } else if ("eks.services.k8s.aws".equals(group) && "PodIdentityAssociation".equals(kind)) {
                associations.add(r);
            }
        }
        return new InfraLayer(List.copyOf(infra), roles, queues, clusters, List.copyOf(associations), outputs,
                topology, List.copyOf(paths));
    }

    /** What cluster {@code cluster} deploys from its own tree: its resources among {@code all} outside this layer's paths. */
    public List<Resource> clusterTree(List<Resource> all, String cluster) {
        return clusterTree(all, topology, paths, cluster);
    }

    /** What cluster {@code cluster} deploys from its own tree: its resources outside the infrastructure paths. */
    public static List<Resource> clusterTree(List<Resource> all, Topology topology, List<String> paths, String cluster) {
        return all.stream().filter(r -> topology.clustersOf(r).contains(cluster) && !under(r, paths)).toList();
    }

    /** Whether a resource lies under the infrastructure paths. */
    public static boolean under(Resource r, List<String> paths) {
        String p = Topology.path(r);
        return paths.stream().anyMatch(x -> p.equals(x) || p.startsWith(x.endsWith("/") ? x : x + "/"));
    }

    /**
     * The cluster an infrastructure resource belongs to: the folder after a {@code clusters} segment of its
     * path ({@code infra/aws/clusters/even/eks.yaml} → even), or null for the shared resources.
     */
    public static String clusterOf(Resource r) {
        String[] parts = Topology.path(r).split("/");
        for (int i = 0; i + 2 < parts.length; i++) {
            if (parts[i].equals("clusters")) {
                return parts[i + 1];
            }
        }
        return null;
    }

    /** The EKS cluster name a resource names, by {@code spec.clusterName} or {@code spec.clusterRef}. */
    public String eksClusterOf(Resource r) {
        if (r.get(FieldPath.of("spec", "clusterName")) instanceof String s) {
            return s;
        }
        if (r.get(FieldPath.of("spec", "clusterRef", "from", "name")) instanceof String ref) {
            Resource c = clusters.values().stream().filter(x -> ref.equals(x.ref().name())).findFirst().orElse(null);
            return c == null ? null : String.valueOf(c.get(FieldPath.of("spec", "name")));
        }
        return null;
    }

    /** The outputs of the cluster whose EKS cluster has this name, or null. */
    public AwsOutputs outputsOfEksCluster(String name) {
        return outputs.values().stream().filter(o -> name != null && name.equals(o.get("clusterName"))).findFirst()
                .orElse(null);
    }

    private static void put(Map<String, Resource> map, Resource r, String field) {
        if (r.get(FieldPath.of("spec", field)) instanceof String name) {
            map.putIfAbsent(name, r);
        }
    }
}
