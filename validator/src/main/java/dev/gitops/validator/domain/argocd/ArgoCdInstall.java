package dev.gitops.validator.domain.argocd;

import dev.gitops.validator.model.ArgoCd.Application;
import dev.gitops.validator.model.ArgoCd.Source;
import java.nio.file.Path;

/**
 * Which Application installs Argo CD itself: one installing the {@code argo-cd} chart, or one whose
 * directory source builds a kustomization over Argo CD's upstream manifests ({@code argoproj/argo-cd}).
 * That directory is also what bootstrap applies by hand before the root Application exists.
 */
final class ArgoCdInstall {

    private ArgoCdInstall() {
    }

    static boolean installs(Path root, AppGraph graph, Application a) {
        return a.spec().effectiveSources().stream().anyMatch(s -> isInstall(root, graph, s));
    }

    static boolean isInstall(Path root, AppGraph graph, Source s) {
        return s.isChart() && "argo-cd".equals(s.chart()) || graph.isLocal(s)
                && KustomizePatches.read(root.resolve(s.path())).remote().stream()
                .anyMatch(r -> r.contains("argoproj/argo-cd"));
    }
}
