package dev.gitops.validator.domain.helm;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The values keys of one pinned chart version, as recorded in the repository
 * ({@code schemas/helm/<chart>/<version>/values-keys.yaml}).
 *
 * <p>{@code keys} mirrors the chart's values: a mapping lists the known keys beneath a key; any other
 * node ({@code ~}, a scalar) is a known key whose value is not checked further (scalars, lists and
 * free-form maps such as {@code annotations} or {@code resources}); the string {@value #UNRECORDED}
 * is a known key whose own keys have not been recorded yet, so that nothing may be set beneath it until
 * they are; a mapping holding the key {@value #UNRECORDED} lists only some of its keys (any other key
 * there is unrecorded, not unknown). {@code ignored} lists keys the chart accepts but that have no effect in this chart (a
 * subchart setting its templates never read), each with the reason and the key to use instead.
 *
 * @param source where the keys were read from (repository, path, version)
 */
public record ChartKeys(String chart, String version, String repository, String source, String file,
                        Map<String, Object> keys, Map<String, Ignored> ignored) {

    /** Marks a key whose keys are not recorded. */
    public static final String UNRECORDED = "...";

    public ChartKeys {
        keys = new LinkedHashMap<>(keys);
        ignored = Map.copyOf(ignored);
    }

    /** A key without effect: why, and what to set instead (may be null). */
    public record Ignored(String reason, String use) {
    }

    /** What a path of values keys is to this chart. */
    public sealed interface Lookup permits Known, Leaf, Unrecorded, Unknown, Without {
    }

    /** A key with recorded keys beneath it. */
    public record Known(Map<String, Object> children) implements Lookup {
    }

    /**
     * A key whose value is not checked further; {@code recorded} is false for a key whose own keys are not
     * recorded (nothing may be set beneath it).
     */
    public record Leaf(boolean recorded) implements Lookup {
    }

    /** A known key whose keys are not recorded. */
    public record Unrecorded(String at) implements Lookup {
    }

    /** A key the chart does not have; {@code siblings} are the keys it has at that level. */
    public record Unknown(String at, List<String> siblings) implements Lookup {
    }

    /** A key that has no effect in this chart. */
    public record Without(String at, Ignored ignored) implements Lookup {
    }

    /** Looks up a path of keys ({@code [controller, ingressController, resources]}). */
    public Lookup lookup(List<String> path) {
        Map<String, Object> level = keys;
        for (int i = 0; i < path.size(); i++) {
            String at = String.join(".", path.subList(0, i + 1));
            Ignored ig = ignored.get(at);
            if (ig != null) {
                return new Without(at, ig);
            }
            String key = path.get(i);
            if (!level.containsKey(key)) {
                return level.containsKey(UNRECORDED) ? new Unrecorded(at)
                        : new Unknown(at, level.keySet().stream().filter(k -> !k.equals(UNRECORDED)).toList());
            }
            Object node = level.get(key);
            if (UNRECORDED.equals(node)) {
                return i == path.size() - 1 ? new Leaf(false) : new Unrecorded(at);
            }
            if (!(node instanceof Map<?, ?> m)) {
                return new Leaf(true);
            }
            @SuppressWarnings("unchecked")
            Map<String, Object> children = (Map<String, Object>) m;
            level = children;
        }
        return new Known(level);
    }
}
