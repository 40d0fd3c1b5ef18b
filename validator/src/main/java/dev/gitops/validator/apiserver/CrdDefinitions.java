package dev.gitops.validator.apiserver;

import dev.gitops.validator.check.Findings;
import dev.gitops.validator.resource.Resource;
import dev.gitops.validator.source.FieldPath;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * A CustomResourceDefinition as the API server validates it (k8s.io/apiextensions-apiserver
 * pkg/apis/apiextensions/validation): its name is {@code <plural>.<group>}, the group has a dot, exactly one
 * version is the storage version, and each version's schema is structural: every node has a type, no
 * unsupported keyword ({@code $ref}, {@code patternProperties}, ...), arrays have items, list types are
 * consistent, CEL rules parse. Schema keywords are also checked where the Kubernetes model cannot reach
 * ({@code items}, {@code additionalProperties}), so a misspelt keyword there is reported too.
 */
final class CrdDefinitions {

    /** The keywords of apiextensions/v1 JSONSchemaProps. */
    private static final Set<String> KEYWORDS = Set.of("id", "$schema", "$ref", "description", "type", "format",
            "title", "default", "maximum", "exclusiveMaximum", "minimum", "exclusiveMinimum", "maxLength", "minLength",
            "pattern", "maxItems", "minItems", "uniqueItems", "multipleOf", "enum", "maxProperties", "minProperties",
            "required", "items", "allOf", "oneOf", "anyOf", "not", "properties", "additionalProperties",
            "patternProperties", "dependencies", "additionalItems", "definitions", "externalDocs", "example",
            "nullable", "x-kubernetes-preserve-unknown-fields", "x-kubernetes-embedded-resource",
            "x-kubernetes-int-or-string", "x-kubernetes-list-map-keys", "x-kubernetes-list-type",
            "x-kubernetes-map-type", "x-kubernetes-validations");
    /** Keywords a structural schema may not use (apiextensions validation: "Forbidden"). */
    private static final List<String> FORBIDDEN = List.of("$ref", "id", "definitions", "dependencies",
            "patternProperties", "additionalItems");
    private static final Set<String> LIST_TYPES = Set.of("atomic", "set", "map");

    private CrdDefinitions() {
    }

    static void check(Resource crd, Supplier<CelRules> cel, Findings f) {
        Object group = crd.get("spec.group");
        Object plural = crd.get("spec.names.plural");
        Object name = crd.get("metadata.name");
        if (group instanceof String g && plural instanceof String p && name instanceof String n
                && !n.equals(p + "." + g)) {
            f.at(ApiServerRules.CRD_DEFINITION, crd, FieldPath.of("metadata", "name"), "metadata.name '" + n
                    + "' is invalid: must be spec.names.plural+\".\"+spec.group ('" + p + "." + g + "')", null);
        }
        if (group instanceof String g && !g.contains(".")) {
            f.at(ApiServerRules.CRD_DEFINITION, crd, FieldPath.of("spec", "group"), "spec.group '" + g
                    + "' is invalid: should be a domain with at least one dot", null);
        }
        if (!(crd.get("spec.versions") instanceof List<?> versions)) {
            return;
        }
        int storage = 0;
        Set<String> names = new HashSet<>();
        for (int i = 0; i < versions.size(); i++) {
            if (!(versions.get(i) instanceof Map<?, ?> v)) {
                continue;
            }
            FieldPath at = FieldPath.of("spec", "versions", i);
            if (Boolean.TRUE.equals(v.get("storage"))) {
                storage++;
            }
            if (v.get("name") instanceof String vn) {
                if (!names.add(vn)) {
                    f.at(ApiServerRules.CRD_DEFINITION, crd, at.key("name"), "versions name: Duplicate value: \"" + vn
                            + "\"", null);
                }
                for (String problem : NameFormats.dns1035Label(vn)) {
                    f.at(ApiServerRules.CRD_DEFINITION, crd, at.key("name"), "version name '" + vn + "' is invalid: "
                            + problem, null);
                }
            }
            if (v.get("schema") instanceof Map<?, ?> s && s.get("openAPIV3Schema") instanceof Map<?, ?> schema) {
                FieldPath root = at.key("schema").key("openAPIV3Schema");
                if (schema.get("type") != null && !"object".equals(schema.get("type"))) {
                    f.at(ApiServerRules.CRD_DEFINITION, crd, root.key("type"), "type: Invalid value: must be object at "
                            + "the root", null);
                }
                node(crd, schema, root, true, false, cel, f);
            }
        }
        if (storage != 1) {
            f.at(ApiServerRules.CRD_DEFINITION, crd, FieldPath.of("spec", "versions"), "spec.versions: Invalid value: "
                    + "must have exactly one version marked as storage version (found " + storage + ")", null);
        }
    }

