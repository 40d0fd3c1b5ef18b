package dev.gitops.validator.transition;

import dev.gitops.validator.check.Check;
import dev.gitops.validator.check.CheckContext;
import dev.gitops.validator.check.CheckFailedException;
import dev.gitops.validator.check.Findings;
import dev.gitops.validator.config.ConfigSection;
import dev.gitops.validator.domain.traffic.Cluster;
import dev.gitops.validator.domain.traffic.ClusterState;
import dev.gitops.validator.domain.traffic.ReleaseSettings;
import dev.gitops.validator.domain.traffic.Sites;
import dev.gitops.validator.domain.traffic.TrafficTree;
import dev.gitops.validator.finding.Rule;
import dev.gitops.validator.git.BaseTree;
import dev.gitops.validator.source.FieldPath;
import dev.gitops.validator.finding.Finding;
import dev.gitops.validator.load.YamlRules;
import dev.gitops.validator.pipeline.TreeReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Judges the change from a base revision to the validated tree: how weight moves, what is drained,
 * what is released where. Runs only when the run names a base: option {@code base} (a git revision
 * of the repository) or {@code baseDir} (a folder holding the base tree). Findings point at the
 * validated (working) tree.
 */
public final class TransitionCheck implements Check {

    @Override
    public List<Rule> rules() {
        return TransitionRules.ALL;
    }

    @Override
    public List<ConfigSection<?>> configSections() {
        return List.of(ReleaseSettings.SECTION);
    }

    @Override
    public void run(CheckContext context, Findings findings) {
        Path dir = context.options().baseDir();
        String ref = context.options().base();
        if (dir == null && ref == null) {
            return;
        }
        ReleaseSettings settings;
        try {
            settings = ReleaseSettings.of(context.config());
        } catch (IllegalArgumentException e) {
            throw new CheckFailedException(e.getMessage());
        }
        TrafficTree base;
        if (dir != null) {
            base = read(dir, context, settings);
        } else {
            try (BaseTree tree = BaseTree.extract(context.root(), ref)) {
                base = read(tree.dir(), context, settings);
            } catch (IOException e) {
                throw new CheckFailedException("cannot read base revision '" + ref + "': " + e.getMessage());
            }
        }
        TrafficTree work = TrafficTree.of(context.root(), context.resources(), settings);
        if (!base.complete() || !work.complete()) {
            return; // nothing to compare: a tree without both cluster states is judged by the state rules
        }
        for (Cluster c : Cluster.values()) {
            ClusterState b = base.state(c);
            ClusterState w = work.state(c);
            step(c, b, w, work, settings, findings);
            drain(c, b, w, findings);
            unvalidatedWeight(c, b, w, findings);
            sprint(c, b, w, work, findings);
        }
        imageDuringShift(base, work, settings, findings);
    }

    private static TrafficTree read(Path dir, CheckContext context, ReleaseSettings settings) {
        TreeReader reader = new TreeReader(dir, context.config());
        // Include paths the base revision does not have yet are not read.
        List<String> paths = reader.includedPaths().stream().filter(p -> Files.exists(Path.of(p))).toList();
        TreeReader.Tree tree = reader.read(paths, null, Map.of());
        List<String> problems = new ArrayList<>(tree.fatal());
        for (Finding f : tree.findings()) {
            if (f.rule().equals(YamlRules.SYNTAX.id())) {
                problems.add(f.file() + ":" + f.line() + ": " + f.message());
            }
        }
        if (!problems.isEmpty()) {
            throw new CheckFailedException("cannot read the base tree: " + String.join("; ", problems));
        }
        return TrafficTree.of(dir, tree.resources(), settings);
    }

    private static void step(Cluster c, ClusterState b, ClusterState w, TrafficTree work, ReleaseSettings settings,
                             Findings findings) {
        int rise = w.weight() - b.weight();
        if (rise <= settings.maxStep()) {
            return;
        }
        if (work.newer() == c.other()) {
            return; // weight going back to the cluster of the older, proven sprint: a rollback
        }
        findings.at(TransitionRules.STEP, w.source(), ClusterState.path("weight"),
                "the weight of " + c + " rises from " + b.weight() + " to " + w.weight() + " (+" + rise
                        + "), above the maximum step of " + settings.maxStep() + " (release.maxStep)",
                "shift in steps: ./gitops shift --to " + c + " --step " + settings.maxStep());
    }

    private static void drain(Cluster c, ClusterState b, ClusterState w, Findings findings) {
        if (b.drained() || !w.drained()) {
            return;
        }
        if (b.weight() > 0 || w.weight() > 0) {
            findings.at(TransitionRules.DRAIN_SERVING, w.source(), ClusterState.path("drained"),
                    c + " is drained while it serves public traffic (weight " + Math.max(b.weight(), w.weight())
                            + ")",
                    "move its weight away first (./gitops shift --to " + c.other() + "), then drain it in a later change");
        } else if (w.betaTarget()) {
            findings.at(TransitionRules.DRAIN_SERVING, w.source(), ClusterState.path("drained"),
                    c + " is drained while it is the beta target", "release the next sprint elsewhere first");
        }
    }

