package dev.gitops.validator.schema;

import dev.gitops.validator.finding.Suggestions;
import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.dialect.Dialect;
import com.networknt.schema.dialect.Dialects;
import com.networknt.schema.format.Format;
import com.networknt.schema.path.NodePath;
import com.networknt.schema.path.PathType;
import dev.gitops.validator.source.FieldPath;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Evaluates custom resources against their schemas with the networknt JSON-schema engine (OpenAPI
 * 3.0 dialect, as CRDs use: {@code nullable}, boolean {@code exclusiveMinimum}, ...), and turns its
 * errors into violations at field paths.
 */
final class SchemaEngine {

    private static final Set<String> TYPE_KEYWORDS = Set.of("type");
    private static final Set<String> VALUE_KEYWORDS = Set.of("enum", "const", "pattern", "minimum", "maximum",
            "exclusiveMinimum", "exclusiveMaximum", "multipleOf", "minLength", "maxLength", "minItems", "maxItems",
            "uniqueItems", "minProperties", "maxProperties", "format", "not", "allOf", "oneOf", "anyOf");

    private final SchemaRegistry registry;

    SchemaEngine() {
        Dialect dialect = Dialect.builder("https://gitops.dev/schemas/kubernetes-structural", Dialects.getOpenApi30())
                .format(new GoDuration())
                .build();
        SchemaRegistryConfig config = SchemaRegistryConfig.builder()
                .formatAssertionsEnabled(true)
                .pathType(PathType.JSON_PATH)
                .locale(Locale.ROOT)
                .build();
        registry = SchemaRegistry.withDefaultDialect(dialect, b -> b.schemaRegistryConfig(config));
    }

    /** A compiled schema with the converted source it came from (for "did you mean"). */
    record Compiled(Schema schema, JsonNode source) {
    }

    /**
     * Compiles an engine schema.
     *
     * @throws IllegalArgumentException when the engine rejects it
     */
    Compiled compile(JsonNode engineSchema) {
        try {
            Schema s = registry.getSchema(engineSchema);
            s.initializeValidators();
            return new Compiled(s, engineSchema);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(e.getMessage() == null ? e.toString() : e.getMessage(), e);
        }
    }

    static void validate(Compiled compiled, Object content, Consumer<Violation> out) {
        JsonNode instance = JsonValues.toNode(content);
        List<Error> errors = compiled.schema().validate(instance);
        for (Error e : errors) {
            FieldPath at = toFieldPath(e.getInstanceLocation());
            if (at.startsWith(FieldPath.of("metadata")) && at.segments().size() > 1) {
                continue; // metadata is checked against the ObjectMeta model
            }
            String keyword = e.getKeyword() == null ? "" : e.getKeyword();
            String message = stripLocation(e.getMessage());

            switch (keyword) {
                case "additionalProperties" -> {
                    String name = e.getProperty();
                    List<String> known = StructuralSchemas.propertyNames(parentSchema(compiled.source(), e));
                    String suggestion = name == null ? null : Suggestions.closest(name, known);
                    FieldPath p = name == null ? at : at.key(name);
                    out.accept(new Violation(SchemaRules.UNKNOWN_FIELD, p,
                            "unknown field '" + name + "'" + (at.isRoot() ? "" : " in " + at)
                                    + (suggestion == null ? "" : "; did you mean '" + suggestion + "'?"),
                            suggestion == null ? "remove it, or check the CRD's schema" : "rename it to '" + suggestion + "'"));
                }
                case "required" -> {
                    String name = e.getProperty();
                    out.accept(new Violation(SchemaRules.MISSING_FIELD, name == null ? at : at.key(name),
                            "missing required field '" + name + "'" + (at.isRoot() ? "" : " in " + at), "add " + name));
                }
                case "type" -> out.accept(ModelValidator.wrongType(at, expectedType(e.getSchemaNode()),
                        plain(e.getInstanceNode())));
                case "enum" -> {
                    List<String> allowed = new ArrayList<>();
                    if (e.getSchemaNode() != null) {
                        e.getSchemaNode().forEach(n -> allowed.add(n.isTextual() ? n.asText() : n.toString()));
                    }
                    String given = e.getInstanceNode() == null ? "?" : e.getInstanceNode().isTextual()
                            ? e.getInstanceNode().asText() : e.getInstanceNode().toString();
                    String suggestion = Suggestions.closest(given, allowed);
                    out.accept(new Violation(SchemaRules.INVALID_VALUE, at, "'" + given + "' is not an allowed value (one of: "
                            + String.join(", ", allowed) + ")" + (suggestion == null ? "" : "; did you mean '" + suggestion + "'?"),
                            suggestion == null ? null : "use '" + suggestion + "'"));
                }
                default -> {
                    if (e.getInstanceNode() != null && e.getInstanceNode().isValueNode()
                            && VALUE_KEYWORDS.contains(keyword)) {
                        message = "'" + e.getInstanceNode().asText() + "' " + message;
                    }
                    if (TYPE_KEYWORDS.contains(keyword)) {
                        out.accept(new Violation(SchemaRules.WRONG_TYPE, at, message, null));
                    } else if (isIntOrString(e)) {
                        out.accept(new Violation(SchemaRules.WRONG_TYPE, at, "expected integer or string", null));
                    } else if (VALUE_KEYWORDS.contains(keyword)) {
                        out.accept(new Violation(SchemaRules.INVALID_VALUE, at, message, null));
                    } else {
                        out.accept(new Violation(SchemaRules.INVALID_VALUE, at, message + " (" + keyword + ")", null));
                    }
                }
            }
        }
    }

