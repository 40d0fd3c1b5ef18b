package dev.gitops.validator.schema;

import dev.gitops.validator.check.KubernetesVersion;
import dev.gitops.validator.finding.Suggestions;
import dev.gitops.validator.check.Check;
import dev.gitops.validator.check.CheckContext;
import dev.gitops.validator.check.CheckFailedException;
import dev.gitops.validator.check.Findings;
import dev.gitops.validator.config.ConfigSection;
import dev.gitops.validator.finding.Rule;
import dev.gitops.validator.finding.Severity;
import dev.gitops.validator.model.TypedModels;
import dev.gitops.validator.resource.Resource;
import dev.gitops.validator.source.FieldPath;
import io.kubernetes.client.openapi.models.V1ObjectMeta;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Validates every resource against its schema: built-in kinds against the kubernetes-java-client
 * models of the target Kubernetes version, custom resources against their CRD's structural schema.
 *
 * <p>Options read: {@code kubernetesVersion} (default {@link KubernetesVersion#DEFAULT}),
 * {@code schemaLocations} (newline-separated, tried before the configured ones). Configuration:
 * <pre>
 * schemas:
 *   locations: [schemas/, "https://example.org/{{.Group}}/{{.ResourceKind}}_{{.ResourceAPIVersion}}.json"]
 *   unknownCustomResources: warning   # error | warning | ignore
 * </pre>
 */
public final class SchemaCheck implements Check {

    static final FieldPath API_VERSION = FieldPath.of("apiVersion");
    static final FieldPath KIND = FieldPath.of("kind");
    static final FieldPath METADATA = FieldPath.of("metadata");
    /** Where pulled and fetched schemas are kept, relative to the repository root. */
    public static final String CACHE_DIR = ".cache/schemas";

    @Override
    public List<Rule> rules() {
        return SchemaRules.ALL;
    }

    @Override
    public void run(CheckContext context, Findings findings) {
        Settings settings = Settings.of(context);
        KubernetesVersion k8s = settings.kubernetes();
        BuiltinKinds builtin = BuiltinKinds.load(k8s);
        ModelValidator models = new ModelValidator(new ModelCatalog());
        Path cacheDir = context.root().resolve(CACHE_DIR);
        CustomResourceSchemas custom = new CustomResourceSchemas(k8s, settings.locations(),
                new SchemaCache(cacheDir.resolve("http")), cacheDir.resolve("cluster"));

        // CRDs first: the custom resources of the same run are checked against them.
        for (Resource r : context.resources()) {
            if ("apiextensions.k8s.io/v1".equals(r.apiVersion()) && "CustomResourceDefinition".equals(r.kind())) {
                for (Map.Entry<FieldPath, String> p : custom.addCrd(r)) {
                    findings.at(SchemaRules.INVALID_SCHEMA, r, p.getKey(), p.getValue(), null);
                }
            }
        }

        List<String> unreachable = Collections.synchronizedList(new ArrayList<>());
        context.resources().parallelStream().forEach(r -> {
            String apiVersion = r.apiVersion();
            String kind = r.kind();
            if (apiVersion == null || apiVersion.isBlank() || kind == null || kind.isBlank()) {
                return; // YAML003 reports a missing apiVersion or kind
            }
            String group = BuiltinKinds.group(apiVersion);
            String version = BuiltinKinds.versionPart(apiVersion);
            if (builtin.isBuiltinGroup(group)) {
                builtin(r, group, version, kind, builtin, models, findings);
            } else if (!TypedModels.covers(apiVersion, kind)) {
                customResource(r, group, version, kind, custom, models, settings, findings, unreachable);
            } else {
                EmbeddedObjects.forEach(r, (path, model) ->
                        models.validate(r.get(path), model, path, v -> report(r, v, findings)));
            }
        });
        if (!unreachable.isEmpty()) {
            throw new CheckFailedException(String.join("; ", new TreeSet<>(unreachable)));
        }
    }

    private static void builtin(Resource r, String group, String version, String kind, BuiltinKinds builtin,
                                ModelValidator models, Findings findings) {
        String apiVersion = r.apiVersion();
        String k8s = "Kubernetes " + builtin.version();
        Optional<BuiltinKinds.Served> served = builtin.served(group, version, kind);
        if (served.isEmpty()) {
            Optional<BuiltinKinds.Removed> removed = builtin.removed(apiVersion, kind);
            List<BuiltinKinds.Served> others = builtin.versionsOf(group, kind);
            if (removed.isPresent()) {
                BuiltinKinds.Removed x = removed.get();
                boolean none = x.replacement().equals("-");
                findings.at(SchemaRules.DEPRECATED_API, r, API_VERSION,
                        apiVersion + " " + kind + " was removed in Kubernetes " + x.removedIn()
                                + (none ? "" : "; use " + x.replacement()) + (x.note() == null ? "" : " (" + x.note() + ")"),
                        none ? x.note() : "change apiVersion to " + x.replacement()
                                + " and check the fields that changed between the versions");
            } else if (!others.isEmpty()) {
                String preferred = others.getFirst().apiVersion();
                findings.at(SchemaRules.DEPRECATED_API, r, API_VERSION,
                        apiVersion + " " + kind + " is not served by " + k8s + "; use " + preferred,
                        "change apiVersion to " + preferred);
            } else {
                unknownKind(r, group, version, kind, builtin, findings);
            }
            return;
        }
        List<BuiltinKinds.Served> all = builtin.versionsOf(group, kind);
        BuiltinKinds.Served preferred = all.getFirst();
        if (!BuiltinKinds.isStable(version) && BuiltinKinds.isStable(preferred.version())) {
            findings.at(SchemaRules.DEPRECATED_SERVED, r, API_VERSION,
                    apiVersion + " " + kind + " is deprecated in " + k8s + "; use " + preferred.apiVersion(),
                    "change apiVersion to " + preferred.apiVersion());
        }
        Class<?> model = builtin.modelClass(served.get());
        models.validate(r.content(), model, FieldPath.ROOT, v -> report(r, v, findings));
    }

    private static void unknownKind(Resource r, String group, String version, String kind, BuiltinKinds builtin,
                                    Findings findings) {
        String apiVersion = r.apiVersion();
        Set<String> elsewhere = builtin.apiVersionsOfKind(kind);
        if (!elsewhere.isEmpty()) {
            String where = String.join(" or ", elsewhere);
            findings.at(SchemaRules.UNKNOWN_KIND, r, API_VERSION,
                    kind + " is not a kind of " + (group.isEmpty() ? "the core API group" : group) + "; it is served as "
                            + where, "change apiVersion to " + elsewhere.iterator().next());
            return;
        }
        String suggestion = Suggestions.closest(kind, builtin.kindsOf(group));
        findings.at(SchemaRules.UNKNOWN_KIND, r, KIND,
                "kind '" + kind + "' does not exist in " + apiVersion
                        + (suggestion == null ? "" : "; did you mean '" + suggestion + "'?"),
                suggestion == null ? null : "change kind to " + suggestion);
    }

    private static void customResource(Resource r, String group, String version, String kind,
                                       CustomResourceSchemas custom, ModelValidator models, Settings settings,
                                       Findings findings, List<String> unreachable) {
        CustomResourceSchemas.Lookup lookup = custom.find(group, version, kind);
        switch (lookup) {
            case CustomResourceSchemas.Found f -> {
                SchemaEngine.validate(f.schema(), r.content(), v -> report(r, v, findings));
                if (r.content().get("metadata") != null) {
                    models.validate(r.content().get("metadata"), V1ObjectMeta.class, METADATA, v -> report(r, v, findings));
                }
            }
            case CustomResourceSchemas.Broken b -> findings.at(SchemaRules.INVALID_SCHEMA, r, API_VERSION,
                    "the schema of " + r.apiVersion() + " " + kind + " from " + b.origin() + " cannot be used: " + b.problem(),
                    null);
            case CustomResourceSchemas.Unreachable u -> unreachable.add(u.problem());
            case CustomResourceSchemas.Missing m -> {
                TreeSet<String> versions = custom.crdVersions(group, kind);
                if (versions != null) {
                    findings.at(SchemaRules.DEPRECATED_API, r, API_VERSION,
                            version + " is not a served version of the CustomResourceDefinition of " + kind + " ("
                                    + group + "); served: " + (versions.isEmpty() ? "none" : String.join(", ", versions)),
                            versions.isEmpty() ? null : "change apiVersion to " + group + "/" + versions.last());
                    return;
                }
                if (settings.unknown() == null) {
                    return;
                }
                findings.add(Findings.of(SchemaRules.UNKNOWN_CUSTOM_RESOURCE, r, KIND,
                        "no schema known for " + r.apiVersion() + " " + kind + ": its fields are not checked",
                        "add its CustomResourceDefinition to the repository, a schema location (schemas.locations or "
                                + "--schema-location), or run ./gitops schemas pull against a cluster that has it",
                        List.of()).withSeverity(settings.unknown()));
            }
        }
    }

    private static void report(Resource r, Violation v, Findings findings) {
        findings.at(v.rule(), r, v.path(), v.message(), v.hint());
    }

    /** The check's settings, from the run options and the {@code schemas} section of the configuration. */
    record Settings(KubernetesVersion kubernetes, List<SchemaLocation> locations, Severity unknown) {

        static Settings of(CheckContext context) {
            KubernetesVersion k8s;
            try {
                k8s = KubernetesVersion.fromOption(context.options().kubernetesVersion());
            } catch (IllegalArgumentException e) {
                throw new CheckFailedException("--kubernetes-version: " + e.getMessage());
            }
            Section section = context.config().settings(SECTION);
            List<String> texts = new ArrayList<>();
            for (String given : context.options().schemaLocations()) {
                if (!given.isBlank()) {
                    texts.add(given);
                }
            }
            texts.addAll(section.locations());
            List<SchemaLocation> locations = new ArrayList<>();
            for (String t : texts) {
                try {
                    locations.add(SchemaLocation.parse(t, context.root()));
                } catch (IllegalArgumentException e) {
                    throw new CheckFailedException("schema location '" + t + "': " + e.getMessage());
                }
            }
            return new Settings(k8s, locations, section.unknownCustomResources());
        }
    }

    /**
     * {@code schemas:} in the configuration.
     *
     * @param locations schema locations after those given with {@code --schema-location}
     * @param unknownCustomResources severity of a custom resource with no known schema; null to ignore it
     */
    record Section(List<String> locations, Severity unknownCustomResources) {
    }

    static final ConfigSection<Section> SECTION = new ConfigSection<>("schemas", r -> {
        r.only("locations", "unknownCustomResources");
        String unknown = r.string("unknownCustomResources", "warning");
        Severity severity = switch (unknown.toLowerCase(Locale.ROOT)) {
            case "error" -> Severity.ERROR;
            case "warning", "warn" -> Severity.WARNING;
            case "ignore", "off" -> null;
            default -> throw r.invalid("unknownCustomResources", "expected error, warning or ignore, not '" + unknown + "'");
        };
        return new Section(r.strings("locations"), severity);
    });

    @Override
    public List<ConfigSection<?>> configSections() {
        return List.of(SECTION);
    }
}
