package dev.gitops.validator.domain.cost;

import dev.gitops.validator.domain.cost.ClusterInventory.Pool;
import dev.gitops.validator.domain.cost.ClusterInventory.Workload;
import dev.gitops.validator.domain.traffic.Cluster;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The platform's approaches side by side, as an average month over sprint cycles: a sprint lasts
 * {@code sprintDays}, of which {@code betaDays} have the next sprint in beta beside the live one.
 * <ul>
 * <li>standalone VMs: the live workloads on whole on-demand instances of the cheapest priced type,
 *     no EKS; the beta copy of the release workloads on VMs of its own during the beta window;</li>
 * <li>one EKS cluster: the live cluster all month, the beta copy of the release workloads inside it
 *     during the beta window;</li>
 * <li>two clusters, drained: live all month; the other cluster in beta during the window and drained
 *     for the rest of the sprint (what {@code ./gitops drain} leaves);</li>
 * <li>two clusters, shut down: as above, shut down instead of drained outside the window.</li>
 * </ul>
 * Every option pays the shared lines (Shield, NAT gateways, zones, storage).
 */
public final class Comparison {

    /** One approach: its average monthly cost and how it was computed. */
    public record Option(String id, String title, double monthly, String how) {
    }

    private Comparison() {
    }

    public static List<Option> of(CostReport report, int sprintDays, int betaDays) throws CostInputException {
        if (sprintDays < 1 || betaDays < 0 || betaDays > sprintDays) {
            throw new CostInputException("a sprint lasts at least 1 day and its beta window 0 to " + sprintDays
                    + " days, not " + betaDays + " of " + sprintDays);
        }
        Cluster ref = reference(report);
        double b = (double) betaDays / sprintDays;
        double shared = report.sharedTotal();
        ClusterCost live = report.of(ref, CostState.LIVE);
        ClusterCost beta = report.of(ref, CostState.BETA);
        ClusterCost drained = report.of(ref, CostState.DRAINED);
        ClusterCost down = report.of(ref, CostState.SHUT_DOWN);
        double releasePods = live.line("node-pools").monthly() - drained.line("node-pools").monthly();
        List<Option> out = new ArrayList<>();
        double vms = vms(report, ref, false);
        double betaVms = vms(report, ref, true);
        double vmEdge = live.total() - sum(live, "eks", "system-nodes", "node-pools");
        out.add(new Option("vms", "standalone VMs", shared + vms + vmEdge + b * betaVms, CostModel.fmt(
                "shared %.2f + live workloads on VMs %.2f + edge, volumes, NAT, DNS %.2f + %d/%d x beta VMs %.2f",
                shared, vms, vmEdge, betaDays, sprintDays, betaVms)));
        out.add(new Option("one-cluster", "one EKS cluster, beta in a namespace", shared + live.total() + b * releasePods,
                CostModel.fmt("shared %.2f + live cluster %.2f + %d/%d x beta copy of the release pods %.2f", shared,
                        live.total(), betaDays, sprintDays, releasePods)));
        out.add(new Option("two-clusters-drained", "two EKS clusters, the idle one drained",
                shared + live.total() + b * beta.total() + (1 - b) * drained.total(), CostModel.fmt(
                        "shared %.2f + live %.2f + %d/%d x beta %.2f + %d/%d x drained %.2f", shared, live.total(),
                        betaDays, sprintDays, beta.total(), sprintDays - betaDays, sprintDays, drained.total())));
        out.add(new Option("two-clusters-shut-down", "two EKS clusters, the idle one shut down",
                shared + live.total() + b * beta.total() + (1 - b) * down.total(), CostModel.fmt(
                        "shared %.2f + live %.2f + %d/%d x beta %.2f + %d/%d x shut down %.2f", shared, live.total(),
                        betaDays, sprintDays, beta.total(), sprintDays - betaDays, sprintDays, down.total())));
        return out;
    }

    /** The cluster the figures are taken from: the one with the most public weight. */
    static Cluster reference(CostReport report) {
        Cluster best = Cluster.EVEN;
        for (Cluster c : Cluster.values()) {
            if (report.inventories().get(c).weight() > report.inventories().get(best).weight()) {
                best = c;
            }
        }
        return best;
    }

    /**
     * Whole on-demand instances of the cheapest priced type (any family) carrying the live workloads,
     * or only the release workloads (those drain scales) for the beta copy, with their node volumes.
     */
    static double vms(CostReport report, Cluster ref, boolean releaseOnly) throws CostInputException {
        ClusterInventory own = report.inventories().get(ref);
        ClusterInventory running = own.drainedInTree() ? report.inventories().get(ref.other()) : own;
        double cpu = 0;
        double mem = 0;
        for (Workload w : running.workloads()) {
            if (!releaseOnly || w.scaledByDrain()) {
                cpu += w.replicas() * w.cpu();
                mem += w.replicas() * w.memoryGib();
            }
        }
        double volume = running.pools().stream().mapToDouble(Pool::nodeVolumeGib).max().orElse(0);
        Pool any = new Pool("vms", false, 0, null, null, Set.of(), 0, Set.of(), volume);
        double best = Double.MAX_VALUE;
        for (PriceBook.InstanceType t : report.prices().instanceTypes()) {
            if (any.allows(t)) {
                double n = Math.ceil(Math.max(cpu / t.vcpu(), mem / t.memoryGiB()) - 1e-9);
                best = Math.min(best, n * (t.usdPerHour() * report.hoursPerMonth()
                        + volume * report.prices().usd("ebs.gp3.gb.month")));
            }
        }
        return best == Double.MAX_VALUE ? 0 : best;
    }

    private static double sum(ClusterCost c, String... ids) {
        double s = 0;
        for (String id : ids) {
            s += c.line(id).monthly();
        }
        return s;
    }
}
