package dev.gitops.validator.cli;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.gitops.validator.domain.traffic.Cluster;
import dev.gitops.validator.domain.traffic.ClusterState;
import dev.gitops.validator.domain.traffic.Sites;
import dev.gitops.validator.domain.traffic.TrafficTree;
import dev.gitops.validator.finding.Finding;
import dev.gitops.validator.model.ModelKind;
import dev.gitops.validator.model.Models;
import dev.gitops.validator.model.Rollouts;
import dev.gitops.validator.pipeline.Report;
import dev.gitops.validator.release.History;
import dev.gitops.validator.release.Plan;
import dev.gitops.validator.release.Refusal;
import dev.gitops.validator.release.ReleasePlanner;
import dev.gitops.validator.release.TreeEdits;
import dev.gitops.validator.release.Workspace;
import dev.gitops.validator.transition.StandardChecks;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * The release commands: {@code status}, {@code release}, {@code beta-ok}, {@code shift},
 * {@code drain}, {@code shutdown} and {@code rollback}. Each edits the tree in place and leaves the diff for review;
 * each refuses (exit 1, nothing changed) when a rule forbids the step or the tree would not validate.
 */
public final class ReleaseCommands {

    private ReleaseCommands() {
    }

    /** Options, help and exit codes of every command that changes the tree. */
    @Command(mixinStandardHelpOptions = true, exitCodeListHeading = "%nExit codes:%n",
            exitCodeList = {"0:done (or nothing to change)",
                "1:refused: a rule forbids the step or the tree would not validate; nothing was changed",
                "2:usage error"})
    public static final class Common {

        @Mixin
        RootOption root;

        @Option(names = "--dry-run", description = "Show the change without writing it.")
        boolean dryRun;
    }

    /** Shared by the commands that change the tree. */
    abstract static class Change implements Callable<Integer> {

        @Spec
        CommandSpec spec;

        @Mixin
        Common common;

        /** What the command would change in the workspace; planner plans for the same workspace. */
        abstract Plan plan(ReleasePlanner planner, Workspace workspace) throws Refusal;

