package dev.gitops.validator.apiserver;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Structural defaulting (apiextensions {@code default}): the API server fills absent fields that have a
 * default before it validates, so rules are judged against the defaulted object. The input is not modified.
 */
final class Defaults {

    private Defaults() {
    }

    static Object apply(Object value, Map<?, ?> schema) {
        if (value instanceof Map<?, ?> map) {
            Map<?, ?> props = schema.get("properties") instanceof Map<?, ?> p ? p : Map.of();
            Map<?, ?> additional = schema.get("additionalProperties") instanceof Map<?, ?> a ? a : null;
            Map<String, Object> out = new LinkedHashMap<>();
            for (Map.Entry<?, ?> e : map.entrySet()) {
                Object child = props.get(e.getKey()) instanceof Map<?, ?> c ? c : additional;
                out.put(String.valueOf(e.getKey()), child instanceof Map<?, ?> cs ? apply(e.getValue(), cs) : e.getValue());
            }
            for (Map.Entry<?, ?> e : props.entrySet()) {
                String key = String.valueOf(e.getKey());
                if (out.get(key) == null && e.getValue() instanceof Map<?, ?> ps && ps.get("default") != null) {
                    out.put(key, apply(ps.get("default"), ps));
                }
            }
            return out;
        }
        if (value instanceof List<?> list && schema.get("items") instanceof Map<?, ?> items) {
            List<Object> out = new ArrayList<>(list.size());
            for (Object item : list) {
                out.add(apply(item, items));
            }
            return out;
        }
        return value;
    }
}
