package dev.gitops.validator.domain.cost;

import dev.gitops.validator.domain.traffic.Cluster;
import dev.gitops.validator.domain.traffic.ClusterState;
import dev.gitops.validator.domain.traffic.ReleaseSettings;
import dev.gitops.validator.domain.traffic.TrafficTree;
import dev.gitops.validator.resource.Resource;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The cost of a tree: the platform's shared lines, each cluster in each state, and today's run rate
 * (the shared lines plus each cluster in the state the tree has it, at its public weight).
 */
public record CostReport(PriceBook prices, Assumptions assumptions, double hoursPerMonth, List<LineItem> shared,
                         List<ClusterCost> states, Map<Cluster, ClusterCost> today,
                         Map<Cluster, ClusterInventory> inventories) {

    public CostReport {
        shared = List.copyOf(shared);
        states = List.copyOf(states);
        inventories = java.util.Collections.unmodifiableMap(new EnumMap<>(inventories));
        today = java.util.Collections.unmodifiableMap(new EnumMap<>(today));
    }

    /** Reads the price and assumption files under root and costs the resources. */
    public static CostReport of(Path root, List<Resource> resources, ReleaseSettings settings, TrafficTree tree,
                                double hoursPerMonth) throws CostInputException {
        return of(PriceBook.read(root, PriceBook.DEFAULT_FILE), Assumptions.read(root, Assumptions.DEFAULT_FILE),
                resources, settings, tree, hoursPerMonth);
    }

    public static CostReport of(PriceBook prices, Assumptions assume, List<Resource> resources,
                                ReleaseSettings settings, TrafficTree tree, double hoursPerMonth)
            throws CostInputException {
        if (!(hoursPerMonth > 0 && hoursPerMonth <= 744)) {
            throw new CostInputException("hours per month must be above 0 and at most 744, not " + hoursPerMonth);
        }
        if (!tree.problems().isEmpty()) {
            throw new CostInputException("cannot read the cluster states: " + String.join("; ", tree.problems()));
        }
        TreeInventory reader = new TreeInventory(resources, settings);
        Map<Cluster, ClusterInventory> inv = reader.clusters(tree);
        SharedInventory shared = reader.shared();
        CostModel model = new CostModel(prices, assume, hoursPerMonth);
        List<ClusterCost> states = new ArrayList<>();
        Map<Cluster, ClusterCost> today = new EnumMap<>(Cluster.class);
        for (Cluster c : Cluster.values()) {
            ClusterInventory own = inv.get(c);
            ClusterInventory other = inv.get(c.other());
            ClusterState st = tree.state(c);
            // A drained cluster's pools have limits 0: what it runs is priced on the other's pools, unless
            // shutdown has removed them (then Karpenter runs nothing).
            ClusterInventory running = own.drainedInTree() && !st.shuttingDown() ? other : own;
            // The state table prices a shut-down cluster as release restores it: from the other's files.
            ClusterInventory whole = st.shuttingDown() ? other.mirroredTo(c) : own;
            ClusterInventory wholeRunning = st.shuttingDown() ? other : running;
            ClusterInventory down = st.shutDown() == ClusterState.Shutdown.DONE ? own
                    : reader.afterShutdown(c).cluster(tree, c);
            for (CostState s : CostState.values()) {
                states.add(s == CostState.SHUT_DOWN
                        ? model.cluster(down, down, s, model.traffic(s), shared.shieldAdvanced())
                        : model.cluster(whole, wholeRunning, s, model.traffic(s), shared.shieldAdvanced()));
            }
            CostState now = st.shutDown() == ClusterState.Shutdown.DONE ? CostState.SHUT_DOWN
                    : st.drained() ? CostState.DRAINED
                    : st.weight() == 0 && st.betaTarget() ? CostState.BETA : CostState.LIVE;
            CostModel.Traffic traffic = new CostModel.Traffic(assume.requestsPerMonth() * st.weight() / 100.0,
                    st.betaTarget() ? assume.requestsPerMonth() * assume.betaShare() : 0);
            today.put(c, model.cluster(own, running, now, traffic, shared.shieldAdvanced()));
        }
        return new CostReport(prices, assume, hoursPerMonth, SharedCosts.lines(shared, prices, assume, hoursPerMonth),
                states, today, inv);
    }

    public double sharedTotal() {
        return shared.stream().mapToDouble(LineItem::monthly).sum();
    }

    public ClusterCost of(Cluster c, CostState s) {
        return states.stream().filter(x -> x.cluster() == c && x.state() == s).findFirst().orElseThrow();
    }

    /** Today's monthly run rate: the shared lines plus each cluster as the tree has it. */
    public double runRate() {
        return sharedTotal() + today.values().stream().mapToDouble(ClusterCost::total).sum();
    }
}
