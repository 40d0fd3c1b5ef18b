package dev.gitops.validator.apiserver;

import dev.gitops.validator.check.Findings;
import dev.gitops.validator.finding.Severity;
import dev.gitops.validator.resource.Resource;
import dev.gitops.validator.source.FieldPath;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Custom resources against what their CRD (among the validated files) declares beyond types, as the API server
 * enforces it: {@code x-kubernetes-list-type: map} keys and {@code set} items are unique, and every
 * {@code x-kubernetes-validations} rule holds. The object is first defaulted from the schema's
 * {@code default}s, as the API server does before it validates.
 */
final class CustomResources {

    /** The served versions' schemas of the CRDs of the run, by {@code group|version|kind}. */
    private final Map<String, Map<?, ?>> schemas = new HashMap<>();
    private final boolean anyRules;
    private CelRules cel;

    CustomResources(List<Resource> resources) {
        boolean rules = false;
        for (Resource r : resources) {
            if (!Crds.isCrd(r) || !(r.get("spec.group") instanceof String group)
                    || !(r.get("spec.names.kind") instanceof String kind)
                    || !(r.get("spec.versions") instanceof List<?> versions)) {
                continue;
            }
            for (Object v : versions) {
                if (v instanceof Map<?, ?> version && version.get("name") instanceof String name
                        && version.get("schema") instanceof Map<?, ?> s && s.get("openAPIV3Schema") instanceof Map<?, ?> schema) {
                    schemas.putIfAbsent(group + "|" + name + "|" + kind, schema);
                    rules |= Crds.hasRules(schema);
                }
            }
        }
        anyRules = rules;
    }

    boolean isEmpty() {
        return schemas.isEmpty();
    }

    void check(Resource r, Findings f) {
        Map<?, ?> schema = schemas.get(r.ref().group() + "|" + r.ref().version() + "|" + r.kind());
        if (schema == null) {
            return;
        }
        walk(r, Defaults.apply(r.content(), schema), schema, FieldPath.ROOT, f);
    }

    private void walk(Resource r, Object value, Map<?, ?> schema, FieldPath at, Findings f) {
        if (value == null) {
            return;
        }
        if (anyRules && schema.get("x-kubernetes-validations") instanceof List<?> rules) {
            for (Object o : rules) {
                if (o instanceof Map<?, ?> rule && rule.get("rule") instanceof String expression) {
                    rule(r, value, rule, expression, at, f);
                }
            }
        }
        if (value instanceof Map<?, ?> map) {
            Map<?, ?> props = schema.get("properties") instanceof Map<?, ?> p ? p : Map.of();
            Map<?, ?> additional = schema.get("additionalProperties") instanceof Map<?, ?> a ? a : null;
            for (Map.Entry<?, ?> e : map.entrySet()) {
                String key = String.valueOf(e.getKey());
                if (at.isRoot() && key.equals("metadata")) {
                    continue;
                }
                Map<?, ?> child = props.get(key) instanceof Map<?, ?> c ? c : additional;
                if (child != null) {
                    walk(r, e.getValue(), child, at.key(key), f);
                }
            }
        } else if (value instanceof List<?> list) {
            listKeys(r, list, schema, at, f);
            if (schema.get("items") instanceof Map<?, ?> items) {
                for (int i = 0; i < list.size(); i++) {
                    walk(r, list.get(i), items, at.index(i), f);
                }
            }
        }
    }

    private static void listKeys(Resource r, List<?> list, Map<?, ?> schema, FieldPath at, Findings f) {
        Object type = schema.get("x-kubernetes-list-type");
        if ("set".equals(type)) {
            Set<Object> seen = new HashSet<>();
            for (int i = 0; i < list.size(); i++) {
                if (!seen.add(list.get(i))) {
                    f.at(ApiServerRules.LIST_KEYS, r, at.index(i), "Duplicate value: " + render(list.get(i))
                            + " (x-kubernetes-list-type: set)", "remove the repeated item");
                }
            }
        } else if ("map".equals(type) && schema.get("x-kubernetes-list-map-keys") instanceof List<?> keys) {
            Set<List<Object>> seen = new HashSet<>();
            for (int i = 0; i < list.size(); i++) {
                if (!(list.get(i) instanceof Map<?, ?> item)) {
                    continue;
                }
                List<Object> key = new ArrayList<>();
                Map<String, Object> shown = new LinkedHashMap<>();
                for (Object k : keys) {
                    key.add(item.get(k));
                    shown.put(String.valueOf(k), item.get(k));
                }
                if (!seen.add(key)) {
                    f.at(ApiServerRules.LIST_KEYS, r, at.index(i), "Duplicate value: " + shown
                            + " (x-kubernetes-list-type: map, keyed by " + keys + ")", "merge or rename the items");
                }
            }
        }
    }

    private void rule(Resource r, Object self, Map<?, ?> rule, String expression, FieldPath at, Findings f) {
        if (Crds.isTransitionRule(expression)) {
            return; // compares with the stored object: never applies when the object is created
        }
        CelRules.Compiled compiled = cel().compile(expression);
        FieldPath where = rule.get("fieldPath") instanceof String fp ? Crds.relative(at, fp) : at;
        switch (compiled) {
            case CelRules.Invalid i -> {
                // the CRD itself is refused (API006 reports it on the CRD); its objects are not judged by it
            }
            case CelRules.Unsupported u -> f.add(dev.gitops.validator.check.Findings.of(ApiServerRules.CEL_RULES, r, at,
                    "rule '" + expression + "' cannot be evaluated offline: " + firstLine(u.problem()),
                    "the API server evaluates it at apply time", List.of()).withSeverity(Severity.WARNING));
            case CelRules.Ready ready -> {
                Object messageExpression = rule.get("messageExpression");
                CelRules.Outcome outcome = cel().evaluate(ready, self,
                        messageExpression instanceof String s ? s : null);
                switch (outcome) {
                    case CelRules.Passed p -> {
                    }
                    case CelRules.Failed failed -> f.at(ApiServerRules.CEL_RULES, r, where, failed.message() != null
                            ? failed.message() : rule.get("message") instanceof String m && !m.isBlank() ? m
                            : "failed rule: " + expression, null);
                    case CelRules.Error e -> f.at(ApiServerRules.CEL_RULES, r, where, "rule '" + expression
                            + "' failed to evaluate: " + firstLine(e.problem()), null);
                }
            }
        }
    }

    /** The CEL environment, built the first time a rule is met. */
    synchronized CelRules cel() {
        if (cel == null) {
            cel = new CelRules();
        }
        return cel;
    }

    private static String render(Object v) {
        return v instanceof String s ? "\"" + s + "\"" : String.valueOf(v);
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "unknown error";
        }
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }
}
