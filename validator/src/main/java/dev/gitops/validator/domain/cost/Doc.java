package dev.gitops.validator.domain.cost;

import java.util.List;
import java.util.Map;

/** Reading plain YAML values (maps, lists, scalars) and Kubernetes quantities. */
final class Doc {

    private Doc() {
    }

    /** Follows keys through nested maps; null when a step is missing. */
    static Object at(Object node, String... keys) {
        Object n = node;
        for (String k : keys) {
            if (!(n instanceof Map<?, ?> m)) {
                return null;
            }
            n = m.get(k);
        }
        return n;
    }

    static String string(Object node, String... keys) {
        Object v = at(node, keys);
        return v == null ? null : String.valueOf(v);
    }

    static List<?> list(Object node, String... keys) {
        return at(node, keys) instanceof List<?> l ? l : List.of();
    }

    static Long integer(Object node, String... keys) {
        Object v = at(node, keys);
        if (v instanceof Number n) {
            return n.longValue();
        }
        if (v instanceof String s && s.strip().matches("\\d+")) {
            return Long.parseLong(s.strip());
        }
        return null;
    }

    /** A CPU quantity in cores: {@code 500m} is 0.5, {@code 2} is 2; null when absent or malformed. */
    static Double cores(Object q) {
        if (q instanceof Number n) {
            return n.doubleValue();
        }
        if (!(q instanceof String s) || s.isBlank()) {
            return null;
        }
        String t = s.strip();
        try {
            return t.endsWith("m") ? Double.parseDouble(t.substring(0, t.length() - 1)) / 1000 : Double.parseDouble(t);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** A memory or storage quantity in GiB: {@code 4Gi}, {@code 512Mi}, {@code 1Ti}, {@code 5G}; null when malformed. */
    static Double gib(Object q) {
        if (q instanceof Number n) {
            return n.doubleValue() / (1L << 30);
        }
        if (!(q instanceof String s) || s.isBlank()) {
            return null;
        }
        String t = s.strip();
        String[][] units = {{"Ki", "1024"}, {"Mi", "1048576"}, {"Gi", "1073741824"}, {"Ti", "1099511627776"},
            {"k", "1e3"}, {"M", "1e6"}, {"G", "1e9"}, {"T", "1e12"}};
        try {
            for (String[] u : units) {
                if (t.endsWith(u[0])) {
                    return Double.parseDouble(t.substring(0, t.length() - u[0].length())) * Double.parseDouble(u[1])
                            / (1L << 30);
                }
            }
            return Double.parseDouble(t) / (1L << 30);
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