    /**
     * One schema node.
     *
     * @param covered whether the Kubernetes model of JSONSchemaProps reaches this node (then SCHEMA001 reports
     *     unknown keywords; below {@code items} and {@code additionalProperties} it does not)
     * @param inJunctor whether the node is inside allOf/anyOf/oneOf/not, where types are not required
     */
    private static void node(Resource crd, Map<?, ?> s, FieldPath at, boolean covered, boolean inJunctor,
                             Supplier<CelRules> cel, Findings f) {
        for (Object k : s.keySet()) {
            String key = String.valueOf(k);
            if (!covered && !KEYWORDS.contains(key)) {
                f.at(ApiServerRules.CRD_DEFINITION, crd, at.key(key), "unknown schema keyword '" + key + "'", null);
            }
        }
        for (String forbidden : FORBIDDEN) {
            if (s.containsKey(forbidden)) {
                f.at(ApiServerRules.CRD_DEFINITION, crd, at.key(forbidden), forbidden + ": Forbidden: not allowed in a "
                        + "structural schema", null);
            }
        }
        if (Boolean.TRUE.equals(s.get("uniqueItems"))) {
            f.at(ApiServerRules.CRD_DEFINITION, crd, at.key("uniqueItems"), "uniqueItems: Forbidden: uniqueItems "
                    + "cannot be set to true since the runtime complexity becomes quadratic", "use x-kubernetes-list-type: set");
        }
        if (Boolean.FALSE.equals(s.get("x-kubernetes-preserve-unknown-fields"))) {
            f.at(ApiServerRules.CRD_DEFINITION, crd, at.key("x-kubernetes-preserve-unknown-fields"),
                    "x-kubernetes-preserve-unknown-fields: Invalid value: must be true or undefined", null);
        }
        if (s.get("properties") != null && s.get("additionalProperties") != null) {
            f.at(ApiServerRules.CRD_DEFINITION, crd, at.key("additionalProperties"), "additionalProperties and "
                    + "properties are mutual exclusive", null);
        }
        boolean typeFree = Boolean.TRUE.equals(s.get("x-kubernetes-int-or-string"))
                || Boolean.TRUE.equals(s.get("x-kubernetes-preserve-unknown-fields"));
        if (!inJunctor && !typeFree && s.get("type") == null) {
            f.at(ApiServerRules.CRD_DEFINITION, crd, at, "type: Required value: must not be empty for specified "
                    + "fields of a structural schema", "add type (object, array, string, integer, number or boolean)");
        }
        if ("array".equals(s.get("type")) && s.get("items") == null) {
            f.at(ApiServerRules.CRD_DEFINITION, crd, at, "items: Required value: must be specified for type array",
                    null);
        }
        listType(crd, s, at, f);
        rules(crd, s, at, cel, f);
        if (s.get("properties") instanceof Map<?, ?> props) {
            for (Map.Entry<?, ?> e : props.entrySet()) {
                if (e.getValue() instanceof Map<?, ?> child) {
                    node(crd, child, at.key("properties").key(String.valueOf(e.getKey())), covered, inJunctor, cel, f);
                }
            }
        }
        if (s.get("items") instanceof Map<?, ?> items) {
            node(crd, items, at.key("items"), false, inJunctor, cel, f);
        }
        if (s.get("additionalProperties") instanceof Map<?, ?> additional) {
            node(crd, additional, at.key("additionalProperties"), false, inJunctor, cel, f);
        }
        for (String junctor : List.of("allOf", "anyOf", "oneOf")) {
            if (s.get(junctor) instanceof List<?> list) {
                for (int i = 0; i < list.size(); i++) {
                    if (list.get(i) instanceof Map<?, ?> child) {
                        node(crd, child, at.key(junctor).index(i), covered, true, cel, f);
                    }
                }
            }
        }
        if (s.get("not") instanceof Map<?, ?> not) {
            node(crd, not, at.key("not"), covered, true, cel, f);
        }
    }

