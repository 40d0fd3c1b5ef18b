package dev.gitops.validator.release;

import dev.gitops.validator.resource.Resource;
import dev.gitops.validator.source.FieldPath;

/**
 * The release state of one cluster, read from its {@code cluster-state} ConfigMap
 * ({@code clusters/<cluster>/cluster-state.yaml}; see docs/gitops-tree.md).
 *
 * @param cluster the cluster ({@code data.cluster})
 * @param sprint the sprint deployed there
 * @param weight the public Route 53 weight, 0..100
 * @param betaTarget beta testers reach this cluster on the internal domain
 * @param betaValidated the sprint passed beta; only then may public weight move here
 * @param drained workloads and node pools are scaled down; the weight must be 0
 * @param resource the ConfigMap, for positions and edits
 */
public record ClusterState(Cluster cluster, int sprint, int weight, boolean betaTarget, boolean betaValidated,
                           boolean drained, Resource resource) {

    public static final String NAME = "cluster-state";
    public static final String CLUSTER = "cluster";
    public static final String SPRINT = "sprint";
    public static final String WEIGHT = "weight";
    public static final String BETA_TARGET = "betaTarget";
    public static final String BETA_VALIDATED = "betaValidated";
    public static final String DRAINED = "drained";

    /** The path of a field of the state inside the ConfigMap. */
    public static FieldPath field(String key) {
        return FieldPath.of("data", key);
    }

    /** Whether a resource is a cluster-state ConfigMap. */
    public static boolean isClusterState(Resource r) {
        return "ConfigMap".equals(r.kind()) && "v1".equals(r.apiVersion()) && NAME.equals(r.get("metadata.name"));
    }

    /** The file the state was read from, relative to the repository root. */
    public String file() {
        return resource.file().displayName();
    }

    /** Serving public traffic. */
    public boolean serving() {
        return weight > 0;
    }
}
