package dev.gitops.validator.domain.argocd;

import static dev.gitops.validator.finding.Rule.error;

import dev.gitops.validator.check.Check;
import dev.gitops.validator.check.CheckContext;
import dev.gitops.validator.check.Findings;
import dev.gitops.validator.config.ConfigSection;
import dev.gitops.validator.domain.Topology;
import dev.gitops.validator.domain.traffic.ShutdownScope;
import dev.gitops.validator.finding.Rule;
import dev.gitops.validator.model.ArgoCd.AppProject;
import dev.gitops.validator.model.ArgoCd.Application;
import dev.gitops.validator.model.ArgoCd.Source;
import dev.gitops.validator.model.ArgoCd;
import dev.gitops.validator.model.ModelKind;
import dev.gitops.validator.model.Models;
import dev.gitops.validator.resource.Resource;
import dev.gitops.validator.resource.ResourceRef;
import dev.gitops.validator.source.FieldPath;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The Argo CD app-of-apps graph: sources that exist or are pinned, destinations and projects that allow
 * them, one owner per resource, no cycles or orphans, sync waves that install CRDs and controllers before
 * their custom resources, and cluster trees that sync themselves with prune, selfHeal and the resources
 * finalizer.
 */
public final class ArgoCdCheck implements Check {

    public static final String CATEGORY = "argocd";
    public static final Rule SOURCE = error("ARGOCD001", CATEGORY);
    public static final Rule SOURCES_FIELD = error("ARGOCD002", CATEGORY);
    public static final Rule DESTINATION = error("ARGOCD003", CATEGORY);
    public static final Rule PROJECT = error("ARGOCD004", CATEGORY);
    public static final Rule SHARED = error("ARGOCD005", CATEGORY);
    public static final Rule CYCLE = error("ARGOCD006", CATEGORY);
    public static final Rule ORPHAN = error("ARGOCD007", CATEGORY);
    public static final Rule WAVES = error("ARGOCD008", CATEGORY);
    public static final Rule WAVE_VALUE = error("ARGOCD009", CATEGORY);
    public static final Rule AUTOMATED = error("ARGOCD010", CATEGORY);
    public static final Rule FINALIZER = error("ARGOCD011", CATEGORY);

    private static final Pattern REF = Pattern.compile("[A-Za-z0-9_-]+");
    private static final Pattern PINNED = Pattern.compile("v?[0-9]+(\\.[0-9]+)*([-+][0-9A-Za-z.-]+)?|[0-9a-f]{40}");

    @Override
    public List<ConfigSection<?>> configSections() {
        return List.of(SECTION);
    }

    /** {@code argocd.repoURL} in the configuration: the URL of this repository, or null to guess it. */
    public static final ConfigSection<String> SECTION = new ConfigSection<>("argocd", r -> r.string("repoURL", null));

    @Override
    public List<Rule> rules() {
        return List.of(SOURCE, SOURCES_FIELD, DESTINATION, PROJECT, SHARED, CYCLE, ORPHAN, WAVES, WAVE_VALUE,
                AUTOMATED, FINALIZER);
    }

    @Override
    public void run(CheckContext context, Findings findings) {
        Models models = Models.of(context.resources());
        List<Application> apps = models.all(ModelKind.APPLICATION);
        Topology topology = Topology.of(context.config(), context.resources());
        waveValues(context.resources(), findings);
        if (apps.isEmpty()) {
            return;
        }
        AppGraph graph = AppGraph.of(apps, context.resources(), context.config().settings(SECTION));
        List<AppProject> projects = models.all(ModelKind.APP_PROJECT);
        for (Application a : graph.apps()) {
            sources(context.root(), graph, a, findings);
            destination(a, findings);
            project(a, projects, topology, findings);
        }
        shared(graph, topology, findings);
        cycles(graph, findings);
        orphans(graph, context.resources(), topology, ShutdownScope.of(context.config(), context.resources()), findings);
        waves(context.root(), graph, topology, findings);
        treePolicies(graph, findings);
    }

    private void waveValues(List<Resource> resources, Findings f) {
        FieldPath at = FieldPath.of("metadata", "annotations", ArgoCd.SYNC_WAVE);
        for (Resource r : resources) {
            Object v = r.get(at);
            if (v != null && !(v instanceof String s && s.strip().matches("-?[0-9]{1,9}"))) {
                f.at(WAVE_VALUE, r, at, "sync wave '" + v + "' is not an integer: Argo CD silently uses wave 0",
                        "write the wave as a quoted integer, e.g. \"-10\"");
            }
        }
    }