    private static void unvalidatedWeight(Cluster c, ClusterState b, ClusterState w, Findings findings) {
        if (w.weight() <= b.weight()) {
            return;
        }
        String why = null;
        if (w.drained()) {
            why = "it is drained";
        } else if (w.sprint() != b.sprint()) {
            why = "its sprint changes to " + w.sprint() + " in the same change, so it has not passed beta";
        } else if (!w.betaValidated()) {
            why = "sprint " + w.sprint() + " is not beta-validated";
        }
        if (why != null) {
            findings.at(TransitionRules.UNVALIDATED_WEIGHT, w.source(), ClusterState.path("weight"),
                    "the weight of " + c + " rises from " + b.weight() + " to " + w.weight() + " but " + why,
                    "mark the sprint validated after beta (./gitops beta-ok) in its own change, then shift");
        }
    }

    private static void sprint(Cluster c, ClusterState b, ClusterState w, TrafficTree work, Findings findings) {
        if (w.sprint() == b.sprint()) {
            return;
        }
        FieldPath at = ClusterState.path("sprint");
        if (w.sprint() < b.sprint()) {
            findings.at(TransitionRules.SPRINT_ORDER, w.source(), at,
                    "the sprint of " + c + " goes back from " + b.sprint() + " to " + w.sprint(),
                    "roll back traffic with ./gitops rollback, or release a new sprint");
        } else if (Cluster.forSprint(w.sprint()) != c) {
            findings.at(TransitionRules.SPRINT_ORDER, w.source(), at,
                    "sprint " + w.sprint() + " is " + Cluster.forSprint(w.sprint()) + " but is released onto " + c,
                    "sprint N goes to the cluster of N's parity: ./gitops release --sprint " + w.sprint());
        } else if (w.sprint() <= work.state(c.other()).sprint()) {
            findings.at(TransitionRules.SPRINT_ORDER, w.source(), at,
                    "sprint " + w.sprint() + " on " + c + " is not newer than sprint "
                            + work.state(c.other()).sprint() + " on " + c.other(), null);
        }
        if (b.weight() > 0) {
            findings.at(TransitionRules.RELEASE_TARGET, w.source(), at,
                    "sprint " + w.sprint() + " is released onto " + c + ", which serves public traffic (weight "
                            + b.weight() + ")",
                    "move the weight away and drain " + c + " first");
        } else if (!b.drained() && !b.betaTarget()) {
            findings.at(TransitionRules.RELEASE_TARGET, w.source(), at,
                    "sprint " + w.sprint() + " is released onto " + c + ", which is neither drained nor the beta target",
                    "drain " + c + " first (./gitops drain " + c + ")");
        }
        if (w.betaValidated()) {
            findings.at(TransitionRules.RELEASE_TARGET, w.source(), ClusterState.path("betaValidated"),
                    "sprint " + w.sprint() + " is released already marked betaValidated; it must pass beta first",
                    "release with betaValidated \"false\"; mark it with ./gitops beta-ok after beta");
        } else if (!w.betaTarget()) {
            findings.at(TransitionRules.RELEASE_TARGET, w.source(), ClusterState.path("betaTarget"),
                    "sprint " + w.sprint() + " is released onto " + c + " without making it the beta target",
                    "set betaTarget \"true\" (./gitops release does)");
        }
    }

    private static void imageDuringShift(TrafficTree base, TrafficTree work, ReleaseSettings settings,
                                         Findings findings) {
        boolean weightsMove = false;
        for (Cluster c : Cluster.values()) {
            weightsMove |= base.state(c).weight() != work.state(c).weight();
        }
        if (base.settled() && work.settled() && !weightsMove) {
            return;
        }
        int even = base.state(Cluster.EVEN).weight();
        int odd = base.state(Cluster.ODD).weight();
        if (even == odd) {
            return;
        }
        Cluster busiest = even > odd ? Cluster.EVEN : Cluster.ODD;
        Map<String, String> before = new LinkedHashMap<>();
        for (Sites.Image i : base.deployedImages(busiest, settings)) {
            before.put(key(i), i.image());
        }
        for (Sites.Image i : work.deployedImages(busiest, settings)) {
            String old = before.get(key(i));
            if (old != null && !old.equals(i.image())) {
                findings.at(TransitionRules.IMAGE_DURING_SHIFT, i.resource(), i.path(),
                        "image changes from " + old + " to " + i.image() + " on " + busiest
                                + ", which serves most public traffic (weight " + Math.max(even, odd)
                                + "), while a shift is in progress",
                        "finish or roll back the shift first; ship changes as the next sprint");
            }
        }
    }

    private static String key(Sites.Image i) {
        return i.file() + "|" + i.resource().documentIndex() + "|" + i.resource().itemIndex() + "|" + i.path();
    }
}
