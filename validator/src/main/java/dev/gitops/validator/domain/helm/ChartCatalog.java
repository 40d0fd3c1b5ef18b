package dev.gitops.validator.domain.helm;

import dev.gitops.validator.check.CheckFailedException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

/**
 * The recorded values keys of the pinned chart versions: {@code <location>/<chart>/<version>/values-keys.yaml}
 * under the repository root (location {@code schemas/helm} unless {@code helmValues: {location: ...}} in
 * .gitops-validator.yaml says otherwise). A mapping holding {@code $chart: <chart>/<version>} takes the keys
 * of that recorded chart (how an umbrella chart's subchart aliases are written), plus its own keys.
 * A file that cannot be read or is malformed stops the run with its name: the check fails closed.
 */
public final class ChartCatalog {

    public static final String FILE = "values-keys.yaml";
    public static final String DEFAULT_LOCATION = "schemas/helm";
    private static final String INCLUDE = "$chart";

    private final Path root;
    private final String location;
    private final Map<String, Optional<ChartKeys>> loaded = new HashMap<>();

    public ChartCatalog(Path root, String location) {
        this.root = root;
        this.location = location == null ? DEFAULT_LOCATION : location;
    }

    /** The file the keys of a chart version are recorded in, relative to the root. */
    public String fileOf(String chart, String version) {
        return location + "/" + chart + "/" + version + "/" + FILE;
    }

    /** The recorded keys of a chart version, or empty when none are recorded. */
    public Optional<ChartKeys> find(String chart, String version) {
        return find(chart, version, new ArrayList<>());
    }

    private Optional<ChartKeys> find(String chart, String version, List<String> including) {
        if (!safe(chart) || !safe(version)) {
            return Optional.empty();
        }
        String id = chart + "/" + version;
        Optional<ChartKeys> known = loaded.get(id);
        if (known != null) {
            return known;
        }
        if (including.contains(id)) {
            throw new CheckFailedException(fileOf(chart, version) + ": includes itself through " + including);
        }
        Path file = root.resolve(fileOf(chart, version));
        if (!Files.isRegularFile(file)) {
            loaded.put(id, Optional.empty());
            return Optional.empty();
        }
        including.add(id);
        Optional<ChartKeys> keys = Optional.of(read(file, fileOf(chart, version), chart, version, including));
        including.remove(id);
        loaded.put(id, keys);
        return keys;
    }

    private ChartKeys read(Path file, String name, String chart, String version, List<String> including) {
        Object doc;
        try {
            doc = new Load(LoadSettings.builder().setAllowDuplicateKeys(false).build())
                    .loadFromString(Files.readString(file));
        } catch (IOException | RuntimeException e) {
            throw new CheckFailedException(name + ": cannot read the recorded chart keys: " + e.getMessage(), e);
        }
        if (!(doc instanceof Map<?, ?> m) || !(m.get("keys") instanceof Map<?, ?> keys)) {
            throw new CheckFailedException(name + ": expected a mapping with 'chart', 'version' and 'keys'");
        }
        if (!chart.equals(m.get("chart")) || !version.equals(String.valueOf(m.get("version")))) {
            throw new CheckFailedException(name + ": records chart " + m.get("chart") + " version " + m.get("version")
                    + ", not " + chart + " " + version + " as its path says");
        }
        Map<String, ChartKeys.Ignored> ignored = new LinkedHashMap<>();
        if (m.get("ignored") instanceof Map<?, ?> ig) {
            for (Map.Entry<?, ?> e : ig.entrySet()) {
                if (!(e.getValue() instanceof Map<?, ?> v) || !(v.get("reason") instanceof String reason)) {
                    throw new CheckFailedException(name + ": ignored." + e.getKey() + " needs a 'reason'");
                }
                ignored.put(String.valueOf(e.getKey()), new ChartKeys.Ignored(reason,
                        v.get("use") instanceof String use ? use : null));
            }
        }
        return new ChartKeys(chart, version, str(m.get("repository")), str(m.get("source")), name,
                resolve(keys, name, including), ignored);
    }

    /** Copies a key tree with its {@code $chart} includes replaced by the included chart's keys. */
    private Map<String, Object> resolve(Map<?, ?> node, String file, List<String> including) {
        Map<String, Object> out = new LinkedHashMap<>();
        if (node.get(INCLUDE) instanceof String ref) {
            int slash = ref.indexOf('/');
            Optional<ChartKeys> inc = slash < 0 ? Optional.empty()
                    : find(ref.substring(0, slash), ref.substring(slash + 1), including);
            if (inc.isEmpty()) {
                throw new CheckFailedException(file + ": " + INCLUDE + " " + ref + " names no recorded chart ("
                        + fileOf(ref.substring(0, Math.max(slash, 0)), ref.substring(slash + 1)) + ")");
            }
            out.putAll(inc.get().keys());
        }
        for (Map.Entry<?, ?> e : node.entrySet()) {
            String key = String.valueOf(e.getKey());
            if (key.equals(INCLUDE)) {
                continue;
            }
            out.put(key, e.getValue() instanceof Map<?, ?> child ? resolve(child, file, including) : e.getValue());
        }
        return out;
    }

    private static boolean safe(String s) {
        return s != null && s.matches("[A-Za-z0-9][A-Za-z0-9._+-]*");
    }

    private static String str(Object o) {
        return o == null ? null : String.valueOf(o);
    }
}
