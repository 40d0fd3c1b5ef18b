package dev.gitops.validator.domain.infra;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;

/**
 * A workload's declaration of the AWS actions it calls ({@code <component>/aws-actions.yaml} at the top of the
 * repository, e.g. processor/aws-actions.yaml, kept true by the component's own tests): the service account
 * it runs as, the ConfigMap whose settings name its resources, the resources as ARN patterns with
 * {@code ${SETTING}} placeholders, and the actions with the resource each acts on.
 *
 * @param file the file, relative to the repository root
 * @param namespace the workload's namespace
 * @param serviceAccount its service account
 * @param configMap the ConfigMap (same namespace) whose data resolves the placeholders
 * @param resources resource name to ARN pattern
 * @param actions the actions the workload's role must allow
 */
record WorkloadActions(String file, String namespace, String serviceAccount, String configMap,
                       Map<String, String> resources, List<Action> actions) {

    static final String FILE_NAME = "aws-actions.yaml";
    private static final Pattern SETTING = Pattern.compile("\\$\\{([A-Za-z0-9_.-]+)}");
    private static final Pattern ACTION = Pattern.compile("[a-z0-9-]+:[A-Za-z0-9]+");

    /** An action and the declared resource it acts on, with the feature that needs it. */
    record Action(String action, String resource, String feature) {
    }

    /**
     * The ARN an action acts on, its placeholders replaced by the ConfigMap's settings; a placeholder the
     * settings lack is returned in {@code missing}.
     */
    static String resolve(String pattern, Map<?, ?> settings, List<String> missing) {
        Matcher m = SETTING.matcher(pattern);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            Object v = settings == null ? null : settings.get(m.group(1));
            if (!(v instanceof String s) || s.isBlank()) {
                missing.add(m.group(1));
                m.appendReplacement(out, "");
            } else {
                m.appendReplacement(out, Matcher.quoteReplacement(s));
            }
        }
        m.appendTail(out);
        return out.toString();
    }

    /** Every declaration directly under a top-level folder of the repository; a malformed one is an IOException naming it. */
    static List<WorkloadActions> read(Path root) throws IOException {
        List<Path> files;
        try (Stream<Path> s = Files.list(root)) {
            files = s.filter(Files::isDirectory).map(d -> d.resolve(FILE_NAME)).filter(Files::isRegularFile).sorted()
                    .toList();
        }
        List<WorkloadActions> out = new ArrayList<>();
        for (Path p : files) {
            out.add(parse(root.relativize(p).toString().replace('\\', '/'), Files.readString(p)));
        }
        return out;
    }

    static WorkloadActions parse(String file, String text) throws IOException {
        Object doc;
        try {
            doc = new Load(LoadSettings.builder().build()).loadFromString(text);
        } catch (YamlEngineException e) {
            throw new IOException(file + ": not YAML: " + e.getMessage(), e);
        }
        if (!(doc instanceof Map<?, ?> top) || !(top.get("workload") instanceof Map<?, ?> w)
                || !(w.get("namespace") instanceof String ns) || !(w.get("serviceAccount") instanceof String sa)
                || !(w.get("configMap") instanceof String cm) || !(top.get("resources") instanceof Map<?, ?> res)
                || !(top.get("actions") instanceof List<?> acts) || acts.isEmpty()) {
            throw new IOException(file + ": needs workload.namespace, workload.serviceAccount, workload.configMap,"
                    + " resources and a non-empty actions list");
        }
        Map<String, String> resources = new LinkedHashMap<>();
        res.forEach((k, v) -> resources.put(String.valueOf(k), String.valueOf(v)));
        List<Action> actions = new ArrayList<>();
        for (Object o : acts) {
            if (!(o instanceof Map<?, ?> a) || !(a.get("action") instanceof String action)
                    || !ACTION.matcher(action).matches() || !(a.get("resource") instanceof String r)
                    || !resources.containsKey(r)) {
                throw new IOException(file + ": each action needs action (service:Action) and resource (one of "
                        + resources.keySet() + "): " + o);
            }
            actions.add(new Action(action, r, a.get("feature") instanceof String f ? f : ""));
        }
        return new WorkloadActions(file, ns, sa, cm, resources, List.copyOf(actions));
    }
}
