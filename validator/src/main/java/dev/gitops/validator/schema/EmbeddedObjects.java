package dev.gitops.validator.schema;

import dev.gitops.validator.resource.Resource;
import dev.gitops.validator.source.FieldPath;
import io.kubernetes.client.openapi.models.V1JobSpec;
import io.kubernetes.client.openapi.models.V1PodTemplateSpec;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;

/**
 * Core Kubernetes objects held inside custom resources that have a typed model: the typed model leaves them
 * to this table, and the schema check validates them against the Kubernetes model as it does a built-in kind.
 * A path segment {@code *} stands for every item of a list.
 */
final class EmbeddedObjects {

    /** One embedded object: where it sits and which model describes it. */
    record Embedded(List<String> path, Class<?> model) {
    }

    private static final List<Embedded> JOB = List.of(
            new Embedded(List.of("spec", "metrics", "*", "provider", "job", "spec"), V1JobSpec.class));

    /** {@code group/Kind} to its embedded objects. */
    private static final Map<String, List<Embedded>> BY_KIND = Map.of(
            "argoproj.io/Rollout", List.of(new Embedded(List.of("spec", "template"), V1PodTemplateSpec.class)),
            "argoproj.io/Experiment",
            List.of(new Embedded(List.of("spec", "templates", "*", "template"), V1PodTemplateSpec.class)),
            "argoproj.io/AnalysisTemplate", JOB,
            "argoproj.io/ClusterAnalysisTemplate", JOB,
            "argoproj.io/AnalysisRun", JOB);

    private EmbeddedObjects() {
    }

    /** Calls {@code visit} with each embedded object of the resource: its path and its model. */
    static void forEach(Resource r, BiConsumer<FieldPath, Class<?>> visit) {
        List<Embedded> embedded = BY_KIND.get(r.ref().group() + "/" + r.kind());
        if (embedded == null) {
            return;
        }
        for (Embedded e : embedded) {
            walk(r.content(), e.path(), 0, FieldPath.ROOT, e.model(), visit);
        }
    }

    private static void walk(Object node, List<String> path, int i, FieldPath at, Class<?> model,
                             BiConsumer<FieldPath, Class<?>> visit) {
        if (node == null) {
            return;
        }
        if (i == path.size()) {
            visit.accept(at, model);
            return;
        }
        String seg = path.get(i);
        if (seg.equals("*")) {
            if (node instanceof List<?> list) {
                for (int k = 0; k < list.size(); k++) {
                    walk(list.get(k), path, i + 1, at.index(k), model, visit);
                }
            }
        } else if (node instanceof Map<?, ?> m) {
            walk(m.get(seg), path, i + 1, at.key(seg), model, visit);
        }
    }
}
