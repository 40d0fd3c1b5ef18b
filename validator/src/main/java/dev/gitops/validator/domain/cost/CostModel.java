package dev.gitops.validator.domain.cost;

import dev.gitops.validator.domain.cost.ClusterInventory.Acl;
import dev.gitops.validator.domain.cost.ClusterInventory.Alb;
import dev.gitops.validator.domain.cost.ClusterInventory.NodeGroup;
import dev.gitops.validator.domain.cost.ClusterInventory.Pool;
import dev.gitops.validator.domain.cost.ClusterInventory.Workload;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The monthly lines of one cluster in one state. Every state has the same lines, so states compare
 * line by line; a line a state does not pay is 0 with the reason in its basis.
 */
public final class CostModel {

    /** Lines a cluster has in every state, in order. */
    public static final List<String> CLUSTER_LINES = List.of("eks", "system-nodes", "node-pools", "albs", "waf",
            "rabbitmq-volumes", "nat-data", "route53-health-checks", "route53-queries");

    private final PriceBook prices;
    private final Assumptions assume;
    private final double hours;
    private final NodeCapacity capacity;

    public CostModel(PriceBook prices, Assumptions assumptions, double hoursPerMonth) {
        this.prices = prices;
        this.assume = assumptions;
        this.hours = hoursPerMonth;
        this.capacity = new NodeCapacity(prices, assumptions.spotShare(), hoursPerMonth);
    }

    /** Requests a month on the public and on the internal (beta) ALBs. */
    public record Traffic(double publicRequests, double betaRequests) {
    }

    /** The traffic of a state in the state table: all public weight when live, beta traffic when beta. */
    public Traffic traffic(CostState state) {
        return switch (state) {
            case LIVE -> new Traffic(assume.requestsPerMonth(), 0);
            case BETA -> new Traffic(0, assume.requestsPerMonth() * assume.betaShare());
            case DRAINED, SHUT_DOWN -> new Traffic(0, 0);
        };
    }

    /**
     * The lines of a cluster.
     *
     * @param own the cluster's inventory
     * @param running where its running capacity is read: itself, or the other cluster when the tree has
     *     it drained (release restores a drained cluster's capacities from the other cluster)
     * @param shieldSubscribed the organization subscribes to Shield Advanced
     */
    public ClusterCost cluster(ClusterInventory own, ClusterInventory running, CostState state, Traffic traffic,
                               boolean shieldSubscribed) throws CostInputException {
        boolean serving = state == CostState.LIVE || state == CostState.BETA;
        // After shutdown the inventory is the tree without what shutdown removes: each line is priced
        // from what is left, so a resource shutdown would not remove still shows.
        boolean down = state == CostState.SHUT_DOWN;
        boolean up = !down || own.eksClusters() > 0;
        String gone = "removed by shutdown";
        List<LineItem> lines = new ArrayList<>();
        double eks = own.eksClusters() * prices.usd("eks.cluster.hour") * hours;
        lines.add(LineItem.of("eks", "EKS control plane", eks, down && eks == 0 ? gone
                : own.eksClusters() + " cluster(s) x " + money(prices.usd("eks.cluster.hour")) + "/h"));
        double system = 0;
        List<String> groups = new ArrayList<>();
        for (NodeGroup g : own.nodeGroups()) {
            system += g.desired() * prices.instanceHour(g.instanceType()) * hours;
            groups.add(g.desired() + " x " + g.instanceType());
        }
        lines.add(LineItem.of("system-nodes", "Managed node group (system)", system,
                groups.isEmpty() ? (down ? gone : "no managed node group") : String.join(", ", groups) + " on-demand"));
        lines.add(!serving && running.pools().isEmpty() ? LineItem.of("node-pools", "Karpenter node pools", 0,
                down ? gone + " (its NodePools go first; Karpenter terminates their nodes)"
                        : "no NodePool in the tree: Karpenter launches nothing and removed the nodes it had")
                : pools(own, running, serving));
        lines.add(albs(own, traffic, down));
        lines.add(waf(own, traffic, down, shieldSubscribed));
        double gp3 = prices.usd("ebs.gp3.gb.month");
        lines.add(LineItem.of("rabbitmq-volumes", "RabbitMQ volumes (gp3)", own.brokerVolumeGib() * gp3,
                down && own.brokerVolumeGib() == 0 ? gone + " (queues drained before the cluster is deleted)"
                        : fmt("%.0f GiB x %s/GB-month", own.brokerVolumeGib(), money(gp3))));
        double natGb = !up ? 0 : serving ? assume.natGbRunning() : assume.natGbIdle();
        lines.add(LineItem.of("nat-data", "NAT data processed", natGb * prices.usd("nat.gb"),
                fmt("%.0f GB x %s/GB", natGb, money(prices.usd("nat.gb")))));
        double checks = 0;
        for (ClusterInventory.HealthCheck h : own.healthChecks()) {
            checks += prices.usd("route53.healthcheck.month")
                    + h.optionalFeatures() * prices.usd("route53.healthcheck.feature.month");
        }
        lines.add(LineItem.of("route53-health-checks", "Route 53 health checks", checks,
                down && own.healthChecks().isEmpty() ? gone + " (with the cluster's half of the weighted record)"
                        : own.healthChecks().size() + " check(s)"));
        double queries = traffic.publicRequests() * assume.dnsQueriesPerMillionRequests() / 1e6;
        lines.add(LineItem.of("route53-queries", "Route 53 queries (public weighted name)",
                queries / 1e6 * prices.usd("route53.queries.million"), fmt("%.2f million queries", queries / 1e6)));
        return new ClusterCost(own.cluster(), state, lines);
    }

