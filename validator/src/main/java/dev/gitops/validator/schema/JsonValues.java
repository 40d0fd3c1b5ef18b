package dev.gitops.validator.schema;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.List;
import java.util.Map;

/** Converts the plain values of a loaded document (Map, List, String, Long, Double, Boolean) to JSON nodes. */
final class JsonValues {

    private static final JsonNodeFactory F = JsonNodeFactory.withExactBigDecimals(true);

    private JsonValues() {
    }

    static JsonNode toNode(Object v) {
        return switch (v) {
            case null -> F.nullNode();
            case Map<?, ?> m -> {
                ObjectNode o = F.objectNode();
                for (Map.Entry<?, ?> e : m.entrySet()) {
                    o.set(String.valueOf(e.getKey()), toNode(e.getValue()));
                }
                yield o;
            }
            case List<?> l -> {
                ArrayNode a = F.arrayNode(l.size());
                for (Object item : l) {
                    a.add(toNode(item));
                }
                yield a;
            }
            case String s -> F.textNode(s);
            case Boolean b -> F.booleanNode(b);
            case Long l -> F.numberNode(l);
            case Integer i -> F.numberNode(i);
            case BigInteger b -> F.numberNode(b);
            case Double d -> d.isNaN() || d.isInfinite() ? F.textNode(String.valueOf(d)) : F.numberNode(d);
            case BigDecimal d -> F.numberNode(d);
            case Number n -> F.numberNode(n.doubleValue());
            default -> F.textNode(String.valueOf(v));
        };
    }
}