    private static String expectedType(JsonNode typeKeyword) {
        if (typeKeyword == null) {
            return "another type";
        }
        if (typeKeyword.isArray()) {
            List<String> names = new ArrayList<>();
            typeKeyword.forEach(n -> names.add(n.asText()));
            return String.join(" or ", names);
        }
        return typeKeyword.asText();
    }

    private static Object plain(JsonNode n) {
        if (n == null || n.isNull()) {
            return null;
        }
        if (n.isTextual()) {
            return n.asText();
        }
        if (n.isBoolean()) {
            return n.asBoolean();
        }
        if (n.isIntegralNumber()) {
            return n.bigIntegerValue().bitLength() < 64 ? (Object) n.asLong() : n.bigIntegerValue();
        }
        if (n.isNumber()) {
            return n.asDouble();
        }
        return n.isArray() ? List.of() : java.util.Map.of();
    }

    private static boolean isIntOrString(Error e) {
        JsonNode s = e.getSchemaNode();
        if (!"anyOf".equals(e.getKeyword()) && !"oneOf".equals(e.getKeyword())) {
            return false;
        }
        if (s == null || !s.isArray() || s.size() != 2) {
            return false;
        }
        Set<String> types = new java.util.HashSet<>();
        for (JsonNode n : s) {
            types.add(n.path("type").asText());
        }
        return types.equals(Set.of("integer", "string"));
    }

    /** The schema object holding the failed {@code additionalProperties} (from the error's schema location). */
    private static JsonNode parentSchema(JsonNode source, Error e) {
        if (e.getSchemaLocation() == null) {
            return null;
        }
        String loc = e.getSchemaLocation().toString();
        int hash = loc.indexOf('#');
        String pointer = hash < 0 ? "" : loc.substring(hash + 1);
        if (pointer.endsWith("/additionalProperties")) {
            pointer = pointer.substring(0, pointer.length() - "/additionalProperties".length());
        }
        JsonNode n = source.at(pointer.isEmpty() ? "" : pointer);
        return n.isMissingNode() ? null : n;
    }

    static FieldPath toFieldPath(NodePath path) {
        List<Object> segs = new ArrayList<>();
        if (path != null) {
            for (int i = 0; i < path.getNameCount(); i++) {
                Object el = path.getElement(i);
                segs.add(el instanceof Integer idx ? idx : String.valueOf(el));
            }
        }
        return new FieldPath(segs);
    }

    private static String stripLocation(String message) {
        if (message == null) {
            return "invalid value";
        }
        if (message.startsWith("$")) {
            int colon = message.indexOf(": ");
            if (colon > 0) {
                return message.substring(colon + 2);
            }
        }
        return message;
    }

    /** Kubernetes' {@code format: duration} is Go's time.ParseDuration syntax, not ISO 8601. */
    private static final class GoDuration implements Format {
        @Override
        public String getName() {
            return "duration";
        }

        @Override
        public boolean matches(com.networknt.schema.ExecutionContext ctx, String value) {
            return ValueFormats.goDuration(value) == null;
        }
    }
}
