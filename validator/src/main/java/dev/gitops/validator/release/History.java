package dev.gitops.validator.release;

import dev.gitops.validator.domain.traffic.Cluster;
import dev.gitops.validator.domain.traffic.ClusterState;
import dev.gitops.validator.domain.traffic.TrafficTree;
import dev.gitops.validator.git.Git;
import dev.gitops.validator.load.LoadLimits;
import dev.gitops.validator.load.LoadedFile;
import dev.gitops.validator.load.YamlLoader;
import dev.gitops.validator.resource.Resource;
import dev.gitops.validator.source.SourceFile;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The committed history of the cluster states, read with git, newest first along the first-parent
 * line of {@code HEAD} (the history of main, one entry per merged change).
 *
 * <p>A <em>fully validated split</em> is a commit at which all public weight was on one cluster and
 * that cluster's sprint was beta-validated. {@code rollback} returns to the newest such split whose
 * weights differ from the current ones.
 */
public final class History {

    /** How many commits {@link #lastValidatedSplit} looks back at most. */
    public static final int MAX_COMMITS = 500;

    /**
     * A fully validated split found in the history.
     *
     * @param serving the cluster that had all public weight
     * @param sprint its sprint then
     * @param commit the commit (abbreviated)
     * @param subject the commit's subject line
     */
    public record Split(Cluster serving, int sprint, String commit, String subject) {

        public String describe() {
            return "100% on " + serving + " (sprint " + sprint + ") as at commit " + commit + " \"" + subject + "\"";
        }
    }

    private History() {
    }

    /**
     * The newest fully validated split of the history of {@code HEAD} whose serving cluster differs
     * from {@code current}'s split, or null when the history holds none.
     */
    public static Split lastValidatedSplit(Path root, TrafficTree current) throws Refusal {
        String evenFile = TrafficTree.fileOf(current.state(Cluster.EVEN));
        String oddFile = TrafficTree.fileOf(current.state(Cluster.ODD));
        Cluster now = currentlyServing(current);
        List<String> log;
        try {
            log = Git.run(root, "log", "--first-parent", "--max-count=" + MAX_COMMITS,
                    "--format=%h %s", "HEAD").lines().toList();
        } catch (IOException e) {
            throw new Refusal("cannot read the git history of " + root + ": " + e.getMessage());
        }
        for (String line : log) {
            int sp = line.indexOf(' ');
            String commit = sp < 0 ? line : line.substring(0, sp);
            String subject = sp < 0 ? "" : line.substring(sp + 1);
            ClusterState even = stateAt(root, commit, evenFile, Cluster.EVEN);
            ClusterState odd = stateAt(root, commit, oddFile, Cluster.ODD);
            if (even == null || odd == null) {
                return null; // before the cluster states existed (or were where they are now)
            }
            ClusterState serving = even.weight() == 100 && odd.weight() == 0 ? even
                    : odd.weight() == 100 && even.weight() == 0 ? odd : null;
            if (serving == null || !serving.betaValidated() || serving.drained() || Cluster.parse(serving.cluster()) == now) {
                continue;
            }
            return new Split(Cluster.parse(serving.cluster()), serving.sprint(), commit, subject);
        }
        return null;
    }

    /** The cluster with all public weight now, or null while a shift is in progress. */
    private static Cluster currentlyServing(TrafficTree t) {
        for (Cluster c : Cluster.values()) {
            if (t.state(c).weight() == 100 && t.state(c.other()).weight() == 0) {
                return c;
            }
        }
        return null;
    }

    private static ClusterState stateAt(Path root, String commit, String file, Cluster cluster) {
        byte[] bytes;
        try {
            bytes = Git.runBytes(root, "show", commit + ":" + file);
        } catch (IOException e) {
            return null;
        }
        SourceFile source = new SourceFile(root.resolve(file), file);
        LoadedFile loaded = new YamlLoader(LoadLimits.DEFAULT).load(source, bytes);
        List<Resource> resources = new ArrayList<>(loaded.resources());
        TrafficTree t = TrafficTree.of(root, resources, null);
        return t.state(cluster);
    }
}