    private static FieldPath sourcePath(Application a, int i) {
        return a.spec().hasSources() ? FieldPath.of("spec", "sources", i) : FieldPath.of("spec", "source");
    }

    private void sources(Path root, AppGraph graph, Application a, Findings f) {
        var spec = a.spec();
        if (spec.hasSources() && spec.source() != null) {
            f.at(SOURCES_FIELD, a.source(), FieldPath.of("spec", "source"), "Application " + a.name()
                    + " sets both source and sources: Argo CD ignores source", "keep one of them");
        } else if (!spec.hasSources() && spec.source() == null) {
            f.at(SOURCES_FIELD, a.source(), FieldPath.of("spec"), "Application " + a.name()
                    + " has neither source nor sources", null);
        }
        Map<String, Integer> refs = new LinkedHashMap<>();
        List<Source> list = spec.effectiveSources();
        for (int i = 0; i < list.size(); i++) {
            Source s = list.get(i);
            FieldPath at = sourcePath(a, i);
            if (s.ref() != null) {
                if (!REF.matcher(s.ref()).matches()) {
                    f.at(SOURCES_FIELD, a.source(), at.key("ref"), "sources.ref " + s.ref()
                            + " cannot contain any special characters except '_' and '-'", null);
                }
                if (refs.putIfAbsent(s.ref(), i) != null) {
                    f.at(SOURCES_FIELD, a.source(), at.key("ref"), "multiple sources had the same `ref` key", null);
                }
            }
            if (s.path() == null && !s.isChart() && s.ref() == null) {
                f.at(SOURCE, a.source(), at, "spec.source.repoURL and either spec.source.path or spec.source.chart "
                        + "are required", null);
                continue;
            }
            if (graph.isLocal(s)) {
                Path dir = root.resolve(s.path()).normalize();
                if (!dir.startsWith(root.normalize()) || !Files.isDirectory(dir)) {
                    f.at(SOURCE, a.source(), at.key("path"), "source path " + s.path()
                            + " does not exist in the repository", "create the folder or correct the path");
                }
                continue;
            }
            String rev = s.targetRevision();
            if (s.isChart() && (rev == null || rev.isBlank())) {
                f.at(SOURCE, a.source(), at, "spec.source.targetRevision is required if the manifest source is a helm "
                        + "chart", "pin the chart version, e.g. 1.14.1");
            } else if (rev == null || !PINNED.matcher(rev.strip()).matches()) {
                f.at(SOURCE, a.source(), rev == null ? at : at.key("targetRevision"), "remote source "
                                + (s.isChart() ? "chart " + s.chart() : s.repoURL()) + " is not pinned (targetRevision "
                                + (rev == null ? "unset, i.e. HEAD" : "'" + rev + "'") + ")",
                        "pin an exact version (1.2.3) or a commit SHA so both clusters run what was reviewed");
            }
        }
    }

    private void destination(Application a, Findings f) {
        var d = a.spec().destination();
        if (d == null) {
            return;
        }
        boolean server = d.server() != null && !d.server().isEmpty();
        boolean name = d.name() != null && !d.name().isEmpty();
        if (server && name) {
            f.at(DESTINATION, a.source(), FieldPath.of("spec", "destination"),
                    "application destination can't have both name and server defined: " + d.name() + " " + d.server(),
                    null);
        } else if (!server && !name) {
            f.at(DESTINATION, a.source(), FieldPath.of("spec", "destination"),
                    "Destination server missing from app spec", "set server (or name) of the target cluster");
        }
    }

