package dev.gitops.validator.domain.cost;

import dev.gitops.validator.domain.ack.AckDeletionPolicy;
import dev.gitops.validator.model.ModelKind;
import static dev.gitops.validator.finding.Rule.error;

import dev.gitops.validator.check.Check;
import dev.gitops.validator.check.CheckContext;
import dev.gitops.validator.check.Findings;
import dev.gitops.validator.config.ConfigSection;
import dev.gitops.validator.domain.Topology;
import dev.gitops.validator.domain.traffic.Cluster;
import dev.gitops.validator.domain.traffic.ClusterState;
import dev.gitops.validator.domain.traffic.ClusterState.Shutdown;
import dev.gitops.validator.domain.traffic.ReleaseSettings;
import dev.gitops.validator.domain.traffic.TrafficTree;
import dev.gitops.validator.finding.Location;
import dev.gitops.validator.finding.Rule;
import dev.gitops.validator.resource.Resource;
import dev.gitops.validator.source.FieldPath;
import java.util.ArrayList;
import java.util.List;

/**
 * Shutdown as the tree records it (COST003) and whether it can work (COST004).
 *
 * <ul>
 *   <li>COST003: the {@code shutDown} step of a cluster state matches the tree. A cluster being shut
 *       down is drained, without weight, not the beta target; its shutdown Applications are gone; after
 *       the second step its infra folder is gone too. A cluster not shut down keeps its infra folder
 *       (its Applications are PARITY001's).</li>
 *   <li>COST004: each step of the shutdown removes what it stops declaring from AWS. A shutdown
 *       Application carries Argo CD's resources finalizer, the root Application that lists it prunes,
 *       and nothing it deploys is an ACK resource that ACK retains. Nothing under the infra folder
 *       ({@code release.shutdownInfra}) is retained either, except a resource AWS does not charge for
 *       that the restored folder adopts ({@link InfraRemoval}). The policy is the effective one
 *       ({@link AckDeletionPolicy}): the object's annotation, its namespace's, the controller's
 *       {@code deletionPolicy}.</li>
 * </ul>
 */
public final class ShutdownCheck implements Check {

    public static final Rule STEP_MATCHES_TREE = error("COST003", CostCheck.CATEGORY);
    public static final Rule REMOVAL_WORKS = error("COST004", CostCheck.CATEGORY);
    static final String FINALIZER = "resources-finalizer.argocd.argoproj.io";

    @Override
    public List<Rule> rules() {
        return List.of(STEP_MATCHES_TREE, REMOVAL_WORKS);
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
        if (settings.shutdownApplications().isEmpty() && settings.shutdownInfra().isEmpty()) {
            return;
        }
        TrafficTree tree = TrafficTree.of(context.root(), context.resources(), settings);
        List<Resource> resources = context.resources();
        Topology topology = Topology.of(context.config(), resources);
        for (Cluster c : Cluster.values()) {
            ClusterState s = tree.state(c);
            if (s != null) {
                steps(s, c, settings, resources, findings);
            }
            InfraRemoval.check(settings.infraFolder(c), resources, topology, findings);
        }
        for (Resource app : resources) {
            if (ModelKind.APPLICATION.matches(app) && settings.shutdownApplications().contains(app.ref().name())
                    && app.file().displayName().startsWith("clusters/")) {
                removal(app, resources, topology, findings);
            }
        }
    }

    private static void steps(ClusterState s, Cluster c, ReleaseSettings settings, List<Resource> resources,
                              Findings f) {
        FieldPath step = ClusterState.path("shutDown");
        String fix = "let ./gitops shutdown and ./gitops release make the change (docs/release.md)";
        if (s.shuttingDown()) {
            String why = s.weight() > 0 ? "has weight " + s.weight() : s.betaTarget() ? "is the beta target"
                    : !s.drained() ? "is not drained" : null;
            if (why != null) {
                f.at(STEP_MATCHES_TREE, s.source(), step, "cluster " + c + " is shut down (shutDown: \""
                        + s.shutDown().value() + "\") but " + why, fix);
            }
            for (Resource r : resources) {
                if (settings.removedByShutdown(c, r) && ModelKind.APPLICATION.matches(r)) {
                    f.at(STEP_MATCHES_TREE, r, FieldPath.of("metadata", "name"), "cluster " + c + " is shut down "
                                    + "(shutDown: \"" + s.shutDown().value() + "\") but still deploys Application "
                                    + r.ref().name() + ", which the first step removes",
                            "delete " + r.file().displayName() + ", or set shutDown back to \"false\"",
                            List.of(Findings.location(s.source(), step, "cluster-state of " + c)));
                }
            }
        }
        String infra = settings.infraFolder(c);
        if (infra.isEmpty()) {
            return;
        }
        List<Resource> declared = resources.stream().filter(r -> r.file().displayName().startsWith(infra + "/"))
                .toList();
        if (s.shutDown() == Shutdown.DONE && !declared.isEmpty()) {
            f.at(STEP_MATCHES_TREE, declared.getFirst(), FieldPath.ROOT, "cluster " + c + " is shut down (shutDown: "
                            + "\"true\") but " + infra + "/ still declares it (" + declared.size() + " resource(s))",
                    "delete " + infra + "/, or set shutDown back to \"edge\"",
                    List.of(Findings.location(s.source(), step, "cluster-state of " + c)));
        }
        boolean otherDeclared = resources.stream()
                .anyMatch(r -> r.file().displayName().startsWith(settings.infraFolder(c.other()) + "/"));
        if (s.shutDown() != Shutdown.DONE && declared.isEmpty() && otherDeclared) {
            f.at(STEP_MATCHES_TREE, s.source(), step, "cluster " + c + " is not shut down (shutDown: \""
                    + s.shutDown().value() + "\") but " + infra + "/ declares nothing: its tree would deploy to a "
                    + "cluster nothing creates", "restore " + infra + "/ (./gitops release does), or finish the "
                    + "shutdown: ./gitops shutdown " + c);
        }
    }