    private static void listType(Resource crd, Map<?, ?> s, FieldPath at, Findings f) {
        Object type = s.get("x-kubernetes-list-type");
        Object keys = s.get("x-kubernetes-list-map-keys");
        if (type != null && !LIST_TYPES.contains(type)) {
            f.at(ApiServerRules.CRD_DEFINITION, crd, at.key("x-kubernetes-list-type"), "x-kubernetes-list-type: "
                    + "Unsupported value: \"" + type + "\": supported values: \"atomic\", \"map\", \"set\"", null);
        }
        if (keys != null && !"map".equals(type)) {
            f.at(ApiServerRules.CRD_DEFINITION, crd, at.key("x-kubernetes-list-map-keys"), "x-kubernetes-list-map-keys:"
                    + " Forbidden: must not be set if x-kubernetes-list-type is not map", null);
        }
        if (!"map".equals(type)) {
            return;
        }
        if (!(keys instanceof List<?> keyList) || keyList.isEmpty()) {
            f.at(ApiServerRules.CRD_DEFINITION, crd, at, "x-kubernetes-list-map-keys: Required value: must not be "
                    + "empty if x-kubernetes-list-type is map", null);
            return;
        }
        Map<?, ?> items = s.get("items") instanceof Map<?, ?> m ? m : Map.of();
        if (!"object".equals(items.get("type"))) {
            f.at(ApiServerRules.CRD_DEFINITION, crd, at.key("items"), "items.type: Invalid value: must be object if "
                    + "parent array's x-kubernetes-list-type is map", null);
            return;
        }
        Map<?, ?> props = items.get("properties") instanceof Map<?, ?> p ? p : Map.of();
        List<?> required = items.get("required") instanceof List<?> r ? r : List.of();
        for (Object key : keyList) {
            if (!(props.get(key) instanceof Map<?, ?> keySchema)) {
                f.at(ApiServerRules.CRD_DEFINITION, crd, at.key("x-kubernetes-list-map-keys"), "x-kubernetes-list-map-keys"
                        + ": Invalid value: \"" + key + "\": entries must all be names of item properties", null);
            } else if (!required.contains(key) && keySchema.get("default") == null) {
                f.at(ApiServerRules.CRD_DEFINITION, crd, at.key("x-kubernetes-list-map-keys"), "x-kubernetes-list-map-keys"
                        + ": Invalid value: \"" + key + "\": all map keys must be required or have a default value",
                        null);
            }
        }
    }

    private static void rules(Resource crd, Map<?, ?> s, FieldPath at, Supplier<CelRules> cel, Findings f) {
        if (!(s.get("x-kubernetes-validations") instanceof List<?> rules)) {
            return;
        }
        for (int i = 0; i < rules.size(); i++) {
            if (rules.get(i) instanceof Map<?, ?> rule && rule.get("rule") instanceof String expression
                    && cel.get().compile(expression) instanceof CelRules.Invalid invalid) {
                f.at(ApiServerRules.CRD_DEFINITION, crd, at.key("x-kubernetes-validations").index(i).key("rule"),
                        "rule '" + expression + "' does not compile: " + invalid.problem().lines().findFirst().orElse(""),
                        null);
            }
        }
    }
}