        @Override
        public final Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            try {
                Workspace ws = Workspace.open(common.root.resolve(), StandardChecks.all());
                Plan plan = plan(new ReleasePlanner(ws), ws);
                if (plan.edits().isEmpty()) {
                    out.println(plan.title());
                    out.println("nothing to change: the tree already says so");
                    out.flush();
                    return 0;
                }
                ws.apply(plan, !common.dryRun);
                out.println(plan.title());
                for (TreeEdits.Edit e : plan.edits().edits()) {
                    out.println("  " + Sites.where(e.resource(), e.path()) + "  " + e.path() + ": "
                            + e.resource().get(e.path()) + " -> " + e.value());
                }
                for (String f : plan.edits().deletions()) {
                    out.println("  " + f + ": deleted");
                }
                for (String f : plan.edits().creations()) {
                    out.println("  " + f + ": created");
                }
                for (String n : plan.notes()) {
                    out.println("  note: " + n);
                }
                out.println(common.dryRun ? "dry run: nothing written"
                        : "review with `git diff`, then commit; the tree validates");
                out.flush();
                return 0;
            } catch (Refusal e) {
                err.println("refused: " + e.getMessage());
                err.flush();
                return 1;
            }
        }
    }

    @Command(name = "release",
            description = {"Puts sprint N on the cluster of N's parity (even sprints on even) and makes it the beta target.",
                "The cluster must be drained and idle (weight 0). Sets its sprint, its image references under "
                        + "release.imagePath, betaTarget \"true\", betaValidated \"false\", drained \"false\", restores "
                        + "its capacities from the other cluster, and clears the other cluster's betaTarget."})
    public static final class Release extends Change {

        @Option(names = "--sprint", required = true, paramLabel = "N", description = "The sprint number.")
        int sprint;

        @Option(names = "--image", required = true, paramLabel = "REF",
                description = "The image reference to deploy, with a tag or digest.")
        String image;

        @Override
        Plan plan(ReleasePlanner planner, Workspace workspace) throws Refusal {
            return planner.release(sprint, image);
        }
    }

    @Command(name = "beta-ok",
            description = "Records that the beta target's sprint passed beta (betaValidated \"true\"): only then may "
                    + "public weight move to it.")
    public static final class BetaOk extends Change {

        @Option(names = "--cluster", paramLabel = "even|odd", converter = ClusterArg.class,
                description = "The beta target; default: the one there is.")
        Cluster cluster;

        @Override
        Plan plan(ReleasePlanner planner, Workspace workspace) throws Refusal {
            return planner.betaOk(cluster);
        }
    }

    @Command(name = "shift",
            description = "Moves public Route 53 weight onto a cluster, in the cluster states and the weighted records. "
                    + "A step may move at most release.maxStep points (default 25 of 100), and only onto a "
                    + "beta-validated sprint.")
    public static final class Shift extends Change {

        @Option(names = "--to", required = true, paramLabel = "even|odd", converter = ClusterArg.class,
                description = "The cluster that gains weight.")
        Cluster to;

        @ArgGroup(exclusive = true, multiplicity = "1")
        Amount amount;

        static final class Amount {
            @Option(names = "--step", paramLabel = "P", description = "Points of weight to move (of 100).")
            Integer step;

            @Option(names = "--weight", paramLabel = "W", description = "The cluster's new weight (0..100).")
            Integer weight;
        }

        @Override
        Plan plan(ReleasePlanner planner, Workspace workspace) throws Refusal {
            return planner.shift(to, amount.step, amount.weight);
        }
    }

    @Command(name = "drain",
            description = "Marks a cluster drained and scales its own workloads and node pools to 0. Only a cluster "
                    + "with weight 0 that is not the beta target may be drained.")
    public static final class Drain extends Change {

        @Parameters(index = "0", paramLabel = "even|odd", converter = ClusterArg.class,
                description = "The cluster to drain.")
        Cluster cluster;

        @Override
        Plan plan(ReleasePlanner planner, Workspace workspace) throws Refusal {
            return planner.drain(cluster);
        }
    }

    @Command(name = "rollback",
            description = {"Returns the public weights to the last fully validated split: the newest commit on the "
                    + "first-parent history of HEAD at which all weight was on one beta-validated cluster, other than "
                    + "the current split. The way back is not limited by release.maxStep.",
                "Refuses when that cluster has been drained or re-released since."})
    public static final class Rollback extends Change {

        @Override
        Plan plan(ReleasePlanner planner, Workspace workspace) throws Refusal {
            TrafficTree t = workspace.requireComplete();
            History.Split split = History.lastValidatedSplit(workspace.root(), t);
            if (split == null) {
                throw new Refusal("no fully validated split to return to in the last " + History.MAX_COMMITS
                        + " commits of HEAD (a commit where all weight was on one other, beta-validated cluster)");
            }
            return planner.rollback(split);
        }
    }

    @Command(name = "status", mixinStandardHelpOptions = true, exitCodeListHeading = "%nExit codes:%n",
            exitCodeList = {"0:printed (whether or not the tree validates: see the last line or \"validates\")",
                "2:usage error, or the tree could not be read"},
            description = "For each cluster: sprint, image references, public weight, beta target, beta-validated, "
                    + "drained (edge-off, shut-down: ./gitops shutdown), and whether the tree validates; and today's "
                    + "monthly run rate (./gitops cost).")
    public static final class Status implements Callable<Integer> {

        @Spec
        CommandSpec spec;

        @Mixin
        RootOption root;

        @Option(names = "--json", description = "Machine-readable output.")
        boolean json;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            Workspace ws;
            try {
                ws = Workspace.open(root.resolve(), StandardChecks.all());
            } catch (Refusal e) {
                err.println("error: " + e.getMessage());
                err.flush();
                return 2;
            }
            Report report = ws.validate();
            TrafficTree t = ws.tree();
            List<Row> rows = new ArrayList<>();
            for (Cluster c : Cluster.values()) {
                ClusterState s = t.state(c);
                List<String> images = t.releaseImages(c, ws.settings()).stream().map(Sites.Image::image).distinct()
                        .toList();
                long errors = report.findings().stream()
                        .filter(f -> f.isError() && ws.settings().deployedTo(c, f.file())).count();
                rows.add(new Row(c, s, images, errors, strategy(ws, c)));
            }
            CostOutput.RunRate cost = CostOutput.runRate(ws);
            if (json) {
                writeJson(out, rows, report, t, cost);
            } else {
                writeTable(out, rows, report, t);
                out.println(cost.line());
            }
            out.flush();
            return 0;
        }

        private record Row(Cluster cluster, ClusterState state, List<String> images, long errors, String strategy) {
        }

        /**
         * The release strategy of the cluster's Rollouts as the tree declares it: {@code canary},
         * {@code blue-green} (./gitops strategy), both joined with {@code +}, or {@code -}. Which
         * images are active and which in preview during a blue-green release is cluster state:
         * {@code kubectl argo rollouts get rollout NAME} shows it (docs/blue-green.md).
         */
        private static String strategy(Workspace ws, Cluster c) {
            String folder = ws.settings().imageFolder(c) + "/";
            Set<String> found = new TreeSet<>();
            for (Rollouts.Rollout r : Models.of(ws.resources()).all(ModelKind.ROLLOUT)) {
                if (r.source().file().displayName().startsWith(folder)) {
                    if (r.blueGreen() != null) {
                        found.add("blue-green");
                    } else if (r.canary() != null) {
                        found.add("canary");
                    }
                }
            }
            return found.isEmpty() ? "-" : String.join("+", found);
        }

        private static void writeTable(PrintWriter out, List<Row> rows, Report report, TrafficTree t) {
            String fmt = "%-8s %-7s %-7s %-12s %-15s %-10s %-10s %-11s %s%n";
            out.printf(fmt, "CLUSTER", "SPRINT", "WEIGHT", "BETA TARGET", "BETA VALIDATED", "DRAINED", "VALIDATES",
                    "STRATEGY", "IMAGES");
            for (Row row : rows) {
                ClusterState s = row.state();
                String images = row.images().isEmpty() ? "-" : String.join(", ", row.images());
                if (s == null) {
                    out.printf(fmt, row.cluster(), "?", "?", "?", "?", "?", row.errors() == 0 ? "yes" : "no",
                            row.strategy(), images);
                } else {
                    out.printf(fmt, row.cluster(), s.sprint(), s.weight(), yes(s.betaTarget()), yes(s.betaValidated()),
                            drained(s), row.errors() == 0 ? "yes" : "no (" + row.errors() + ")", row.strategy(),
                            images);
                }
            }
            for (String p : t.problems()) {
                out.println("problem: " + p);
            }
            long errors = report.findings().stream().filter(Finding::isError).count();
            if (report.fatal().isEmpty() && errors == 0) {
                out.println("tree: validates");
            } else {
                out.println("tree: does not validate (" + errors + " error(s)"
                        + (report.fatal().isEmpty() ? "" : ", " + report.fatal().size() + " problem(s) reading it")
                        + "); run ./gitops validate");
            }
        }

        /** {@code yes}, {@code no}, or how far shutdown has gone. */
        private static String drained(ClusterState s) {
            return switch (s.shutDown()) {
                case NO -> yes(s.drained());
                case EDGE -> "edge-off";
                case DONE -> "shut-down";
            };
        }

        private static String yes(boolean b) {
            return b ? "yes" : "no";
        }

        private static void writeJson(PrintWriter out, List<Row> rows, Report report, TrafficTree t,
                                      CostOutput.RunRate cost) {
            try (JsonGenerator g = new JsonFactory().createGenerator(out)) {
                g.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
                g.useDefaultPrettyPrinter();
                g.writeStartObject();
                g.writeArrayFieldStart("clusters");
                for (Row row : rows) {
                    ClusterState s = row.state();
                    g.writeStartObject();
                    g.writeStringField("cluster", row.cluster().id());
                    if (s != null) {
                        g.writeNumberField("sprint", s.sprint());
                        g.writeNumberField("weight", s.weight());
                        g.writeBooleanField("betaTarget", s.betaTarget());
                        g.writeBooleanField("betaValidated", s.betaValidated());
                        g.writeBooleanField("drained", s.drained());
                        g.writeStringField("shutDown", s.shutDown().value());
                        g.writeStringField("stateFile", TrafficTree.fileOf(s));
                    }
                    g.writeStringField("strategy", row.strategy());
                    g.writeArrayFieldStart("images");
                    for (String i : row.images()) {
                        g.writeString(i);
                    }
                    g.writeEndArray();
                    g.writeBooleanField("validates", row.errors() == 0);
                    g.writeNumberField("errors", row.errors());
                    g.writeEndObject();
                }
                g.writeEndArray();
                long errors = report.findings().stream().filter(Finding::isError).count();
                g.writeBooleanField("validates", report.fatal().isEmpty() && errors == 0);
                g.writeNumberField("errors", errors);
                g.writeArrayFieldStart("problems");
                for (String p : t.problems()) {
                    g.writeString(p);
                }
                for (String p : report.fatal()) {
                    g.writeString(p);
                }
                g.writeEndArray();
                cost.write(g);
                g.writeEndObject();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            out.println();
        }
    }

    /** Converts a cluster argument: {@code even} or {@code odd}. */
    public static final class ClusterArg implements picocli.CommandLine.ITypeConverter<Cluster> {
        @Override
        public Cluster convert(String text) {
            Cluster c = Cluster.parse(text);
            if (c == null) {
                throw new picocli.CommandLine.TypeConversionException("a cluster is even or odd, not '" + text + "'");
            }
            return c;
        }
    }
}