    private static void removal(Resource app, List<Resource> resources, Topology topology, Findings f) {
        String where = "Application " + app.ref().name() + " (release.shutdownApplications)";
        if (!(app.get(FieldPath.of("metadata", "finalizers")) instanceof List<?> fin && fin.contains(FINALIZER))) {
            f.at(REMOVAL_WORKS, app, FieldPath.of("metadata", "name"), where + " has no " + FINALIZER
                    + " finalizer: when shutdown removes it, Argo CD deletes the Application and leaves everything it "
                    + "deployed running, and billing", "add metadata.finalizers: [" + FINALIZER + "]");
        }
        String file = app.file().displayName();
        String folder = file.substring(0, file.lastIndexOf('/') + 1);
        for (Resource root : resources) {
            if (ModelKind.APPLICATION.matches(root) && root != app && deploys(root, folder)
                    && !Boolean.TRUE.equals(root.get(FieldPath.of("spec", "syncPolicy", "automated", "prune")))) {
                f.at(REMOVAL_WORKS, app, FieldPath.of("metadata", "name"), where + " is synced by Application "
                                + root.ref().name() + ", which does not prune: removing the file leaves it running",
                        "set spec.syncPolicy.automated.prune: true on " + root.ref().name(),
                        List.of(Findings.location(root, FieldPath.of("spec", "syncPolicy"), "the parent Application")));
            }
        }
        List<String> paths = sourcePaths(app);
        AckDeletionPolicy.Resolver policies = new AckDeletionPolicy.Resolver(resources, topology);
        for (Resource r : resources) {
            String rf = r.file().displayName();
            if (paths.stream().noneMatch(p -> rf.startsWith(p + "/")) || !AckDeletionPolicy.isAck(r)) {
                continue;
            }
            AckDeletionPolicy policy = policies.of(r, app);
            if (policy.retains()) {
                List<Location> related = new ArrayList<>(policy.locations());
                related.add(Findings.location(app, FieldPath.of("metadata", "name"), "the shutdown Application"));
                f.at(REMOVAL_WORKS, r, InfraRemoval.at(r, policy), r.ref().display() + " is deployed by " + where
                                + " but ACK retains it (" + policy.source() + " is retain): shutdown deletes the "
                                + "object and leaves the AWS resource, billing",
                        "annotate it services.k8s.aws/deletion-policy: delete (keep adoption-policy: adopt-or-create "
                                + "so a rebuilt cluster adopts one left behind), or move it out of the shutdown "
                                + "Applications", related);
            }
        }
    }

    /** Whether an Application (an app-of-apps) syncs the folder. */
    private static boolean deploys(Resource root, String folder) {
        return sourcePaths(root).stream().anyMatch(p -> folder.equals(p + "/") || folder.startsWith(p + "/"));
    }

    /** The folders an Application syncs (its {@code source.path} and each {@code sources[].path}). */
    static List<String> sourcePaths(Resource app) {
        List<String> out = new ArrayList<>();
        if (app.get(FieldPath.of("spec", "source", "path")) instanceof String p) {
            out.add(strip(p));
        }
        if (app.get(FieldPath.of("spec", "sources")) instanceof List<?> l) {
            for (Object s : l) {
                if (Doc.string(s, "path") instanceof String p) {
                    out.add(strip(p));
                }
            }
        }
        return out;
    }

    private static String strip(String path) {
        String p = path.strip();
        while (p.endsWith("/")) {
            p = p.substring(0, p.length() - 1);
        }
        return p.startsWith("./") ? p.substring(2) : p;
    }
}
