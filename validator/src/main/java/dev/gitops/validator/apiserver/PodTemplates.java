package dev.gitops.validator.apiserver;

import dev.gitops.validator.resource.Resource;
import dev.gitops.validator.source.FieldPath;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;

/**
 * Where pod templates sit, per kind, and what the owning workload demands of them: a ReplicaSet-like workload
 * (Deployment, ReplicaSet, StatefulSet, DaemonSet, ReplicationController, and the Argo Rollouts Rollout and
 * Experiment, whose controllers create ReplicaSets) accepts only {@code restartPolicy: Always}; a Job (and a
 * CronJob's, and a job analysis provider's) requires {@code OnFailure} or {@code Never}.
 */
final class PodTemplates {

    /** What the workload owning a pod template accepts. */
    enum Workload { POD, REPLICATED, JOB, TEMPLATE }

    /**
     * One place of pod templates in a kind.
     *
     * @param path the path to the PodTemplateSpec ({@code *}: every item of a list); for a Pod, the Pod itself
     * @param selector where the workload's LabelSelector sits, relative to the resource, or null when the
     *     selector is not checked here
     */
    record Site(List<String> path, Workload workload, List<String> selector) {
    }

    private static final List<String> TEMPLATE = List.of("spec", "template");
    private static final List<String> SELECTOR = List.of("spec", "selector");
    private static final Site APPS = new Site(TEMPLATE, Workload.REPLICATED, SELECTOR);
    private static final Site JOB_PROVIDER = new Site(
            List.of("spec", "metrics", "*", "provider", "job", "spec", "template"), Workload.JOB, null);

    /** {@code group/Kind} to its pod templates. */
    private static final Map<String, Site> BY_KIND = Map.ofEntries(
            Map.entry("/Pod", new Site(List.of(), Workload.POD, null)),
            Map.entry("/PodTemplate", new Site(List.of("template"), Workload.TEMPLATE, null)),
            Map.entry("/ReplicationController", new Site(TEMPLATE, Workload.REPLICATED, null)),
            Map.entry("apps/Deployment", APPS),
            Map.entry("apps/ReplicaSet", APPS),
            Map.entry("apps/StatefulSet", APPS),
            Map.entry("apps/DaemonSet", APPS),
            Map.entry("batch/Job", new Site(TEMPLATE, Workload.JOB, null)),
            Map.entry("batch/CronJob", new Site(List.of("spec", "jobTemplate", "spec", "template"), Workload.JOB, null)),
            // argo-rollouts ValidateRolloutSpec: ValidatePodTemplateSpecForReplicaSet (ROLLOUT002 checks the selector)
            Map.entry("argoproj.io/Rollout", new Site(TEMPLATE, Workload.REPLICATED, null)),
            Map.entry("argoproj.io/Experiment",
                    new Site(List.of("spec", "templates", "*", "template"), Workload.REPLICATED, null)),
            Map.entry("argoproj.io/AnalysisTemplate", JOB_PROVIDER),
            Map.entry("argoproj.io/ClusterAnalysisTemplate", JOB_PROVIDER),
            Map.entry("argoproj.io/AnalysisRun", JOB_PROVIDER));

    private PodTemplates() {
    }

    /** The kind's pod template site, or null. */
    static Site of(Resource r) {
        return BY_KIND.get(r.ref().group() + "/" + r.kind());
    }

    /** Calls {@code visit} with the path of every pod template (or Pod) of the resource. */
    static void forEach(Resource r, Site site, BiConsumer<FieldPath, Map<?, ?>> visit) {
        walk(r.content(), site.path(), 0, FieldPath.ROOT, visit);
    }

    private static void walk(Object node, List<String> path, int i, FieldPath at, BiConsumer<FieldPath, Map<?, ?>> visit) {
        if (i == path.size()) {
            if (node instanceof Map<?, ?> m) {
                visit.accept(at, m);
            }
            return;
        }
        String seg = path.get(i);
        if (seg.equals("*")) {
            if (node instanceof List<?> list) {
                for (int k = 0; k < list.size(); k++) {
                    walk(list.get(k), path, i + 1, at.index(k), visit);
                }
            }
        } else if (node instanceof Map<?, ?> m) {
            walk(m.get(seg), path, i + 1, at.key(seg), visit);
        }
    }
}
