package dev.gitops.validator.release;

import dev.gitops.validator.domain.traffic.Cluster;
import dev.gitops.validator.domain.traffic.ClusterState;
import dev.gitops.validator.domain.traffic.ClusterState.Shutdown;
import dev.gitops.validator.domain.traffic.ReleaseSettings;
import dev.gitops.validator.domain.traffic.TrafficTree;
import dev.gitops.validator.git.Git;
import dev.gitops.validator.load.LoadedFile;
import dev.gitops.validator.model.ModelKind;
import dev.gitops.validator.resource.Resource;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * {@code ./gitops shutdown CLUSTER}, in two steps, and the way back that {@code release} takes.
 *
 * <ol>
 *   <li><b>The edge</b> ({@code shutDown: "edge"}): the cluster's Applications named in
 *       {@code release.shutdownApplications} leave {@code clusters/<cluster>/}. Argo CD prunes them and
 *       their finalizer deletes what they deployed, while the cluster still runs the controllers that
 *       delete the AWS resources behind them: the AWS Load Balancer Controller its ALBs, ACK its web ACL,
 *       records and health check, the EBS CSI driver the broker volumes, Karpenter its nodes.</li>
 *   <li><b>The cluster</b> ({@code shutDown: "true"}): once the cluster shows none of that left (the
 *       {@code --from} file, read from the cluster, proves it), the folder {@code release.shutdownInfra}
 *       leaves the tree and the management Argo CD deletes the EKS cluster, node group and roles.
 *       Deleting the cluster first would orphan the ALBs, nodes and volumes, which keep billing.</li>
 * </ol>
 *
 * <p>Nothing of {@code apps/} is removed: an Application's folder stays, undeployed, so the parity
 * rules keep comparing it. {@code release} restores the removed Applications from the other cluster's
 * (the cluster's name swapped), as it restores capacities, and the infra folder from the history.
 */
public final class ShutdownPlanner {

    /**
     * Kinds whose objects, found in the cluster after the first step, mean AWS still bills for
     * something the cluster created: {@code kind/group} ({@code ""} for the core group).
     */
    static final List<String> LEFT_BILLING = List.of("Ingress/networking.k8s.io", "PersistentVolumeClaim/",
            "NodeClaim/karpenter.sh", "WebACL/wafv2.services.k8s.aws", "HealthCheck/route53.services.k8s.aws",
            "RecordSet/route53.services.k8s.aws", "RabbitmqCluster/rabbitmq.com");

    private final Workspace workspace;

    public ShutdownPlanner(Workspace workspace) {
        this.workspace = workspace;
    }

    /**
     * The next step of shutting the cluster down.
     *
     * @param remains for the second step: objects read from the cluster ({@code kubectl get -o yaml}),
     *     which must show that the first step is complete; null for the first step
     */
    public Plan shutdown(Cluster c, LoadedFile remains) throws Refusal {
        TrafficTree t = workspace.requireComplete();
        ReleaseSettings settings = workspace.settings();
        ClusterState s = t.state(c);
        String head = "cannot shut " + c + " down: ";
        if (settings.shutdownApplications().isEmpty() && settings.infraFolder(c).isEmpty()) {
            throw new Refusal(head + "release.shutdownApplications and release.shutdownInfra are not set in "
                    + ".gitops-validator.yaml, so there is nothing to remove (docs/release.md)");
        }
        if (s.weight() > 0) {
            throw new Refusal(head + "it serves public traffic (weight " + s.weight() + " in " + TrafficTree.fileOf(s)
                    + "); shift its weight to " + c.other() + " and drain it first");
        }
        if (s.betaTarget()) {
            throw new Refusal(head + "it is the beta target (sprint " + s.sprint() + ", beta testers reach it); release "
                    + "the next sprint onto " + c.other() + ", then drain it first");
        }
        if (!s.drained()) {
            throw new Refusal(head + "it is not drained; run ./gitops drain " + c + " first");
        }
        if (s.source().get(ClusterState.path("shutDown")) == null) {
            throw new Refusal(head + TrafficTree.fileOf(s) + " has no data.shutDown, where shutdown records its steps; "
                    + "add shutDown: \"false\" under data of both cluster states (docs/gitops-tree.md)");
        }
        if (t.state(c.other()).shuttingDown()) {
            throw new Refusal(head + c.other() + " is shut down too; nothing would serve");
        }
        return switch (s.shutDown()) {
            case NO -> edge(t, c, s, remains);
            case EDGE -> cluster(t, c, s, remains);
            case DONE -> new Plan("shutdown: " + c + " is shut down", new TreeEdits(), List.of());
        };
    }

    private Plan edge(TrafficTree t, Cluster c, ClusterState s, LoadedFile remains) throws Refusal {
        if (remains != null) {
            throw new Refusal("--from is for the second step of shutdown (the cluster itself); " + c
                    + " is at the first: run ./gitops shutdown " + c + " without it");
        }
        TreeEdits edits = new TreeEdits();
        List<String> notes = new ArrayList<>();
        for (Resource app : applications(c)) {
            edits.delete(app.file().displayName());
            notes.add(app.file().displayName() + ": Application " + app.ref().name() + " removed; Argo CD on " + c
                    + " prunes it and its finalizer deletes what it deployed");
        }
        edits.set(s.source(), ClusterState.path("shutDown"), Shutdown.EDGE.value());
        if (!workspace.settings().infraFolder(c).isEmpty()) {
            notes.add("when Argo CD on " + c + " has synced, read what is left and take the second step:");
            notes.add("  kubectl --context " + c + " get " + String.join(",", kubectlKinds())
                    + " -A -o yaml > " + c + "-remains.yaml");
            notes.add("  ./gitops shutdown " + c + " --from " + c + "-remains.yaml");
        }
        return new Plan("shutdown " + c + ", step 1 of 2: the edge (sprint " + s.sprint() + ")", edits, notes);
    }

    private Plan cluster(TrafficTree t, Cluster c, ClusterState s, LoadedFile remains) throws Refusal {
        String folder = workspace.settings().infraFolder(c);
        String head = "cannot shut " + c + " down: ";
        if (remains == null) {
            throw new Refusal(head + "the second step deletes the EKS cluster, and whatever the first step's "
                    + "deletions have not finished would stay in AWS, billing. Show that nothing is left: "
                    + "kubectl --context " + c + " get " + String.join(",", kubectlKinds()) + " -A -o yaml > "
                    + c + "-remains.yaml; ./gitops shutdown " + c + " --from " + c + "-remains.yaml");
        }
        if (!remains.findings().stream().filter(f -> f.isError()).toList().isEmpty()) {
            throw new Refusal(head + remains.file().displayName() + " cannot be read: "
                    + remains.findings().stream().filter(f -> f.isError()).findFirst().orElseThrow().message());
        }
        List<String> left = new ArrayList<>();
        for (Resource r : remains.resources()) {
            String id = r.kind() + "/" + (r.ref().group() == null ? "" : r.ref().group());
            boolean app = ModelKind.APPLICATION.matches(r)
                    && workspace.settings().shutdownApplications().contains(r.ref().name());
            if (LEFT_BILLING.contains(id) || app) {
                left.add(r.kind() + " " + (r.ref().namespace() == null ? "" : r.ref().namespace() + "/")
                        + r.ref().name() + " (" + remains.file().displayName() + ":" + r.start().line() + ")");
            }
        }
        if (!left.isEmpty()) {
            throw new Refusal(head + "the first step is not finished; the cluster still has " + String.join(", ", left)
                    + ". Wait for Argo CD and the controllers to delete them, then read the cluster again");
        }
        TreeEdits edits = new TreeEdits();
        List<String> notes = new ArrayList<>();
        if (!folder.isEmpty()) {
            List<String> files = filesUnder(folder);
            if (files.isEmpty()) {
                throw new Refusal(head + "release.shutdownInfra names " + folder + "/, which holds no file");
            }
            files.forEach(edits::delete);
            notes.add(folder + "/: " + files.size() + " file(s) removed; the management Argo CD deletes the EKS "
                    + "cluster, its node group, add-ons and roles");
        }
        edits.set(s.source(), ClusterState.path("shutDown"), Shutdown.DONE.value());
        notes.add("./gitops release --sprint N --image REF brings " + c + " back (docs/release.md)");
        return new Plan("shutdown " + c + ", step 2 of 2: the cluster (sprint " + s.sprint() + ")", edits, notes);
    }

    /**
     * What release adds back to a shut-down cluster: the removed Applications, copied from the other
     * cluster's with the cluster's name swapped (the parity rules keep them mirror images); the infra
     * folder as the history holds it; and {@code shutDown: "false"}.
     */
    void restore(TrafficTree t, Cluster c, TreeEdits edits, List<String> notes) throws Refusal {
        ClusterState s = t.state(c);
        if (!s.shuttingDown()) {
            return;
        }
        Cluster o = c.other();
        String head = "cannot bring " + c + " back: ";
        List<String> mine = applications(c, false).stream().map(r -> r.ref().name()).toList();
        for (Resource app : applications(o)) {
            if (mine.contains(app.ref().name())) {
                continue;
            }
            String from = app.file().displayName();
            String to = o.swapFolder(from);
            if (to.equals(from) || Files.exists(workspace.root().resolve(to))) {
                throw new Refusal(head + "the Application " + app.ref().name() + " of " + o + " (" + from
                        + ") has no free place in " + c + "'s files");
            }
            edits.create(to, o.swapWords(read(from)).getBytes(StandardCharsets.UTF_8));
            notes.add(to + ": Application " + app.ref().name() + " restored (as " + from + ", " + o + " swapped for "
                    + c + ")");
        }
        String folder = workspace.settings().infraFolder(c);
        if (s.shutDown() == Shutdown.DONE && !folder.isEmpty() && filesUnder(folder).isEmpty()) {
            String revision = lastHolding(folder, head);
            List<String> files;
            try {
                files = Git.run(workspace.root(), "ls-tree", "-r", "--name-only", revision, "--", folder + "/")
                        .lines().filter(l -> !l.isBlank()).toList();
                for (String f : files) {
                    edits.create(f, Git.runBytes(workspace.root(), "show", revision + ":./" + f));
                }
            } catch (IOException e) {
                throw new Refusal(head + "cannot read " + folder + "/ at " + revision + ": " + e.getMessage());
            }
            notes.add(folder + "/: " + files.size() + " file(s) restored as they were before shutdown (commit "
                    + revision.substring(0, Math.min(12, revision.length())) + "); once the management Argo CD has "
                    + "created the cluster, bootstrap Argo CD on it and refresh its outputs: ./gitops infra-outputs "
                    + c + " --from FILE --write (docs/architecture.md)");
        }
        edits.set(s.source(), ClusterState.path("shutDown"), Shutdown.NO.value());
    }

    /**
     * The newest revision that holds the folder: HEAD when the removal is not committed yet, else the
     * parent of the commit that removed it. The cluster's infrastructure comes back from the history,
     * not from the other cluster's files: it holds identifiers AWS assigned to this cluster (adopted
     * security group and subnet ids) that the other's files do not have.
     */
    private String lastHolding(String folder, String head) throws Refusal {
        try {
            Path root = workspace.root();
            if (!Git.run(root, "ls-tree", "-r", "--name-only", "HEAD", "--", folder + "/").isBlank()) {
                return "HEAD";
            }
            String removed = Git.run(root, "log", "-1", "--format=%H", "--diff-filter=D", "HEAD", "--", folder + "/")
                    .strip();
            if (!removed.isEmpty()) {
                return removed + "^";
            }
        } catch (IOException e) {
            throw new Refusal(head + "cannot read the history of " + folder + "/: " + e.getMessage());
        }
        throw new Refusal(head + "no commit of the history holds " + folder + "/ (a shallow clone: git fetch "
                + "--unshallow); restore the folder from the commit before the shutdown by hand");
    }

    /** The cluster's Applications that shutdown removes, each alone in its file; refuses otherwise. */
    private List<Resource> applications(Cluster c) throws Refusal {
        return applications(c, true);
    }

    private List<Resource> applications(Cluster c, boolean all) throws Refusal {
        List<Resource> out = new ArrayList<>();
        for (String name : workspace.settings().shutdownApplications()) {
            List<Resource> found = workspace.resources().stream()
                    .filter(r -> ModelKind.APPLICATION.matches(r)
                            && name.equals(r.ref().name())
                            && r.file().displayName().startsWith("clusters/" + c.id() + "/"))
                    .toList();
            if (found.isEmpty()) {
                if (all) {
                    throw new Refusal("release.shutdownApplications names " + name + ", but clusters/" + c.id()
                            + "/ has no Application " + name);
                }
                continue;
            }
            Resource app = found.getFirst();
            long inFile = workspace.resources().stream()
                    .filter(r -> r.file().displayName().equals(app.file().displayName())).count();
            if (inFile > 1) {
                throw new Refusal(app.file().displayName() + " holds more than the Application " + name
                        + "; shutdown removes whole files: move the other resources to a file of their own");
            }
            out.add(app);
        }
        return out;
    }

    private List<String> filesUnder(String folder) throws Refusal {
        Path dir = workspace.root().resolve(folder);
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            return walk.filter(Files::isRegularFile)
                    .map(p -> workspace.root().relativize(p).toString().replace('\\', '/'))
                    .sorted().toList();
        } catch (IOException e) {
            throw new Refusal("cannot list " + folder + "/: " + e.getMessage());
        }
    }

    private String read(String file) throws Refusal {
        try {
            return Files.readString(workspace.root().resolve(file), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new Refusal("cannot read " + file + ": " + e.getMessage());
        }
    }

    /** What {@code kubectl get} lists for the second step's proof. */
    static List<String> kubectlKinds() {
        return List.of("applications.argoproj.io", "ingresses.networking.k8s.io", "persistentvolumeclaims",
                "nodeclaims.karpenter.sh", "webacls.wafv2.services.k8s.aws", "healthchecks.route53.services.k8s.aws",
                "recordsets.route53.services.k8s.aws", "rabbitmqclusters.rabbitmq.com");
    }
}
