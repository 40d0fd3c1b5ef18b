package dev.gitops.validator.apiserver;

import java.util.List;
import java.util.Map;

/** Label selector matching (k8s.io/apimachinery/pkg/labels), for a workload's selector against its template. */
final class Selectors {

    private Selectors() {
    }

    /** True when the LabelSelector matches the labels; an empty selector matches nothing here (it is invalid). */
    static boolean matches(Map<?, ?> selector, Map<?, ?> labels) {
        boolean any = false;
        if (selector.get("matchLabels") instanceof Map<?, ?> ml) {
            for (Map.Entry<?, ?> e : ml.entrySet()) {
                any = true;
                if (!String.valueOf(e.getValue()).equals(String.valueOf(labels.get(e.getKey())))
                        || !labels.containsKey(e.getKey())) {
                    return false;
                }
            }
        }
        if (selector.get("matchExpressions") instanceof List<?> exprs) {
            for (Object o : exprs) {
                if (!(o instanceof Map<?, ?> e) || !(e.get("key") instanceof String key)) {
                    continue;
                }
                any = true;
                List<?> values = e.get("values") instanceof List<?> l ? l : List.of();
                boolean has = labels.containsKey(key);
                Object value = labels.get(key);
                boolean ok = switch (String.valueOf(e.get("operator"))) {
                    case "In" -> has && values.contains(value);
                    case "NotIn" -> !has || !values.contains(value);
                    case "Exists" -> has;
                    case "DoesNotExist" -> !has;
                    default -> true; // an unknown operator is the schema's to report
                };
                if (!ok) {
                    return false;
                }
            }
        }
        return any;
    }
}
