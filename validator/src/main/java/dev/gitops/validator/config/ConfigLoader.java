package dev.gitops.validator.config;

import dev.gitops.validator.finding.Finding;
import dev.gitops.validator.finding.RuleAliases;
import dev.gitops.validator.load.LoadLimits;
import dev.gitops.validator.load.LoadedFile;
import dev.gitops.validator.load.YamlLoader;
import dev.gitops.validator.resource.Resource;
import dev.gitops.validator.source.FieldPath;
import dev.gitops.validator.source.Position;
import dev.gitops.validator.source.SourceFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** Reads {@code .gitops-validator.yaml}. A missing file means the defaults; a broken one is an error. */
public final class ConfigLoader {

    /** The sections of the core; the others belong to the checks that declare them. */
    private static final Set<String> CORE = Set.of("include", "ignore", "rules", "limits", "clusters", "waivers",
            Profile.KEY);

    private ConfigLoader() {
    }

    /**
     * Reads the configuration at {@code root}.
     *
     * @param owned the sections the checks of the run own; any other section than these and the
     *     core's is an error, and each of them is read (and so checked) now
     */
    public static ValidatorConfig load(Path root, Collection<ConfigSection<?>> owned) throws ConfigException {
        Path file = root.resolve(ValidatorConfig.FILE_NAME);
        if (!Files.isRegularFile(file)) {
            return ValidatorConfig.defaults();
        }
        SourceFile source = new SourceFile(file, ValidatorConfig.FILE_NAME);
        LoadedFile loaded = new YamlLoader(LoadLimits.DEFAULT).load(source);
        for (Finding f : loaded.findings()) {
            if (f.isError()) {
                throw new ConfigException(f.file() + ":" + f.line() + ":" + f.column() + ": " + f.message());
            }
        }
        if (loaded.resources().isEmpty()) {
            return ValidatorConfig.defaults();
        }
        if (loaded.resources().size() > 1) {
            throw new ConfigException(ValidatorConfig.FILE_NAME + ": expected one YAML document");
        }
        Resource doc = loaded.resources().getFirst();
        Map<String, Object> c = doc.content();
        Set<String> known = new TreeSet<>(CORE);
        owned.forEach(s -> known.add(s.name()));
        for (String key : c.keySet()) {
            if (!known.contains(key)) {
                throw error(doc, FieldPath.of(key), "unknown section '" + key + "': no check reads it (known: "
                        + String.join(", ", known) + ")");
            }
        }
        for (ConfigSection<?> section : owned) {
            try {
                section.read(map(doc, FieldPath.of(section.name())));
            } catch (SectionReader.InvalidSetting e) {
                throw error(doc, e.path(), e.getMessage());
            }
        }
        Object profile = c.get(Profile.KEY);
        if (profile != null) {
            if (!(profile instanceof String name)) {
                throw error(doc, FieldPath.of(Profile.KEY), "expected one of: " + Profile.names());
            }
            try {
                Profile.parse(name);
            } catch (IllegalArgumentException e) {
                throw error(doc, FieldPath.of(Profile.KEY), e.getMessage());
            }
        }
        List<String> include = strings(doc, "include", List.of("."));
        List<String> ignore = strings(doc, "ignore", List.of());
        Map<String, ValidatorConfig.RuleSetting> rules = new LinkedHashMap<>();
        for (Map.Entry<String, Object> e : map(doc, FieldPath.of("rules")).entrySet()) {
            Object v = e.getValue();
            String text = v instanceof Boolean b ? (b ? "on" : "off") : String.valueOf(v);
            try {
                rules.put(RuleAliases.current(e.getKey()), ValidatorConfig.RuleSetting.parse(text));
            } catch (IllegalArgumentException ex) {
                throw error(doc, FieldPath.of("rules", e.getKey()), ex.getMessage());
            }
        }
        Map<String, Object> lim = map(doc, FieldPath.of("limits"));
        LoadLimits d = LoadLimits.DEFAULT;
        LoadLimits limits;
        try {
            limits = new LoadLimits(
                    number(doc, lim, "maxFileBytes", d.maxFileBytes()),
                    (int) number(doc, lim, "maxDepth", d.maxDepth()),
                    number(doc, lim, "maxNodes", d.maxNodes()),
                    (int) number(doc, lim, "maxAliases", d.maxAliases()));
        } catch (IllegalArgumentException ex) {
            throw error(doc, FieldPath.of("limits"), ex.getMessage());
        }
        Map<String, List<String>> clusters = new LinkedHashMap<>();
        for (Map.Entry<String, Object> e : map(doc, FieldPath.of("clusters")).entrySet()) {
            clusters.put(e.getKey(), stringList(doc, FieldPath.of("clusters", e.getKey()), e.getValue()));
        }
        return new ValidatorConfig(include, ignore, rules, limits, clusters, c);
    }

    private static ConfigException error(Resource doc, FieldPath path, String message) {
        Position p = doc.positionOf(path);
        return new ConfigException(ValidatorConfig.FILE_NAME + ":" + p.line() + ":" + p.column() + ": " + path + ": "
                + message);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Resource doc, FieldPath path) throws ConfigException {
        Object v = doc.get(path);
        if (v == null) {
            return Map.of();
        }
        if (!(v instanceof Map<?, ?> m)) {
            throw error(doc, path, "expected a mapping");
        }
        return (Map<String, Object>) m;
    }

    private static List<String> strings(Resource doc, String key, List<String> fallback) throws ConfigException {
        Object v = doc.content().get(key);
        return v == null ? fallback : stringList(doc, FieldPath.of(key), v);
    }

    private static List<String> stringList(Resource doc, FieldPath path, Object v) throws ConfigException {
        if (!(v instanceof List<?> l)) {
            throw error(doc, path, "expected a list of strings");
        }
        List<String> out = new ArrayList<>();
        for (int i = 0; i < l.size(); i++) {
            if (!(l.get(i) instanceof String s)) {
                throw error(doc, path.index(i), "expected a string");
            }
            out.add(s);
        }
        return out;
    }

    private static long number(Resource doc, Map<String, Object> m, String key, long fallback) throws ConfigException {
        Object v = m.get(key);
        if (v == null) {
            return fallback;
        }
        if (!(v instanceof Long n)) {
            throw error(doc, FieldPath.of("limits", key), "expected an integer");
        }
        return n;
    }

}
