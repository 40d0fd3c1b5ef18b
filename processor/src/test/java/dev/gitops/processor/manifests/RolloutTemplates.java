package dev.gitops.processor.manifests;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.snakeyaml.engine.v2.api.Dump;
import org.snakeyaml.engine.v2.api.DumpSettings;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.common.FlowStyle;

/**
 * How JKube's output feeds the GitOps tree. JKube ({@code k8s:resource}) generates the processor's
 * Deployment from {@code processor/src/main/jkube/deployment.yml} and the plugin configuration; its pod
 * template is the {@code spec.template} of each cluster's Rollout
 * ({@code apps/processor/<cluster>/processor-rollout.yml}), with two normalisations:
 * <ol>
 *   <li>{@code metadata.name}/{@code namespace} of the template are dropped (the ReplicaSet names pods);</li>
 *   <li>release state stays as the cluster has it: the container image and the {@code version},
 *       {@code app.kubernetes.io/version} and {@code gitops.dev/sprint} labels (set by the release
 *       commands, docs/gitops-tree.md).</li>
 * </ol>
 * Everything else in the Rollout (strategy, steps, analysis, replicas) belongs to the tree.
 */
final class RolloutTemplates {
    static final List<String> RELEASE_LABELS = List.of("version", "app.kubernetes.io/version", "gitops.dev/sprint");

    private RolloutTemplates() {}

    @SuppressWarnings("unchecked")
    static Map<String, Object> load(Path file) throws IOException {
        Load load = new Load(LoadSettings.builder().build());
        for (Object doc : load.loadAllFromString(Files.readString(file, StandardCharsets.UTF_8))) {
            if (doc instanceof Map<?, ?> m) return (Map<String, Object>) m;
        }
        throw new IOException(file + " holds no YAML mapping");
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> child(Map<String, Object> map, String... path) {
        Map<String, Object> m = map;
        for (String key : path) {
            m = (Map<String, Object>) Objects.requireNonNull(m.get(key), () -> "missing " + String.join(".", path));
        }
        return m;
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> deepCopy(Map<String, Object> map) {
        Map<String, Object> out = new LinkedHashMap<>();
        map.forEach((k, v) -> out.put(k, copyValue(v)));
        return out;
    }

    @SuppressWarnings("unchecked")
    private static Object copyValue(Object v) {
        if (v instanceof Map<?, ?> m) return deepCopy((Map<String, Object>) m);
        if (v instanceof List<?> l) {
            List<Object> out = new ArrayList<>();
            l.forEach(e -> out.add(copyValue(e)));
            return out;
        }
        return v;
    }

    /** The template the Rollout must have: JKube's pod template with the Rollout's release state. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> expectedTemplate(Map<String, Object> deployment, Map<String, Object> rollout) {
        Map<String, Object> template = deepCopy(child(deployment, "spec", "template"));
        Map<String, Object> metadata = child(template, "metadata");
        metadata.remove("name");
        metadata.remove("namespace");
        Map<String, Object> labels = child(template, "metadata", "labels");
        Map<String, Object> currentLabels = child(rollout, "spec", "template", "metadata", "labels");
        for (String label : RELEASE_LABELS) {
            if (currentLabels.containsKey(label)) labels.put(label, currentLabels.get(label));
            else labels.remove(label);
        }
        String image = String.valueOf(container(child(rollout, "spec", "template"), "processor").get("image"));
        container(template, "processor").put("image", image);
        return template;
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> container(Map<String, Object> template, String name) {
        for (Object c : (List<Object>) child(template, "spec").get("containers")) {
            Map<String, Object> container = (Map<String, Object>) c;
            if (name.equals(container.get("name"))) return container;
        }
        throw new IllegalStateException("no container " + name);
    }

    /** Paths where two YAML trees differ, for a readable failure. */
    @SuppressWarnings("unchecked")
    static List<String> differences(Object expected, Object actual, String path) {
        List<String> out = new ArrayList<>();
        if (expected instanceof Map<?, ?> e && actual instanceof Map<?, ?> a) {
            java.util.Set<Object> keys = new java.util.LinkedHashSet<>(e.keySet());
            keys.addAll(a.keySet());
            for (Object k : keys) out.addAll(differences(e.get(k), a.get(k), path + "." + k));
        } else if (expected instanceof List<?> e && actual instanceof List<?> a && e.size() == a.size()) {
            for (int i = 0; i < e.size(); i++) out.addAll(differences(e.get(i), a.get(i), path + "[" + i + "]"));
        } else if (!Objects.equals(expected, actual)) {
            out.add(path + ": JKube generates " + expected + ", the tree has " + actual);
        }
        return out;
    }

    /**
     * Rewrites the {@code spec.template} block of a Rollout file in place, keeping every other line
     * (comments included) as it is. The template must be the last key under {@code spec}.
     */
    static String withTemplate(String rolloutText, Map<String, Object> template) {
        List<String> lines = rolloutText.lines().toList();
        int start = -1;
        boolean inSpec = false;
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.equals("spec:")) inSpec = true;
            else if (inSpec && line.equals("  template:")) {
                start = i;
                break;
            }
        }
        if (start < 0) throw new IllegalStateException("no '  template:' under 'spec:'");
        int end = start + 1;
        while (end < lines.size() && (lines.get(end).isBlank() || lines.get(end).startsWith("   ")
                || lines.get(end).startsWith("  #"))) {
            end++;
        }
        if (end < lines.size()) throw new IllegalStateException("spec.template must be the last key of the Rollout");
        DumpSettings settings = DumpSettings.builder().setDefaultFlowStyle(FlowStyle.BLOCK).setIndent(2)
                .setIndicatorIndent(2).setIndentWithIndicator(true).setWidth(200).build();
        String dumped = new Dump(settings).dumpToString(Map.of("template", nameFirst(template)));
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < start; i++) out.append(lines.get(i)).append('\n');
        out.append("  # Generated: the pod template JKube produces (./gitops processor-manifests); release state kept.\n");
        // The tree quotes with double quotes; the dumper's plain single-quoted scalars are equivalent.
        dumped.lines().map(l -> SINGLE_QUOTED.matcher(l).replaceAll(": \"$1\""))
                .forEach(l -> out.append("  ").append(l).append('\n'));
        return out.toString();
    }

    private static final java.util.regex.Pattern SINGLE_QUOTED = java.util.regex.Pattern.compile(": '([^'\"\\\\]*)'$");

    /** The same tree with {@code name} first in every mapping, as people write Kubernetes YAML. */
    @SuppressWarnings("unchecked")
    private static Object nameFirst(Object value) {
        if (value instanceof Map<?, ?> m) {
            Map<String, Object> out = new LinkedHashMap<>();
            if (m.containsKey("name")) out.put("name", nameFirst(m.get("name")));
            ((Map<String, Object>) m).forEach((k, v) -> {
                if (!k.equals("name")) out.put(k, nameFirst(v));
            });
            return out;
        }
        if (value instanceof List<?> l) return l.stream().map(RolloutTemplates::nameFirst).toList();
        return value;
    }
}
