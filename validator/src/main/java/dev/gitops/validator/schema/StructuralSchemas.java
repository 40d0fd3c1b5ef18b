package dev.gitops.validator.schema;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Turns a Kubernetes structural schema (a CRD's {@code openAPIV3Schema}, OpenAPI 3.0 flavoured)
 * into a schema a standard OpenAPI 3.0 / JSON-schema engine evaluates the way the API server does:
 *
 * <ul>
 *   <li>{@code x-kubernetes-int-or-string}: an integer or a string;</li>
 *   <li>{@code x-kubernetes-embedded-resource}: an object with {@code apiVersion}, {@code kind} and
 *       {@code metadata};</li>
 *   <li>unknown fields: with {@code strict}, an object schema without {@code additionalProperties}
 *       and without {@code x-kubernetes-preserve-unknown-fields: true} gets
 *       {@code additionalProperties: false}: the API server would drop (and kubectl's strict field
 *       validation reject) any field its schema does not declare;</li>
 *   <li>the root's {@code metadata} is left to the ObjectMeta model, which checks it field by field.</li>
 * </ul>
 * {@code nullable}, {@code enum}, {@code pattern}, {@code minimum}/{@code maximum}, {@code format}
 * and the rest keep their OpenAPI meaning and are evaluated by the engine.
 */
final class StructuralSchemas {

    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    private StructuralSchemas() {
    }

    /** A converted copy of {@code schema}; the input is not modified. */
    static ObjectNode toEngineSchema(JsonNode schema, boolean strict) {
        ObjectNode root = schema instanceof ObjectNode o ? o.deepCopy() : F.objectNode();
        convert(root, strict);
        ObjectNode props = root.has("properties") && root.get("properties").isObject()
                ? (ObjectNode) root.get("properties") : root.putObject("properties");
        if (!props.has("apiVersion")) {
            props.putObject("apiVersion").put("type", "string");
        }
        if (!props.has("kind")) {
            props.putObject("kind").put("type", "string");
        }
        props.set("metadata", F.objectNode().put("type", "object"));
        if (!root.has("type")) {
            root.put("type", "object");
        }
        return root;
    }

    private static void convert(ObjectNode s, boolean strict) {
        if (s.path("x-kubernetes-int-or-string").asBoolean(false) || "int-or-string".equals(s.path("format").asText())) {
            s.remove("type");
            if ("int-or-string".equals(s.path("format").asText())) {
                s.remove("format");
            }
            if (s.get("anyOf") instanceof ArrayNode any && isIntOrStringBranches(any)) {
                s.remove("anyOf"); // the type union below says the same, with one error instead of two
            }
            s.putArray("type").add("integer").add("string");
        }
        boolean preserve = s.path("x-kubernetes-preserve-unknown-fields").asBoolean(false);
        if (s.path("x-kubernetes-embedded-resource").asBoolean(false)) {
            ObjectNode props = s.has("properties") && s.get("properties").isObject()
                    ? (ObjectNode) s.get("properties") : s.putObject("properties");
            for (String k : List.of("apiVersion", "kind")) {
                if (!props.has(k)) {
                    props.putObject(k).put("type", "string");
                }
            }
            if (!props.has("metadata")) {
                props.putObject("metadata").put("type", "object");
            }
            ArrayNode required = s.has("required") && s.get("required").isArray()
                    ? (ArrayNode) s.get("required") : s.putArray("required");
            for (String k : List.of("apiVersion", "kind")) {
                boolean present = false;
                for (JsonNode r : required) {
                    present |= k.equals(r.asText());
                }
                if (!present) {
                    required.add(k);
                }
            }
        }
        boolean objectType = "object".equals(s.path("type").asText()) || s.has("properties");
        if (strict && objectType && !preserve && !s.has("additionalProperties")) {
            s.put("additionalProperties", false);
        }
        if (s.get("properties") instanceof ObjectNode props) {
            for (Iterator<Map.Entry<String, JsonNode>> it = props.properties().iterator(); it.hasNext(); ) {
                if (it.next().getValue() instanceof ObjectNode child) {
                    convert(child, strict);
                }
            }
        }
        if (s.get("items") instanceof ObjectNode items) {
            convert(items, strict);
        }
        if (s.get("additionalProperties") instanceof ObjectNode ap) {
            convert(ap, strict);
        }
        // Value validations: they add constraints but never declare fields, so they are not made strict.
        for (String k : List.of("allOf", "anyOf", "oneOf")) {
            if (s.get(k) instanceof ArrayNode arr) {
                for (JsonNode n : arr) {
                    if (n instanceof ObjectNode o) {
                        convert(o, false);
                    }
                }
            }
        }
        if (s.get("not") instanceof ObjectNode not) {
            convert(not, false);
        }
    }

    private static boolean isIntOrStringBranches(ArrayNode any) {
        if (any.size() != 2) {
            return false;
        }
        java.util.Set<String> types = new java.util.HashSet<>();
        for (JsonNode n : any) {
            if (n.size() != 1) {
                return false;
            }
            types.add(n.path("type").asText());
        }
        return types.equals(java.util.Set.of("integer", "string"));
    }

    /** The names a schema object declares under {@code properties}. */
    static List<String> propertyNames(JsonNode schema) {
        JsonNode p = schema == null ? null : schema.get("properties");
        if (p == null || !p.isObject()) {
            return List.of();
        }
        java.util.ArrayList<String> out = new java.util.ArrayList<>();
        p.fieldNames().forEachRemaining(out::add);
        return out;
    }
}
