package dev.gitops.validator.domain.helm;

import dev.gitops.validator.model.ModelKind;
import static dev.gitops.validator.finding.Rule.error;

import dev.gitops.validator.check.Check;
import dev.gitops.validator.check.CheckContext;
import dev.gitops.validator.check.Findings;
import dev.gitops.validator.finding.Rule;
import dev.gitops.validator.resource.Resource;
import dev.gitops.validator.finding.Suggestions;
import dev.gitops.validator.source.FieldPath;
import dev.gitops.validator.config.ConfigSection;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

/**
 * Helm values of Argo CD Applications ({@code spec.source} and each of {@code spec.sources}: {@code helm.valuesObject},
 * {@code helm.values}, {@code helm.parameters[].name}) against the recorded keys of the pinned chart version
 * ({@link ChartCatalog}). Helm passes unknown keys to the templates without a word, so a misspelt or misplaced
 * key silently keeps the chart's default: the check makes it an error.
 */
public final class HelmValuesCheck implements Check {

    public static final String CATEGORY = "helm";
    public static final Rule UNKNOWN = error("HELM001", CATEGORY);
    public static final Rule UNRECORDED = error("HELM002", CATEGORY);
    public static final Rule IGNORED = error("HELM003", CATEGORY);

    @Override
    public List<Rule> rules() {
        return List.of(UNKNOWN, UNRECORDED, IGNORED);
    }

    @Override
    public void run(CheckContext context, Findings findings) {
        ChartCatalog catalog = new ChartCatalog(context.root(), context.config().settings(SECTION).location());
        for (Resource r : context.resources()) {
            if (!ModelKind.APPLICATION.matches(r)) {
                continue;
            }
            if (r.get(FieldPath.of("spec", "source")) instanceof Map<?, ?> source) {
                source(r, FieldPath.of("spec", "source"), source, catalog, findings);
            }
            if (r.get(FieldPath.of("spec", "sources")) instanceof List<?> sources) {
                for (int i = 0; i < sources.size(); i++) {
                    if (sources.get(i) instanceof Map<?, ?> source) {
                        source(r, FieldPath.of("spec", "sources", i), source, catalog, findings);
                    }
                }
            }
        }
    }

    private static void source(Resource app, FieldPath at, Map<?, ?> source, ChartCatalog catalog, Findings findings) {
        if (!(source.get("chart") instanceof String chart) || !(source.get("helm") instanceof Map<?, ?> helm)) {
            return;
        }
        FieldPath helmPath = at.key("helm");
        Object values = helm.get("valuesObject");
        Object text = helm.get("values");
        Object parameters = helm.get("parameters");
        if (values == null && text == null && parameters == null) {
            return;
        }
        String version = source.get("targetRevision") == null ? "" : String.valueOf(source.get("targetRevision"));
        Optional<ChartKeys> found = catalog.find(chart, version);
        if (found.isEmpty()) {
            findings.at(UNRECORDED, app, at.key("targetRevision"), "the values keys of chart " + chart + " version '"
                            + version + "' are not recorded (" + catalog.fileOf(chart, version)
                            + "), so its values cannot be checked",
                    "record the keys from the chart's values.yaml at that version (see schemas/helm/README.md)");
            return;
        }
        ChartKeys keys = found.get();
        Object repo = source.get("repoURL");
        if (keys.repository() != null && repo instanceof String url && !sameRepository(url, keys.repository())) {
            findings.at(UNRECORDED, app, at.key("repoURL"), "the recorded keys of chart " + chart + " " + version
                    + " are those of " + keys.repository() + ", not of " + url, "record the keys of this repository's chart");
            return;
        }
        if (values instanceof Map<?, ?> m) {
            walk(app, helmPath.key("valuesObject"), m, new ArrayList<>(), keys, findings, true);
        }
        if (text instanceof String s) {
            Object parsed;
            try {
                parsed = new Load(LoadSettings.builder().build()).loadFromString(s);
            } catch (RuntimeException e) {
                parsed = null; // YAML rules of the Application report unparsable values; nothing to check here
            }
            if (parsed instanceof Map<?, ?> m) {
                walk(app, helmPath.key("values"), m, new ArrayList<>(), keys, findings, false);
            }
        }
        if (parameters instanceof List<?> l) {
            for (int i = 0; i < l.size(); i++) {
                if (l.get(i) instanceof Map<?, ?> p && p.get("name") instanceof String name) {
                    report(app, helmPath.key("parameters").index(i).key("name"), parameterPath(name), keys, findings);
                }
            }
        }
    }

