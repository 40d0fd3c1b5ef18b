package dev.gitops.validator.schema;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.gitops.validator.check.KubernetesVersion;
import dev.gitops.validator.resource.JsonText;
import dev.gitops.validator.resource.Resource;
import dev.gitops.validator.source.FieldPath;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The schemas of custom resources, from (in this order of precedence) the CustomResourceDefinitions
 * in the validated files, the configured schema locations, and the schemas pulled from a cluster
 * ({@code ./gitops schemas pull}) into {@code .cache/schemas/cluster/}.
 */
final class CustomResourceSchemas {

    /** The outcome of a look-up. */
    sealed interface Lookup {
    }

    /** A schema was found and compiled. */
    record Found(SchemaEngine.Compiled schema, String origin) implements Lookup {
    }

    /** No source knows the kind. */
    record Missing() implements Lookup {
    }

    /** A source has the schema but it cannot be used. */
    record Broken(String origin, String problem) implements Lookup {
    }

    /** A remote source could not be reached and has no cached copy: the check cannot judge. */
    record Unreachable(String problem) implements Lookup {
    }

    /** A served version of a CRD in the repository. */
    record CrdVersion(Resource crd, FieldPath schemaPath, JsonNode schema) {
    }

    private SchemaEngine engine;
    private final KubernetesVersion kubernetes;
    private final List<SchemaLocation> locations;
    private final SchemaCache cache;
    private final SchemaLocation pulled;
    private final Map<String, CrdVersion> crds = new LinkedHashMap<>();
    private final Map<String, TreeSet<String>> crdVersions = new LinkedHashMap<>();
    private final Map<String, Lookup> resolved = new ConcurrentHashMap<>();

    CustomResourceSchemas(KubernetesVersion kubernetes, List<SchemaLocation> locations,
                          SchemaCache cache, Path pulledDir) {
        this.kubernetes = kubernetes;
        this.locations = List.copyOf(locations);
        this.cache = cache;
        this.pulled = SchemaLocation.parse(pulledDir.toString(), pulledDir);
    }

    /**
     * Registers the served versions of a CRD found among the validated resources.
     *
     * @return problems with the CRD's schemas (path, message), to be reported on the CRD
     */
    List<Map.Entry<FieldPath, String>> addCrd(Resource crd) {
        List<Map.Entry<FieldPath, String>> problems = new ArrayList<>();
        Object group = crd.get("spec.group");
        Object kind = crd.get("spec.names.kind");
        if (!(group instanceof String g) || !(kind instanceof String k) || !(crd.get("spec.versions") instanceof List<?> versions)) {
            return problems; // the built-in model check reports what is missing
        }
        for (int i = 0; i < versions.size(); i++) {
            if (!(versions.get(i) instanceof Map<?, ?> v) || !(v.get("name") instanceof String name)) {
                continue;
            }
            crdVersions.computeIfAbsent(g + "|" + k, x -> new TreeSet<>());
            if (Boolean.FALSE.equals(v.get("served"))) {
                continue;
            }
            crdVersions.get(g + "|" + k).add(name);
            FieldPath schemaPath = FieldPath.of("spec", "versions", i, "schema", "openAPIV3Schema");
            Object schema = crd.get(schemaPath);
            if (!(schema instanceof Map<?, ?>)) {
                continue; // no schema: every field is accepted, as the API server does
            }
            JsonNode node = JsonValues.toNode(schema);
            String key = key(g, name, k);
            if (crds.putIfAbsent(key, new CrdVersion(crd, schemaPath, node)) != null) {
                continue; // a second definition of the same kind and version: the first one counts
            }
            Lookup compiled = compile(node, true, "CustomResourceDefinition in " + crd.file().displayName());
            resolved.put(key, compiled);
            if (compiled instanceof Broken b) {
                problems.add(Map.entry(schemaPath, "the schema of " + k + " " + name + " cannot be used: " + b.problem()));
            }
        }
        return problems;
    }

    /** The served versions of a CRD in the repository for group/kind, or null when there is no such CRD. */
    TreeSet<String> crdVersions(String group, String kind) {
        return crdVersions.get(group + "|" + kind);
    }

    Lookup find(String group, String version, String kind) {
        return resolved.computeIfAbsent(key(group, version, kind), x -> resolve(group, version, kind));
    }

    private Lookup resolve(String group, String version, String kind) {
        CrdVersion crd = crds.get(key(group, version, kind));
        if (crd != null) {
            String origin = "CustomResourceDefinition in " + crd.crd().file().displayName();
            return compile(crd.schema(), true, origin);
        }
        for (SchemaLocation location : locations) {
            Lookup l = fromLocation(location, group, version, kind, false);
            if (!(l instanceof Missing)) {
                return l;
            }
        }
        return fromLocation(pulled, group, version, kind, true);
    }

    private Lookup fromLocation(SchemaLocation location, String group, String version, String kind, boolean structural) {
        String where;
        try {
            where = location.expand(group, version, kind, kubernetes, true);
        } catch (IllegalArgumentException e) {
            return new Broken(location.text(), e.getMessage());
        }
        Optional<String> text;
        if (location.remote()) {
            try {
                text = cache.get(where);
            } catch (SchemaCache.FetchException e) {
                return new Unreachable(e.getMessage());
            }
        } else {
            Path file = Path.of(where);
            if (!Files.isRegularFile(file)) {
                return new Missing();
            }
            try {
                text = Optional.of(Files.readString(file));
            } catch (IOException e) {
                return new Broken(where, "cannot read: " + e.getMessage());
            }
        }
        if (text.isEmpty()) {
            return new Missing();
        }
        JsonNode node;
        try {
            node = JsonText.read(text.get());
        } catch (JsonProcessingException e) {
            return new Broken(where, "not JSON: " + e.getOriginalMessage());
        }
        return compile(node, structural, where);
    }

    private Lookup compile(JsonNode schema, boolean structural, String origin) {
        try {
            return new Found(engine().compile(StructuralSchemas.toEngineSchema(schema, structural)), origin);
        } catch (IllegalArgumentException e) {
            return new Broken(origin, e.getMessage());
        }
    }

    /** The engine, built on first use: a run without custom resources does not pay for it. */
    private synchronized SchemaEngine engine() {
        if (engine == null) {
            engine = new SchemaEngine();
        }
        return engine;
    }

    private static String key(String group, String version, String kind) {
        return group + "|" + version + "|" + kind;
    }
}
