package dev.gitops.validator.domain.argocd;

import static dev.gitops.validator.finding.Rule.error;

import dev.gitops.validator.check.Check;
import dev.gitops.validator.check.CheckContext;
import dev.gitops.validator.check.Findings;
import dev.gitops.validator.config.ConfigSection;
import dev.gitops.validator.finding.Rule;
import dev.gitops.validator.domain.Kustomization;
import dev.gitops.validator.domain.Topology;
import dev.gitops.validator.model.ArgoCd.Application;
import dev.gitops.validator.model.ArgoCd.Source;
import dev.gitops.validator.resource.Resource;
import dev.gitops.validator.source.FieldPath;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * An app-of-apps that orders its child Applications in sync waves needs Argo CD to report the health of
 * Applications: since Argo CD 1.8 the built-in Application health check is gone, so a wave only waits for
 * its child Applications to be created, not healthy, unless {@code argocd-cm} carries
 * {@code resource.customizations.health.argoproj.io_Application}. The customization must be part of the
 * same cluster's tree: an {@code argocd-cm} ConfigMap, the {@code configs.cm} values of an Application
 * installing the argo-cd chart, or a kustomization of an Application's directory source that sets it.
 */
public final class ApplicationHealthCheck implements Check {

    public static final Rule RULE = error("ARGOCD013", ArgoCdCheck.CATEGORY);

    public static final String KEY = "resource.customizations.health.argoproj.io_Application";

    @Override
    public List<Rule> rules() {
        return List.of(RULE);
    }

    @Override
    public void run(CheckContext context, Findings findings) {
        AppGraph graph = AppGraph.of(context).orElse(null);
        if (graph == null) {
            return;
        }
        Topology topology = Topology.of(context.config(), context.resources());
        for (Application parent : graph.apps()) {
            Set<Integer> waves = new TreeSet<>();
            for (Application child : graph.children(parent)) {
                waves.add(AppGraph.wave(child.source()));
            }
            if (waves.size() < 2 || healthReported(parent, context, graph, topology)) {
                continue;
            }
            findings.at(RULE, parent.source(), FieldPath.of("metadata", "name"), "Application " + parent.name()
                            + " orders its child Applications in sync waves " + waves + ", but nothing in this "
                            + "cluster's tree sets " + KEY + " in argocd-cm: Argo CD then reports no health for "
                            + "Applications and every wave starts without waiting for the one before",
                    "manage Argo CD's configuration in the tree (argocd-cm ConfigMap, argo-cd chart values "
                            + "configs.cm, or a kustomize patch of argocd-cm) with the Application health check");
        }
    }

    private static boolean healthReported(Application parent, CheckContext context, AppGraph graph,
                                          Topology topology) {
        for (Resource r : context.resources()) {
            if ("ConfigMap".equals(r.kind()) && "argocd-cm".equals(r.ref().name())
                    && topology.sameCluster(parent.source(), r)
                    && r.get("data") instanceof Map<?, ?> data && data.get(KEY) instanceof String s && !s.isBlank()) {
                return true;
            }
        }
        for (Application a : graph.apps()) {
            if (!topology.sameCluster(parent.source(), a.source())) {
                continue;
            }
            List<Source> sources = a.spec().effectiveSources();
            for (int i = 0; i < sources.size(); i++) {
                Source s = sources.get(i);
                FieldPath helm = a.spec().hasSources() ? FieldPath.of("spec", "sources", i, "helm")
                        : FieldPath.of("spec", "source", "helm");
                if (s.isChart() && "argo-cd".equals(s.chart()) && (a.source().get(helm.key("valuesObject")
                        .key("configs").key("cm")) instanceof Map<?, ?> cm && cm.get(KEY) != null
                        || a.source().get(helm.key("values")) instanceof String v && v.contains(KEY))) {
                    return true;
                }
                if (graph.isLocal(s) && kustomizationSets(context.root().resolve(s.path()))) {
                    return true;
                }
            }
        }
        return false;
    }

    private static boolean kustomizationSets(Path dir) {
        Path f = Kustomization.fileOf(dir);
        try {
            return f != null && Files.readString(f).contains(KEY);
        } catch (IOException e) {
            return false;
        }
    }

    @Override
    public List<ConfigSection<?>> configSections() {
        return List.of(ArgoCdCheck.SECTION);
    }
}