    private void project(Application a, List<AppProject> projects, Topology topology, Findings f) {
        String name = a.spec().project();
        if (name == null) {
            return;
        }
        AppProject p = projects.stream().filter(x -> name.equals(x.name()) && topology.sameCluster(a.source(),
                x.source())).findFirst().orElse(null);
        if (p == null) {
            if (!name.equals("default")) {
                f.at(PROJECT, a.source(), FieldPath.of("spec", "project"), "AppProject " + name
                        + " is not defined in the cluster of Application " + a.name(), null);
            }
            return;
        }
        List<Source> list = a.spec().effectiveSources();
        for (int i = 0; i < list.size(); i++) {
            String repo = list.get(i).repoURL();
            if (repo != null && p.sourceRepos().stream().noneMatch(g -> globMatch(g, repo))) {
                f.at(PROJECT, a.source(), sourcePath(a, i).key("repoURL"), "repository " + repo
                                + " is not permitted in project '" + name + "'", "add it to the project's sourceRepos",
                        List.of(Findings.location(p.source(), FieldPath.of("spec", "sourceRepos"), "project sourceRepos")));
            }
        }
        var d = a.spec().destination();
        if (d != null) {
            String ns = d.namespace() == null ? "" : d.namespace();
            boolean ok = p.destinations().stream().anyMatch(x ->
                    (d.server() != null ? x.server() != null && globMatch(x.server(), d.server())
                            : x.name() != null && d.name() != null && globMatch(x.name(), d.name()))
                            && (x.namespace() == null || globMatch(x.namespace(), ns)));
            if (!ok) {
                f.at(PROJECT, a.source(), FieldPath.of("spec", "destination"), "application destination server '"
                                + (d.server() != null ? d.server() : d.name()) + "' and namespace '" + ns
                                + "' do not match any of the allowed destinations in project '" + name + "'", null,
                        List.of(Findings.location(p.source(), FieldPath.of("spec", "destinations"),
                                "project destinations")));
            }
        }
    }

    private static boolean globMatch(String glob, String value) {
        if (glob.equals("*")) {
            return true;
        }
        String g = glob.startsWith("!") ? glob.substring(1) : glob;
        boolean m = FileSystems.getDefault().getPathMatcher("glob:" + g.replace("/", "\u0001"))
                .matches(Path.of(value.replace("/", "\u0001")));
        return glob.startsWith("!") != m;
    }

    private void shared(AppGraph graph, Topology topology, Findings f) {
        for (String cluster : topology.clusters().isEmpty() ? Set.of("") : topology.clusters()) {
            Map<String, Object[]> owner = new LinkedHashMap<>();
            for (Application a : graph.apps()) {
                if (!cluster.isEmpty() && !topology.clustersOf(a.source()).contains(cluster)) {
                    continue;
                }
                for (Resource r : graph.contentOf(a)) {
                    ResourceRef ref = r.ref();
                    String ns = ref.namespace() == null ? String.valueOf(a.spec().destination() == null ? ""
                            : a.spec().destination().namespace()) : ref.namespace();
                    String key = ref.group() + "|" + ref.kind() + "|" + ns + "|" + ref.name();
                    Object[] first = owner.putIfAbsent(key, new Object[] {a, r});
                    if (first != null && first[0] != a) {
                        Application other = (Application) first[0];
                        f.at(SHARED, r, FieldPath.ROOT, ref.display() + " is managed by Applications " + other.name()
                                        + " and " + a.name() + (cluster.isEmpty() ? "" : " in cluster " + cluster)
                                        + ": they would fight over it (SharedResourceWarning)",
                                "let exactly one Application's sources contain it",
                                List.of(Findings.location(other.source(), FieldPath.of("spec"), "Application "
                                        + other.name()), Findings.location(a.source(), FieldPath.of("spec"),
                                        "Application " + a.name())));
                    }
                }
            }
        }
    }

    private void cycles(AppGraph graph, Findings f) {
        Map<Application, Integer> state = new IdentityHashMap<>();
        for (Application a : graph.apps()) {
            visit(graph, a, state, new ArrayList<>(), f);
        }
    }

    private void visit(AppGraph graph, Application a, Map<Application, Integer> state, List<Application> stack,
                       Findings f) {
        Integer s = state.get(a);
        if (s != null && s == 2) {
            return;
        }
        if (s != null && s == 1) {
            int from = stack.indexOf(a);
            List<String> names = new ArrayList<>();
            for (Application x : stack.subList(from, stack.size())) {
                names.add(x.name());
            }
            names.add(a.name());
            f.at(CYCLE, a.source(), FieldPath.of("spec"), "app-of-apps cycle: " + String.join(" -> ", names),
                    "an Application must not render itself or an ancestor (exclude its own file)");
            return;
        }
        state.put(a, 1);
        stack.add(a);
        for (Application c : graph.children(a)) {
            visit(graph, c, state, stack, f);
        }
        stack.removeLast();
        state.put(a, 2);
    }

