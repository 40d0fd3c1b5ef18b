package dev.gitops.validator.domain.argocd;

import dev.gitops.validator.resource.Resource;
import dev.gitops.validator.source.FieldPath;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Node taints that keep pods off a node (effects NoSchedule and NoExecute; PreferNoSchedule only
 * discourages) and the Kubernetes rule by which a pod's tolerations match them.
 */
final class Taints {

    /** A taint of a node group, with the effect spelled as on a Kubernetes node. */
    record Taint(String key, String value, String effect) {

        @Override
        public String toString() {
            return key + (value == null || value.isEmpty() ? "" : "=" + value) + ":" + effect;
        }
    }

    private Taints() {
    }

    /**
     * The blocking taints of an EKS managed node group ({@code eks.services.k8s.aws} {@code Nodegroup}
     * {@code spec.taints[]}, effects {@code NO_SCHEDULE}, {@code NO_EXECUTE}, {@code PREFER_NO_SCHEDULE}).
     */
    static List<Taint> ofNodegroup(Resource nodegroup) {
        List<Taint> out = new ArrayList<>();
        if (!(nodegroup.get(FieldPath.of("spec", "taints")) instanceof List<?> taints)) {
            return out;
        }
        for (Object o : taints) {
            if (o instanceof Map<?, ?> t && t.get("key") instanceof String key) {
                String effect = switch (String.valueOf(t.get("effect"))) {
                    case "NO_SCHEDULE", "NoSchedule" -> "NoSchedule";
                    case "NO_EXECUTE", "NoExecute" -> "NoExecute";
                    default -> null;
                };
                if (effect != null) {
                    out.add(new Taint(key, t.get("value") == null ? "" : String.valueOf(t.get("value")), effect));
                }
            }
        }
        return out;
    }

    /** True when the tolerations (a pod spec's {@code tolerations} list) tolerate every taint. */
    static boolean toleratesAll(Object tolerations, List<Taint> taints) {
        return taints.stream().allMatch(t -> tolerates(tolerations, t));
    }

    /**
     * The Kubernetes matching rule (core/v1 {@code Toleration.ToleratesTaint}): the effects agree or the
     * toleration names none; the keys agree, or the key is empty with operator Exists; with Exists any
     * value matches, with Equal (the default operator) the values are equal.
     */
    static boolean tolerates(Object tolerations, Taint taint) {
        if (!(tolerations instanceof List<?> list)) {
            return false;
        }
        for (Object o : list) {
            if (!(o instanceof Map<?, ?> t)) {
                continue;
            }
            String effect = string(t.get("effect"));
            String key = string(t.get("key"));
            String operator = t.get("operator") == null ? "Equal" : string(t.get("operator"));
            if (!effect.isEmpty() && !effect.equals(taint.effect())) {
                continue;
            }
            if (key.isEmpty()) {
                if ("Exists".equals(operator)) {
                    return true;
                }
                continue;
            }
            if (!key.equals(taint.key())) {
                continue;
            }
            if ("Exists".equals(operator) || "Equal".equals(operator) && string(t.get("value")).equals(taint.value())) {
                return true;
            }
        }
        return false;
    }

    private static String string(Object o) {
        return o == null ? "" : String.valueOf(o);
    }
}
