package dev.gitops.validator.domain.traffic;

import java.util.Collection;
import java.util.Map;
import java.util.TreeMap;

/**
 * The public traffic split between the clusters, by cluster name. Weights are the cluster-state weights
 * (0..100, summing to 100); the same numbers are written into the clusters' weighted Route 53 records.
 */
public record TrafficWeights(Map<String, Integer> byCluster) {

    public TrafficWeights {
        byCluster = Map.copyOf(byCluster);
    }

    public static TrafficWeights of(Collection<ClusterState> states) {
        Map<String, Integer> m = new TreeMap<>();
        for (ClusterState s : states) {
            m.put(s.cluster(), s.weight());
        }
        return new TrafficWeights(m);
    }

    public int weightOf(String cluster) {
        return byCluster.getOrDefault(cluster, 0);
    }

    public int total() {
        return byCluster.values().stream().mapToInt(Integer::intValue).sum();
    }

    /** True when the weights sum to 100, as the contract requires. */
    public boolean isComplete() {
        return total() == ClusterState.MAX_WEIGHT;
    }

    /**
     * The share of public traffic a cluster receives as Route 53 computes it: weight / sum, and an equal
     * split when every weight is 0.
     */
    public double shareOf(String cluster) {
        int total = total();
        if (total == 0) {
            return byCluster.isEmpty() ? 0 : 1.0 / byCluster.size();
        }
        return (double) weightOf(cluster) / total;
    }

    /** Moves {@code amount} of weight from one cluster to the other (bounded to 0..100 each). */
    public TrafficWeights shift(String from, String to, int amount) {
        int moved = Math.min(amount, weightOf(from));
        moved = Math.min(moved, ClusterState.MAX_WEIGHT - weightOf(to));
        Map<String, Integer> m = new TreeMap<>(byCluster);
        m.put(from, weightOf(from) - moved);
        m.put(to, weightOf(to) + moved);
        return new TrafficWeights(m);
    }
}