    private void orphans(AppGraph graph, List<Resource> resources, Topology topology, ShutdownScope shutdown,
                         Findings f) {
        if (graph.roots().isEmpty()) {
            return;
        }
        Map<Resource, Application> reached = graph.reachable();
        Set<Resource> seen = java.util.Collections.newSetFromMap(new IdentityHashMap<>());
        seen.addAll(reached.keySet());
        Set<String> reported = new java.util.HashSet<>();
        for (Resource r : resources) {
            String file = Topology.path(r);
            // ./gitops shutdown removes a shut-down cluster's Applications and leaves their folders for release.
            boolean parked = topology.clustersOf(r).size() == 1
                    && shutdown.shuttingDown(topology.clustersOf(r).iterator().next());
            if (file.startsWith("apps/") && !seen.contains(r) && !parked && reported.add(file)) {
                f.at(ORPHAN, r, FieldPath.ROOT, file + " is under apps/ but no cluster's root Application reaches it",
                        "add an Application (in clusters/<cluster>/apps/) whose sources include its folder, or delete it");
            }
        }
    }

    private void waves(Path root, AppGraph graph, Topology topology, Findings f) {
        // The Applications that install each custom kind (group/kind), in the graph's order, worked out once per kind.
        Map<String, List<Application>> installers = new java.util.HashMap<>();
        Providers providers = new Providers(root, graph);
        for (Application consumer : graph.apps()) {
            int consumerWave = AppGraph.wave(consumer.source());
            // Each custom kind the consumer deploys, with the first resource of it (the finding points there).
            Map<String, Resource> kinds = new java.util.LinkedHashMap<>();
            for (Resource r : graph.contentOf(consumer)) {
                ResourceRef ref = r.ref();
                if (ref.group() != null && ref.kind() != null && !Providers.isBuiltIn(ref.group())) {
                    kinds.putIfAbsent(ref.group() + "/" + ref.kind(), r);
                }
            }
            for (Map.Entry<String, Resource> kind : kinds.entrySet()) {
                Resource r = kind.getValue();
                ResourceRef ref = r.ref();
                List<Application> installing = installers.computeIfAbsent(kind.getKey(), k -> graph.apps().stream()
                        .filter(a -> providers.provides(a, ref.group(), ref.kind())).toList());
                for (Application provider : installing) {
                    if (provider == consumer || !topology.sameCluster(provider.source(), consumer.source())) {
                        continue;
                    }
                    int providerWave = AppGraph.wave(provider.source());
                    if (providerWave >= consumerWave) {
                        f.at(WAVES, consumer.source(), FieldPath.of("metadata", "annotations", ArgoCd.SYNC_WAVE),
                                "Application " + consumer.name() + " (wave " + consumerWave + ") deploys " + ref.kind()
                                        + " (" + ref.group() + "), whose CRD/controller Application " + provider.name()
                                        + " syncs in wave " + providerWave + ", not earlier",
                                "give the controller's Application a lower sync wave",
                                List.of(Findings.location(provider.source(), FieldPath.of("metadata"),
                                        "Application " + provider.name()), Findings.location(r, FieldPath.ROOT,
                                        "custom resource")));
                        break; // one finding per kind and consumer
                    }
                }
            }
        }
    }

    private void treePolicies(AppGraph graph, Findings f) {
        Set<Application> children = java.util.Collections.newSetFromMap(new IdentityHashMap<>());
        for (Application a : graph.apps()) {
            children.addAll(graph.children(a));
        }
        for (Application a : graph.apps()) {
            boolean inTree = Topology.path(a.source()).startsWith("clusters/");
            if (!inTree) {
                continue;
            }
            var sp = a.spec().syncPolicy();
            var auto = sp == null ? null : sp.automated();
            if (auto == null || !auto.isEnabled() || !Boolean.TRUE.equals(auto.prune())
                    || !Boolean.TRUE.equals(auto.selfHeal())) {
                FieldPath at = auto == null ? (sp == null ? FieldPath.of("spec") : FieldPath.of("spec", "syncPolicy"))
                        : FieldPath.of("spec", "syncPolicy", "automated");
                f.at(AUTOMATED, a.source(), at, "Application " + a.name() + " does not sync automatically with prune "
                        + "and selfHeal: Git stops being the truth for this cluster",
                        "set syncPolicy.automated: {prune: true, selfHeal: true}");
            }
            if (children.contains(a) && a.metadata().finalizers().stream()
                    .noneMatch(x -> x.startsWith(ArgoCd.RESOURCES_FINALIZER))) {
                f.at(FINALIZER, a.source(), FieldPath.of("metadata"), "child Application " + a.name()
                                + " has no " + ArgoCd.RESOURCES_FINALIZER + " finalizer: removing it leaves its resources running",
                        "add metadata.finalizers: [" + ArgoCd.RESOURCES_FINALIZER + "]");
            }
        }
    }
}