    private LineItem pools(ClusterInventory own, ClusterInventory running, boolean serving) throws CostInputException {
        List<Pool> pools = running.pools();
        Map<Pool, double[]> load = new LinkedHashMap<>();
        pools.forEach(p -> load.put(p, new double[2]));
        List<Workload> workloads = serving ? running.workloads()
                : own.workloads().stream().filter(w -> !w.scaledByDrain()).toList();
        for (Workload w : workloads) {
            Pool p = NodeCapacity.placement(pools, w);
            if (p == null) {
                throw new CostInputException("cluster " + own.cluster() + ": no NodePool can carry " + w.kind() + " "
                        + w.name());
            }
            load.get(p)[0] += w.replicas() * w.cpu();
            load.get(p)[1] += w.replicas() * w.memoryGib();
        }
        double expected = 0;
        double ceiling = 0;
        List<String> basis = new ArrayList<>();
        for (Map.Entry<Pool, double[]> e : load.entrySet()) {
            Pool p = e.getKey();
            NodeCapacity.Fit x = capacity.expected(p, e.getValue()[0], e.getValue()[1]);
            NodeCapacity.Fit c = serving ? capacity.ceiling(p) : x;
            expected += x.usd();
            ceiling += c.usd();
            basis.add(p.name() + (p.spot() ? " (spot)" : " (on-demand)") + ": requests "
                    + NodeCapacity.describe(e.getValue()[0], e.getValue()[1]) + " -> " + NodeCapacity.describe(x)
                    + (serving ? "; limits " + p.cpuLimit() + " cores/" + p.memoryLimitGib() + " GiB -> at most "
                    + NodeCapacity.describe(c) : "; limits 0: no new nodes"));
        }
        String source = running == own ? "" : " (capacity of " + running.cluster() + ", which release restores)";
        return new LineItem("node-pools", "Karpenter node pools", expected, Math.max(expected, ceiling),
                String.join("; ", basis) + source);
    }

    private double albRequests(Alb alb, Traffic t) {
        return alb.internetFacing() ? t.publicRequests() : t.betaRequests();
    }

    private LineItem albs(ClusterInventory own, Traffic t, boolean down) throws CostInputException {
        if (down && own.albs().isEmpty()) {
            return LineItem.of("albs", "Application Load Balancers", 0, "removed by shutdown (deletion protection "
                    + "turned off first)");
        }
        double total = 0;
        double lcuHours = 0;
        for (Alb alb : own.albs()) {
            double perHour = albRequests(alb, t) / hours;
            double gbPerHour = perHour * assume.kilobytesPerRequest() / 1e6;
            double newConnPerSecond = perHour / 3600 / assume.requestsPerConnection();
            double lcu = Math.max(gbPerHour, newConnPerSecond / 25);
            lcuHours += lcu * hours;
            total += (prices.usd("alb.hour") + lcu * prices.usd("alb.lcu.hour")) * hours;
        }
        return LineItem.of("albs", "Application Load Balancers", total, fmt("%d ALB(s) x %s/h + %.0f LCU-hours x %s",
                own.albs().size(), money(prices.usd("alb.hour")), lcuHours, money(prices.usd("alb.lcu.hour"))));
    }

    private LineItem waf(ClusterInventory own, Traffic t, boolean down, boolean shield) throws CostInputException {
        if (down && own.acls().isEmpty()) {
            return LineItem.of("waf", "WAF web ACLs", 0, "removed by shutdown (no ALB left to protect)");
        }
        double total = 0;
        List<String> basis = new ArrayList<>();
        for (Acl acl : own.acls()) {
            List<Alb> using = own.albs().stream().filter(a -> acl.name().equals(a.webAcl())).toList();
            boolean covered = shield && !using.isEmpty() && using.stream().allMatch(Alb::shieldProtected);
            double fixed = covered ? 0 : prices.usd("waf.webacl.month") + acl.rules() * prices.usd("waf.rule.month");
            double inspected = 0;
            double charged = 0;
            for (Alb a : using) {
                inspected += albRequests(a, t);
                charged += shield && a.shieldProtected() ? 0 : albRequests(a, t);
            }
            double bot = 0;
            if (acl.botControl()) {
                double free = prices.free("waf.botcontrol.requests.million");
                bot = prices.usd("waf.botcontrol.month")
                        + Math.max(0, inspected - free) / 1e6 * prices.usd("waf.botcontrol.requests.million");
            }
            total += fixed + charged / 1e6 * prices.usd("waf.requests.million") + bot;
            basis.add(fmt("%s: %s + %d rules%s, %.1f M requests (%.1f M charged), Bot Control %s", acl.name(),
                    covered ? "covered by Shield Advanced" : "web ACL", acl.rules(), covered ? " covered" : "",
                    inspected / 1e6, charged / 1e6, acl.botControl() ? money(bot) : "no"));
        }
        return LineItem.of("waf", "WAF web ACLs", total, String.join("; ", basis));
    }

    static String money(double usd) {
        return usd < 1 ? fmt("$%.4f", usd) : fmt("$%.2f", usd);
    }

    static String fmt(String format, Object... args) {
        return String.format(Locale.ROOT, format, args);
    }
}
