package dev.gitops.validator.domain.infra;

import dev.gitops.validator.resource.Resource;
import dev.gitops.validator.source.FieldPath;
import java.util.List;
import java.util.Map;

/**
 * A NetworkPolicy ({@code networking.k8s.io/v1}) as far as a pod's egress to one address is concerned:
 * which pods it selects, whether it restricts their egress, and whether one of its egress rules lets
 * them reach an address on a TCP port. Peers that select pods or namespaces never match an address
 * outside the pod network (a host-network link-local address); named ports never match an
 * {@code ipBlock} destination.
 */
public record EgressPolicy(Resource source) {

    public static boolean is(Resource r) {
        return "NetworkPolicy".equals(r.kind()) && "networking.k8s.io/v1".equals(r.apiVersion());
    }

    public String name() {
        return source.ref().name();
    }

    public String namespace() {
        return source.ref().namespace();
    }

    /**
     * Whether the policy restricts egress: {@code policyTypes} lists {@code Egress}, or, without
     * {@code policyTypes}, the policy has an {@code egress} section (the API server's default).
     */
    public boolean restrictsEgress() {
        Object types = source.get(FieldPath.of("spec", "policyTypes"));
        if (types instanceof List<?> l) {
            return l.contains("Egress");
        }
        return source.get(FieldPath.of("spec", "egress")) != null;
    }

    /** Whether the policy has egress rules of its own (the place to add one). */
    public boolean hasEgressRules() {
        return source.get(FieldPath.of("spec", "egress")) instanceof List<?> l && !l.isEmpty();
    }

    /** Whether an egress rule of the policy names an {@code ipBlock} (reaches addresses outside the cluster). */
    public boolean reachesAddresses() {
        return source.get(FieldPath.of("spec", "egress")) instanceof List<?> rules && rules.stream()
                .anyMatch(r -> r instanceof Map<?, ?> rule && rule.get("to") instanceof List<?> peers
                        && peers.stream().anyMatch(p -> p instanceof Map<?, ?> m && m.containsKey("ipBlock")));
    }

    /**
     * Whether the pod selector selects pods with these labels. With {@code labels} null (the pods of a
     * chart, whose labels the tree does not hold) only the empty selector, every pod of the namespace,
     * counts as selecting them.
     */
    public boolean selects(Map<String, String> labels) {
        Object selector = source.get(FieldPath.of("spec", "podSelector"));
        Map<?, ?> s = selector instanceof Map<?, ?> m ? m : Map.of();
        Map<?, ?> match = s.get("matchLabels") instanceof Map<?, ?> m ? m : Map.of();
        List<?> expressions = s.get("matchExpressions") instanceof List<?> l ? l : List.of();
        if (match.isEmpty() && expressions.isEmpty()) {
            return true;
        }
        if (labels == null) {
            return false;
        }
        for (Map.Entry<?, ?> e : match.entrySet()) {
            if (!String.valueOf(e.getValue()).equals(labels.get(String.valueOf(e.getKey())))) {
                return false;
            }
        }
        for (Object o : expressions) {
            if (!(o instanceof Map<?, ?> e) || !matches(e, labels)) {
                return false;
            }
        }
        return true;
    }

    private static boolean matches(Map<?, ?> expression, Map<String, String> labels) {
        String value = labels.get(String.valueOf(expression.get("key")));
        List<?> values = expression.get("values") instanceof List<?> l ? l : List.of();
        return switch (String.valueOf(expression.get("operator"))) {
            case "In" -> value != null && values.contains(value);
            case "NotIn" -> value == null || !values.contains(value);
            case "Exists" -> value != null;
            case "DoesNotExist" -> value == null;
            default -> false;
        };
    }

    /** Whether an egress rule of the policy allows TCP to {@code address} on {@code port}. */
    public boolean allowsTcp(byte[] address, int port) {
        if (!(source.get(FieldPath.of("spec", "egress")) instanceof List<?> rules)) {
            return false;
        }
        for (Object o : rules) {
            if (o instanceof Map<?, ?> rule && to(rule.get("to"), address) && ports(rule.get("ports"), port)) {
                return true;
            }
        }
        return false;
    }

    /** An absent or empty {@code to} allows every destination; otherwise an ipBlock must hold the address. */
    private static boolean to(Object peers, byte[] address) {
        if (!(peers instanceof List<?> l) || l.isEmpty()) {
            return true;
        }
        for (Object o : l) {
            if (o instanceof Map<?, ?> peer && peer.get("ipBlock") instanceof Map<?, ?> block) {
                Cidr cidr = Cidr.parse(String.valueOf(block.get("cidr")));
                List<?> except = block.get("except") instanceof List<?> x ? x : List.of();
                if (cidr != null && cidr.contains(address) && except.stream()
                        .map(x -> Cidr.parse(String.valueOf(x))).noneMatch(x -> x != null && x.contains(address))) {
                    return true;
                }
            }
        }
        return false;
    }

    /** An absent or empty {@code ports} allows every port; otherwise a TCP entry must cover the port. */
    private static boolean ports(Object entries, int port) {
        if (!(entries instanceof List<?> l) || l.isEmpty()) {
            return true;
        }
        for (Object o : l) {
            if (!(o instanceof Map<?, ?> p) || !"TCP".equals(p.get("protocol") == null ? "TCP" : p.get("protocol"))) {
                continue;
            }
            Object from = p.get("port");
            if (from == null) {
                return true;
            }
            if (from instanceof Number n) {
                long first = n.longValue();
                long last = p.get("endPort") instanceof Number end ? end.longValue() : first;
                if (first <= port && port <= last) {
                    return true;
                }
            }
        }
        return false;
    }
}
