package dev.gitops.validator.domain.cost;

import dev.gitops.validator.domain.cost.ClusterInventory.Pool;
import dev.gitops.validator.domain.cost.ClusterInventory.Workload;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * Prices Karpenter capacity. The expected figure packs the requests of the workloads a pool carries
 * onto the cheapest instance family the pool allows (fractional nodes: a lower bound that ignores
 * daemon sets and bin-packing waste); spot pools at the assumed spot share of on-demand. The ceiling
 * fills the pool's {@code limits} with the most expensive family it allows, at on-demand prices
 * (a spot price never exceeds on-demand). Each node also pays the gp3 volumes of its EC2NodeClass.
 */
final class NodeCapacity {

    private final PriceBook prices;
    private final double spotShare;
    private final double hours;

    NodeCapacity(PriceBook prices, double spotShare, double hours) {
        this.prices = prices;
        this.spotShare = spotShare;
        this.hours = hours;
    }

    /** The pool a workload lands on: on-demand ones on the heaviest non-spot pool, others on the heaviest pool. */
    static Pool placement(List<Pool> pools, Workload w) {
        return pools.stream().filter(p -> !w.onDemand() || !p.spot()).max(Comparator.comparingLong(Pool::weight))
                .orElse(null);
    }

    /** Nodes of one instance type and what they cost a month, instances and their EBS volumes. */
    record Fit(String instanceType, double nodes, double usd) {
    }

    /** The expected cost of a pool carrying {@code cpu} cores and {@code memoryGib} GiB of requests. */
    Fit expected(Pool pool, double cpu, double memoryGib) throws CostInputException {
        if (cpu == 0 && memoryGib == 0) {
            return new Fit("-", 0, 0);
        }
        Fit best = null;
        for (PriceBook.InstanceType t : allowed(pool)) {
            double nodes = Math.max(cpu / t.vcpu(), memoryGib / t.memoryGiB());
            double usd = nodes * t.usdPerHour() * (pool.spot() ? spotShare : 1) * hours + volumes(pool, nodes);
            if (best == null || usd < best.usd()) {
                best = new Fit(t.name(), nodes, usd);
            }
        }
        return best;
    }

    /** The cost of a pool filled to its limits with the most expensive instance type it allows. */
    Fit ceiling(Pool pool) throws CostInputException {
        if (pool.cpuLimit() == null && pool.memoryLimitGib() == null) {
            throw new CostInputException("NodePool " + pool.name() + " has no limits: its cost has no ceiling");
        }
        Fit worst = null;
        for (PriceBook.InstanceType t : allowed(pool)) {
            double byCpu = pool.cpuLimit() == null ? Double.MAX_VALUE : pool.cpuLimit() / t.vcpu();
            double byMem = pool.memoryLimitGib() == null ? Double.MAX_VALUE : pool.memoryLimitGib() / t.memoryGiB();
            double nodes = Math.min(byCpu, byMem);
            double usd = nodes * t.usdPerHour() * hours + volumes(pool, nodes);
            if (worst == null || usd > worst.usd()) {
                worst = new Fit(t.name(), nodes, usd);
            }
        }
        return worst;
    }

    private double volumes(Pool pool, double nodes) throws CostInputException {
        return pool.nodeVolumeGib() == 0 ? 0 : nodes * pool.nodeVolumeGib() * prices.usd("ebs.gp3.gb.month");
    }

    private List<PriceBook.InstanceType> allowed(Pool pool) throws CostInputException {
        List<PriceBook.InstanceType> types = prices.instanceTypes().stream().filter(pool::allows).toList();
        if (types.isEmpty()) {
            throw new CostInputException(prices.file() + ": no priced instance type fits NodePool " + pool.name()
                    + " (categories " + pool.categories() + ", generation > " + pool.generationAbove() + ", arch "
                    + pool.archs() + ")");
        }
        return types;
    }

    static String describe(double cpu, double memoryGib) {
        return String.format(Locale.ROOT, "%.2f cores, %.1f GiB", cpu, memoryGib);
    }

    static String describe(Fit f) {
        return String.format(Locale.ROOT, "%.2f x %s = %s", f.nodes(), f.instanceType(), CostModel.money(f.usd()));
    }
}