    /**
     * Checks each key of a values map. Keys of {@code valuesObject} are reported at their own line;
     * keys inside the {@code values} string at the string, naming the key.
     */
    private static void walk(Resource app, FieldPath at, Map<?, ?> values, List<String> path, ChartKeys keys,
                             Findings findings, boolean positions) {
        for (Map.Entry<?, ?> e : values.entrySet()) {
            String key = String.valueOf(e.getKey());
            List<String> p = new ArrayList<>(path);
            p.add(key);
            FieldPath where = positions ? at.key(key) : at;
            ChartKeys.Lookup lookup = keys.lookup(p);
            if (lookup instanceof ChartKeys.Known && e.getValue() instanceof Map<?, ?> child) {
                walk(app, positions ? where : at, child, p, keys, findings, positions);
            } else if (lookup instanceof ChartKeys.Leaf leaf && !leaf.recorded()
                    && e.getValue() instanceof Map<?, ?> child && !child.isEmpty()) {
                String first = String.valueOf(child.keySet().iterator().next());
                report(app, positions ? where.key(first) : at, concat(p, first), keys, findings);
            } else {
                report(app, where, p, keys, findings);
            }
        }
    }

    private static void report(Resource app, FieldPath where, List<String> path, ChartKeys keys, Findings findings) {
        String chart = "chart " + keys.chart() + " " + keys.version();
        switch (keys.lookup(path)) {
            case ChartKeys.Unknown u -> {
                String last = u.at().substring(u.at().lastIndexOf('.') + 1);
                findings.at(UNKNOWN, app, where, "unknown values key '" + u.at() + "' for " + chart
                                + Suggestions.didYouMean(last, u.siblings()) + ": Helm ignores it and the chart keeps its default",
                        "use a key of the chart's values (" + keys.file() + ")");
            }
            case ChartKeys.Without w -> findings.at(IGNORED, app, where, "values key '" + w.at() + "' has no effect in "
                            + chart + ": " + w.ignored().reason(),
                    w.ignored().use() == null ? null : "set '" + w.ignored().use() + "' instead");
            case ChartKeys.Unrecorded u -> findings.at(UNRECORDED, app, where, "the keys under '" + u.at() + "' of "
                            + chart + " are not recorded, so '" + String.join(".", path) + "' cannot be checked",
                    "record the keys under '" + u.at() + "' in " + keys.file() + " from the chart's values.yaml");
            case ChartKeys.Known k -> { }
            case ChartKeys.Leaf l -> { }
        }
    }

    /** {@code controller.ingressController.resources} → its keys; escaped dots ({@code a\.b}) stay in one key. */
    static List<String> parameterPath(String name) {
        List<String> out = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c == '\\' && i + 1 < name.length() && name.charAt(i + 1) == '.') {
                cur.append('.');
                i++;
            } else if (c == '.') {
                out.add(cur.toString());
                cur.setLength(0);
            } else if (c == '[') {
                break; // list indexes: the key up to here is what can be checked
            } else {
                cur.append(c);
            }
        }
        if (!cur.isEmpty()) {
            out.add(cur.toString());
        }
        return out;
    }

    private static List<String> concat(List<String> path, String key) {
        List<String> out = new ArrayList<>(path);
        out.add(key);
        return out;
    }

    private static boolean sameRepository(String a, String b) {
        return strip(a).equals(strip(b));
    }

    private static String strip(String url) {
        String s = url.strip().replaceFirst("^(https?|oci)://", "");
        return s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
    }

    /** {@code helmValues:} in the configuration: where the recorded chart keys live (default under schemas/). */
    record Settings(String location) {
    }

    static final ConfigSection<Settings> SECTION = new ConfigSection<>("helmValues",
            r -> new Settings(r.string("location", null)));

    @Override
    public List<ConfigSection<?>> configSections() {
        return List.of(SECTION);
    }
}
