package dev.gitops.validator.domain.cost;

import dev.gitops.validator.domain.traffic.Cluster;
import java.util.List;
import java.util.Set;

/**
 * What one cluster holds that costs money, as the tree says.
 *
 * @param cluster the cluster
 * @param eksClusters EKS clusters declared for it (infra layer)
 * @param nodeGroups managed node groups (fixed capacity beside Karpenter)
 * @param pools Karpenter NodePools
 * @param workloads workloads with pod requests, at the replicas they run with
 * @param albs Ingresses the AWS Load Balancer Controller turns into ALBs
 * @param acls WAF web ACLs
 * @param healthChecks Route 53 health checks
 * @param brokerVolumeGib persistent volume GiB of the RabbitMQ clusters (replicas times storage)
 * @param drainedInTree the cluster state says drained (its pools and own workloads are at 0)
 * @param weight its public weight in the tree (0..100)
 */
public record ClusterInventory(Cluster cluster, int eksClusters, List<NodeGroup> nodeGroups, List<Pool> pools,
                               List<Workload> workloads, List<Alb> albs, List<Acl> acls,
                               List<HealthCheck> healthChecks, double brokerVolumeGib, boolean drainedInTree,
                               int weight) {

    public ClusterInventory {
        nodeGroups = List.copyOf(nodeGroups);
        pools = List.copyOf(pools);
        workloads = List.copyOf(workloads);
        albs = List.copyOf(albs);
        acls = List.copyOf(acls);
        healthChecks = List.copyOf(healthChecks);
    }

    /**
     * This inventory as the other cluster's: what a shut-down cluster runs again once release has
     * restored its files from this one (the trees are mirror images).
     */
    public ClusterInventory mirroredTo(Cluster other) {
        return new ClusterInventory(other, eksClusters, nodeGroups, pools, workloads, albs, acls, healthChecks,
                brokerVolumeGib, false, 0);
    }

    /** Whether anything of it bills: the cluster, nodes, ALBs, web ACLs, health checks or volumes. */
    public boolean billable() {
        return eksClusters > 0 || !nodeGroups.isEmpty() || !pools.isEmpty() || !albs.isEmpty() || !acls.isEmpty()
                || !healthChecks.isEmpty() || brokerVolumeGib > 0;
    }

    /** A managed node group: instance type and desired size. */
    public record NodeGroup(String name, String instanceType, int desired) {
    }

    /**
     * A Karpenter NodePool: capacity type, weight, limits and the instance requirements the model prices.
     *
     * @param cpuLimit the {@code limits.cpu} in cores, null when unlimited
     * @param memoryLimitGib the {@code limits.memory} in GiB, null when unlimited
     * @param categories allowed instance categories (empty: any)
     * @param generationAbove instance generations above this are allowed (0: any)
     * @param archs allowed architectures (empty: any)
     * @param nodeVolumeGib EBS GiB each node gets from its EC2NodeClass (block device mappings)
     */
    public record Pool(String name, boolean spot, long weight, Double cpuLimit, Double memoryLimitGib,
                       Set<String> categories, int generationAbove, Set<String> archs, double nodeVolumeGib) {

        /** Whether Karpenter may launch the instance type in this pool. */
        public boolean allows(PriceBook.InstanceType t) {
            return (categories.isEmpty() || categories.contains(t.category())) && t.generation() > generationAbove
                    && (archs.isEmpty() || archs.contains(t.arch()));
        }
    }

    /**
     * Pods that need node capacity.
     *
     * @param replicas replicas it runs with (KEDA's minimum when a ScaledObject owns the count)
     * @param cpu CPU requested by one replica, cores
     * @param memoryGib memory requested by one replica, GiB
     * @param onDemand it selects on-demand capacity
     * @param scaledByDrain drain sets its replicas to 0 (it is one of the cluster's release capacities)
     */
    public record Workload(String kind, String name, long replicas, double cpu, double memoryGib, boolean onDemand,
                           boolean scaledByDrain) {
    }

    /** An ALB: internet-facing or internal, Shield Advanced protection, the web ACL it uses. */
    public record Alb(String name, boolean internetFacing, boolean shieldProtected, String webAcl) {
    }

    /** A web ACL: number of rules (a rule group counts as one) and whether it runs Bot Control. */
    public record Acl(String name, int rules, boolean botControl) {
    }

    /** A health check and its priced optional features (HTTPS, string matching, fast interval, latency). */
    public record HealthCheck(String name, int optionalFeatures) {
    }
}
