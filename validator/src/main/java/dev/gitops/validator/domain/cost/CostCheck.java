package dev.gitops.validator.domain.cost;

import static dev.gitops.validator.finding.Rule.error;
import static dev.gitops.validator.finding.Rule.warning;

import dev.gitops.validator.check.Check;
import dev.gitops.validator.check.CheckContext;
import dev.gitops.validator.check.Findings;
import dev.gitops.validator.config.ConfigSection;
import dev.gitops.validator.domain.traffic.Cluster;
import dev.gitops.validator.domain.traffic.ClusterState;
import dev.gitops.validator.domain.traffic.ReleaseSettings;
import dev.gitops.validator.domain.traffic.TrafficTree;
import dev.gitops.validator.finding.Rule;
import dev.gitops.validator.source.FieldPath;
import java.time.Clock;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What the release state costs: both clusters running past the beta window (COST001), a drained
 * cluster still holding what shutdown removes past {@code release.shutdownAfterDays} (COST002). The
 * dates are the cluster-state annotations the release commands set: {@code gitops.dev/beta-since}
 * (release) and {@code gitops.dev/drained-since} (drain). A state without its date is not judged.
 */
public final class CostCheck implements Check {

    public static final String CATEGORY = "cost";
    public static final Rule BOTH_RUNNING = warning("COST001", CATEGORY);
    public static final Rule DRAINED_BILLING = error("COST002", CATEGORY);
    public static final String BETA_SINCE = "gitops.dev/beta-since";
    public static final String DRAINED_SINCE = "gitops.dev/drained-since";

    private final Clock clock;

    public CostCheck() {
        this(Clock.systemUTC());
    }

    /** A check whose notion of today comes from the clock. */
    public CostCheck(Clock clock) {
        this.clock = clock;
    }

    @Override
    public List<Rule> rules() {
        return List.of(BOTH_RUNNING, DRAINED_BILLING);
    }

    @Override
    public List<ConfigSection<?>> configSections() {
        return List.of(ReleaseSettings.SECTION);
    }

    @Override
    public void run(CheckContext context, Findings findings) {
        ReleaseSettings settings = ReleaseSettings.ifReadable(context.config()).orElse(null);
        if (settings == null) {
            return;
        }
        ReleaseSettings.Section section = context.config().settings(ReleaseSettings.SECTION);
        TrafficTree tree = TrafficTree.of(context.root(), context.resources(), settings);
        if (!tree.problems().isEmpty()) {
            return; // the TRAFFIC rules report an unreadable state
        }
        LocalDate today = LocalDate.now(clock);
        bothRunning(tree, section.betaWindowDays(), today, findings);
        drained(context, settings, tree, section.shutdownAfterDays(), today, findings);
    }

    private static void bothRunning(TrafficTree tree, int window, LocalDate today, Findings f) {
        ClusterState newer = null;
        LocalDate since = null;
        if (tree.state(Cluster.EVEN).drained() || tree.state(Cluster.ODD).drained()) {
            return;
        }
        for (Cluster c : Cluster.values()) {
            ClusterState s = tree.state(c);
            LocalDate d = date(s, BETA_SINCE, BOTH_RUNNING, f);
            if (d != null && (since == null || d.isAfter(since))) {
                since = d;
                newer = s;
            }
        }
        long days = since == null ? 0 : ChronoUnit.DAYS.between(since, today);
        if (newer != null && days > window) {
            f.at(BOTH_RUNNING, newer.source(), annotation(BETA_SINCE), String.format(Locale.ROOT,
                    "both clusters have been running for %d days, since %s put sprint %d on %s in beta (beta window: "
                            + "%d days, release.betaWindowDays); the cluster that does not serve bills the whole time",
                    days, since, newer.sprint(), newer.cluster(), window),
                    "finish the beta (beta-ok, shift) and drain the cluster left without weight, or roll back and "
                            + "drain the beta target");
        }
    }

    private static void drained(CheckContext context, ReleaseSettings settings, TrafficTree tree, int grace,
                                LocalDate today, Findings f) {
        for (Cluster c : Cluster.values()) {
            ClusterState s = tree.state(c);
            LocalDate since = s.drained() ? date(s, DRAINED_SINCE, DRAINED_BILLING, f) : null;
            long days = since == null ? 0 : ChronoUnit.DAYS.between(since, today);
            if (since == null || days <= grace) {
                continue;
            }
            List<String> held;
            try {
                held = removable(new TreeInventory(context.resources(), settings).clusters(tree).get(c));
            } catch (CostInputException e) {
                continue; // what cannot be priced is not a cost finding
            }
            if (held.isEmpty()) {
                continue;
            }
            String cost = "";
            try {
                CostReport r = CostReport.of(context.root(), context.resources(), settings, tree, 730);
                cost = String.format(Locale.ROOT, " (%.2f USD a month more than shut down, ./gitops cost)",
                        r.of(c, CostState.DRAINED).total() - r.of(c, CostState.SHUT_DOWN).total());
            } catch (CostInputException e) {
                cost = ""; // no price file: the finding stands without its amount
            }
            f.at(DRAINED_BILLING, s.source(), annotation(DRAINED_SINCE), String.format(Locale.ROOT,
                    "%s has been drained for %d days (since %s; release.shutdownAfterDays: %d) and still holds what "
                            + "shutdown removes: %s%s", c, days, since, grace, String.join(", ", held), cost),
                    "shut the cluster down: ./gitops shutdown " + c + " (the edge), then ./gitops shutdown " + c
                            + " --from FILE (the cluster); or waive this finding until the next release onto it");
        }
    }

    /** What a drained cluster still declares that shutdown removes. */
    static List<String> removable(ClusterInventory inv) {
        List<String> out = new ArrayList<>();
        if (inv.eksClusters() > 0) {
            out.add(inv.eksClusters() + " EKS cluster(s)");
        }
        inv.nodeGroups().forEach(g -> out.add("node group " + g.name() + " (" + g.desired() + " x " + g.instanceType()
                + ")"));
        inv.albs().forEach(a -> out.add("ALB " + a.name()));
        inv.acls().forEach(a -> out.add("web ACL " + a.name()));
        if (inv.brokerVolumeGib() > 0) {
            out.add(String.format(Locale.ROOT, "RabbitMQ volumes (%.0f GiB)", inv.brokerVolumeGib()));
        }
        return out;
    }

    private static FieldPath annotation(String key) {
        return FieldPath.of("metadata", "annotations", key);
    }

    /** The date of an annotation; a value that is not a date is reported with the rule that reads it. */
    private static LocalDate date(ClusterState s, String key, Rule rule, Findings f) {
        Object v = s.source().get(annotation(key));
        if (v == null) {
            return null;
        }
        try {
            return LocalDate.parse(String.valueOf(v).strip());
        } catch (DateTimeParseException e) {
            f.at(rule, s.source(), annotation(key), key + " must be a date (YYYY-MM-DD), not '" + v + "'",
                    "the release commands set it; restore the date they wrote");
            return null;
        }
    }
}
