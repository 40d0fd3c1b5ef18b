package dev.gitops.validator.domain.argocd;

import static dev.gitops.validator.finding.Rule.error;

import dev.gitops.validator.check.Check;
import dev.gitops.validator.check.CheckContext;
import dev.gitops.validator.check.Findings;
import dev.gitops.validator.config.ConfigSection;
import dev.gitops.validator.domain.Topology;
import dev.gitops.validator.domain.argocd.Taints.Taint;
import dev.gitops.validator.domain.infra.InfraLayer;
import dev.gitops.validator.finding.Rule;
import dev.gitops.validator.model.ArgoCd.Application;
import dev.gitops.validator.model.ArgoCd.Source;
import dev.gitops.validator.resource.Resource;
import dev.gitops.validator.source.FieldPath;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

/**
 * A cluster whose only static capacity is tainted node groups (EKS managed {@code Nodegroup}s of
 * {@code infra/}) can run, until Karpenter launches nodes from the first {@code NodePool}, only pods that
 * tolerate those taints. Argo CD itself, the Karpenter controller, and every pod an Application synced in
 * a wave before the first NodePool's wave needs to become Healthy must tolerate them; otherwise the pods
 * stay Pending, the wave never gets Healthy (the root waits for it, ARGOCD013) and the NodePools are never
 * created. What the check sees offline: plain manifests of this repository, the recorded charts of
 * {@link ChartTolerations} with the Application's values, and the patches of a kustomization over
 * remote bases ({@link KustomizePatches}); anything else synced before the first NodePool is reported as
 * not verifiable.
 */
public final class BootstrapCapacityCheck implements Check {

    public static final Rule RULE = error("ARGOCD014", ArgoCdCheck.CATEGORY);

    /** Pods of these kinds must run for Argo CD to report the workload Healthy. */
    private static final Set<String> WORKLOADS = Set.of("Deployment", "StatefulSet", "ReplicaSet", "Job", "Rollout");

    /** The kinds a kustomization over remote bases must patch as a whole (the kinds of Argo CD's install). */
    private static final List<String> REMOTE_KINDS = List.of("Deployment", "StatefulSet");

    @Override
    public List<Rule> rules() {
        return List.of(RULE);
    }

    @Override
    public List<ConfigSection<?>> configSections() {
        return List.of(ArgoCdCheck.SECTION);
    }

    @Override
    public void run(CheckContext context, Findings findings) {
        AppGraph graph = AppGraph.of(context).orElse(null);
        if (graph == null) {
            return;
        }
        Topology topology = Topology.of(context.config(), context.resources());
        for (Application root : graph.roots()) {
            Set<String> clusters = topology.clustersOf(root.source());
            Map<String, List<Taint>> groups = nodeGroups(context.resources(), clusters);
            if (groups.isEmpty() || groups.values().stream().anyMatch(List::isEmpty)) {
                continue;
            }
            new Bootstrap(context, findings, graph, root, groups).check();
        }
    }

    /** The cluster's EKS managed node groups by name, with their blocking taints. */
    private static Map<String, List<Taint>> nodeGroups(List<Resource> resources, Set<String> clusters) {
        Map<String, List<Taint>> out = new LinkedHashMap<>();
        for (Resource r : resources) {
            if ("eks.services.k8s.aws".equals(r.ref().group()) && "Nodegroup".equals(r.kind())
                    && clusters.contains(InfraLayer.clusterOf(r))) {
                out.put(r.ref().name(), Taints.ofNodegroup(r));
            }
        }
        return out;
    }

    /** One root Application's bootstrap: its children by wave, the first NodePool, what runs before. */
    private static final class Bootstrap {
        private final CheckContext context;
        private final Findings findings;
        private final AppGraph graph;
        private final Application root;
        private final Map<String, List<Taint>> groups;
        private final Map<Application, Integer> waves = new LinkedHashMap<>();

        Bootstrap(CheckContext context, Findings findings, AppGraph graph, Application root,
                  Map<String, List<Taint>> groups) {
            this.context = context;
            this.findings = findings;
            this.graph = graph;
            this.root = root;
            this.groups = groups;
        }

        void check() {
            for (Application child : graph.children(root)) {
                assign(child, AppGraph.wave(child.source()), Collections.newSetFromMap(new IdentityHashMap<>()));
            }
            Application first = null;
            for (Map.Entry<Application, Integer> e : waves.entrySet()) {
                if (graph.contentOf(e.getKey()).stream().anyMatch(BootstrapCapacityCheck::isNodePool)
                        && (first == null || e.getValue() < waves.get(first))) {
                    first = e.getKey();
                }
            }
            if (first == null) {
                // No NodePool at all: nothing to order against (a cluster whose shutdown removed its
                // node pools first, docs/release.md, or one without Karpenter).
                return;
            }
            String poolText = "the first NodePool comes with Application " + first.name() + " at wave "
                    + waves.get(first);
            for (Map.Entry<Application, Integer> e : waves.entrySet()) {
                Application a = e.getKey();
                String role = installsArgoCd(a) ? "installs Argo CD, which runs before any wave"
                        : installsKarpenter(a) ? "installs Karpenter, which launches the NodePools' nodes"
                        : e.getValue() < waves.get(first) ? "syncs at wave " + e.getValue()
                        : null;
                if (role != null) {
                    new PodsOf(a, role + "; " + poolText).check();
                }
            }
        }

