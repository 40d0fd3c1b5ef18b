package dev.gitops.validator.domain.arch;

import dev.gitops.validator.resource.Resource;
import dev.gitops.validator.source.FieldPath;
import java.util.List;
import java.util.Map;

/** Where the pod spec of a workload kind lives, and whether it pins the node architecture. */
final class PodTemplates {

    private PodTemplates() {
    }

    static List<FieldPath> of(Resource r) {
        String kind = r.kind() == null ? "" : r.kind();
        return switch (kind) {
            case "Deployment", "StatefulSet", "DaemonSet", "ReplicaSet", "Job", "Rollout" ->
                    List.of(FieldPath.of("spec", "template", "spec"));
            case "CronJob" -> List.of(FieldPath.of("spec", "jobTemplate", "spec", "template", "spec"));
            case "Pod" -> List.of(FieldPath.of("spec"));
            default -> List.of();
        };
    }

    /** True when the pod spec selects nodes of the architecture (nodeSelector or required node affinity). */
    static boolean pins(Map<?, ?> spec, String arch) {
        if (spec.get("nodeSelector") instanceof Map<?, ?> ns && arch.equals(ns.get(ArchitectureCheck.ARCH_LABEL))) {
            return true;
        }
        if (spec.get("affinity") instanceof Map<?, ?> a && a.get("nodeAffinity") instanceof Map<?, ?> na
                && na.get("requiredDuringSchedulingIgnoredDuringExecution") instanceof Map<?, ?> req
                && req.get("nodeSelectorTerms") instanceof List<?> terms && !terms.isEmpty()) {
            for (Object t : terms) {
                if (!(t instanceof Map<?, ?> term) || !(term.get("matchExpressions") instanceof List<?> exprs)
                        || exprs.stream().noneMatch(e -> e instanceof Map<?, ?> m
                        && ArchitectureCheck.ARCH_LABEL.equals(m.get("key")) && "In".equals(m.get("operator"))
                        && m.get("values") instanceof List<?> v && v.equals(List.of(arch)))) {
                    return false;
                }
            }
            return true;
        }
        return false;
    }
}