        private void assign(Application a, int wave, Set<Application> seen) {
            if (!seen.add(a)) {
                return;
            }
            waves.putIfAbsent(a, wave);
            for (Application c : graph.children(a)) {
                assign(c, wave, seen);
            }
        }

        private boolean installsArgoCd(Application a) {
            return ArgoCdInstall.installs(context.root(), graph, a);
        }

        private static boolean installsKarpenter(Application a) {
            return a.spec().effectiveSources().stream().anyMatch(s -> s.isChart() && "karpenter".equals(s.chart()));
        }

        private KustomizePatches kustomization(Source s) {
            return KustomizePatches.read(context.root().resolve(s.path()));
        }

        private boolean tolerated(Object tolerations) {
            return groups.values().stream().anyMatch(t -> Taints.toleratesAll(tolerations, t));
        }

        private String taintText() {
            return groups.entrySet().stream().map(e -> e.getValue().stream().map(Taint::toString)
                    .collect(Collectors.joining(", ")) + " (node group " + e.getKey() + ")")
                    .collect(Collectors.joining(" or "));
        }

        private String consequence() {
            return ". Until then the cluster's only static capacity is " + taintText()
                    + ": pods that do not tolerate it stay Pending and the waves after them never start";
        }

        private String fix() {
            return "create the NodePools first (Karpenter's controller, which tolerates CriticalAddonsOnly by "
                    + "default, and its NodePools in the earliest waves), or give these pods a toleration of "
                    + taintText();
        }

        /** The pods one Application runs, checked source by source. */
        private final class PodsOf {
            private final Application app;
            private final String why;

            PodsOf(Application app, String why) {
                this.app = app;
                this.why = why;
            }

            void check() {
                List<Source> sources = app.spec().effectiveSources();
                for (int i = 0; i < sources.size(); i++) {
                    Source s = sources.get(i);
                    FieldPath at = app.spec().hasSources() ? FieldPath.of("spec", "sources", i)
                            : FieldPath.of("spec", "source");
                    if (s.isChart()) {
                        chart(s, at);
                    } else if (graph.isLocal(s)) {
                        directory(s, at);
                    } else if (s.ref() == null || s.path() != null) {
                        report(at, "renders " + (s.path() == null ? s.repoURL() : s.path() + " of " + s.repoURL())
                                + ", which the validator cannot read, so whether its pods can run is unknown");
                    }
                }
            }

            private void chart(Source s, FieldPath at) {
                List<ChartTolerations.Pod> pods = ChartTolerations.of(s.chart());
                if (pods == null) {
                    report(at.key("chart"), "installs chart " + s.chart() + ", whose pods' tolerations are not "
                            + "recorded (ChartTolerations), so whether its pods can run is unknown");
                    return;
                }
                Object values = values(at.key("helm"));
                List<String> pending = new ArrayList<>();
                for (ChartTolerations.Pod p : pods) {
                    if (!tolerated(ChartTolerations.effective(p, values))) {
                        pending.add(p.name() + " (" + String.join(".", p.valuesPath()) + ")");
                    }
                }
                if (!pending.isEmpty()) {
                    report(at.key("chart"), "installs chart " + s.chart() + " whose pods " + String.join(", ", pending)
                            + " do not tolerate the taints");
                }
            }

            private Object values(FieldPath helm) {
                if (app.source().get(helm.key("valuesObject")) instanceof Map<?, ?> m) {
                    return m;
                }
                if (app.source().get(helm.key("values")) instanceof String text) {
                    try {
                        return new Load(LoadSettings.builder().build()).loadFromString(text);
                    } catch (RuntimeException e) {
                        return null;
                    }
                }
                return null;
            }

            private void directory(Source s, FieldPath at) {
                KustomizePatches k = kustomization(s);
                if (k.error() != null) {
                    report(at.key("path"), "builds " + context.root().relativize(k.file()) + ", which cannot be read (" + k.error() + ")");
                    return;
                }
                if (!k.remote().isEmpty()) {
                    List<String> open = REMOTE_KINDS.stream().filter(kind -> !tolerated(k.kindWide(kind))).toList();
                    if (!open.isEmpty()) {
                        report(at.key("path"), "builds remote resources " + k.remote() + " whose workloads the "
                                + "validator cannot see, and its kustomization gives not every " + String.join(
                                " and every ", open) + " a toleration (a patch targeting the kind, no name)");
                    }
                }
                for (Resource r : graph.contentOf(app)) {
                    if (!WORKLOADS.contains(r.kind()) || !AppGraph.renders(s, r)) {
                        continue;
                    }
                    FieldPath pod = FieldPath.of("spec", "template", "spec");
                    Object patched = k.tolerationsOf(r.kind(), r.ref().name());
                    if (!tolerated(r.get(pod.key("tolerations"))) && !tolerated(patched)) {
                        findings.at(RULE, r, pod, r.kind() + " " + r.ref().name() + " of Application " + app.name()
                                + " does not tolerate " + taintText() + "; Application " + app.name() + " " + why
                                + consequence(), fix());
                    }
                }
            }

            private void report(FieldPath at, String what) {
                findings.at(RULE, app.source(), at, "Application " + app.name() + " " + what + "; it " + why
                        + consequence(), fix());
            }
        }
    }

    private static boolean isNodePool(Resource r) {
        return "NodePool".equals(r.kind()) && "karpenter.sh".equals(r.ref().group());
    }
}
