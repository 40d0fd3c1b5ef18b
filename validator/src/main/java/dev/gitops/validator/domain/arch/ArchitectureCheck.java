package dev.gitops.validator.domain.arch;

import static dev.gitops.validator.finding.Rule.error;

import dev.gitops.validator.check.Check;
import dev.gitops.validator.check.CheckContext;
import dev.gitops.validator.check.Findings;
import dev.gitops.validator.config.ConfigSection;
import dev.gitops.validator.finding.Rule;
import dev.gitops.validator.resource.Resource;
import dev.gitops.validator.source.FieldPath;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

/**
 * Binaries and images built for one CPU architecture, in clusters whose nodes may be of another:
 * plugin binaries Argo Rollouts downloads by URL carry a sha256 (ARCH001), and a workload running a
 * single-architecture artifact pins {@code kubernetes.io/arch} (ARCH002). Artifacts are single-arch when
 * a downloaded binary's name says so ({@code linux-amd64}, {@code arm64}, ...) or when the image is listed
 * in {@code architecture.singleArch} of .gitops-validator.yaml (image repository to architecture).
 */
public final class ArchitectureCheck implements Check {

    public static final String CATEGORY = "architecture";
    public static final Rule CHECKSUM = error("ARCH001", CATEGORY);
    public static final Rule PINNED = error("ARCH002", CATEGORY);

    static final String ARCH_LABEL = "kubernetes.io/arch";
    /** The values of kubernetes.io/arch on Linux nodes. */
    private static final List<String> ARCHITECTURES = List.of("amd64", "arm64", "arm", "ppc64le", "s390x");
    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");
    private static final Pattern ARCH_IN_NAME = Pattern.compile("(?i)[-_.](amd64|x86_64|arm64|aarch64)(?:$|[-_.])");
    /** argo-rollouts chart values holding plugin lists, and the argo-rollouts-config keys. */
    private static final List<String> CHART_PLUGIN_KEYS = List.of("trafficRouterPlugins", "metricProviderPlugins",
            "metricPlugins", "stepPlugins");

    @Override
    public List<Rule> rules() {
        return List.of(CHECKSUM, PINNED);
    }

    @Override
    public void run(CheckContext context, Findings findings) {
        Map<String, String> singleArch = context.config().settings(SECTION).singleArch();
        for (Resource r : context.resources()) {
            if ("Application".equals(r.kind())) {
                rolloutsChart(r, findings);
            } else if ("ConfigMap".equals(r.kind()) && "argo-rollouts-config".equals(r.ref().name())) {
                rolloutsConfigMap(r, findings);
            }
            PodTemplates.of(r).forEach(p -> images(r, p, singleArch, findings));
        }
    }

    private void rolloutsChart(Resource app, Findings f) {
        List<FieldPath> sources = new ArrayList<>();
        if (app.get("spec.sources") instanceof List<?> l) {
            for (int i = 0; i < l.size(); i++) {
                sources.add(FieldPath.of("spec", "sources", i));
            }
        } else if (app.get("spec.source") != null) {
            sources.add(FieldPath.of("spec", "source"));
        }
        for (FieldPath s : sources) {
            if (!"argo-rollouts".equals(app.get(s.key("chart")))) {
                continue;
            }
            FieldPath controller = s.key("helm").key("valuesObject").key("controller");
            String pinned = app.get(controller.key("nodeSelector").key(ARCH_LABEL)) instanceof String a ? a : null;
            boolean affinity = String.valueOf(app.get(controller.key("affinity"))).contains(ARCH_LABEL);
            for (String key : CHART_PLUGIN_KEYS) {
                if (app.get(controller.key(key)) instanceof List<?> plugins) {
                    for (int i = 0; i < plugins.size(); i++) {
                        if (plugins.get(i) instanceof Map<?, ?> p) {
                            FieldPath at = controller.key(key).index(i);
                            plugin(app, at, p, f);
                            String arch = archOf(p.get("location"));
                            if (arch != null && !arch.equals(pinned) && !affinity) {
                                f.at(PINNED, app, at.key("location"), "argo-rollouts runs plugin " + p.get("name")
                                                + " built for " + arch + ", but its controller pods are not pinned to "
                                                + ARCH_LABEL + ": " + arch + " (nodes of another architecture cannot run it)",
                                        "set controller.nodeSelector." + ARCH_LABEL + ": " + arch
                                                + ", or use the plugin's multi-arch container image");
                            }
                        }
                    }
                }
            }
        }
    }

    private void rolloutsConfigMap(Resource cm, Findings f) {
        for (String key : CHART_PLUGIN_KEYS) {
            if (!(cm.get(FieldPath.of("data", key)) instanceof String text)) {
                continue;
            }
            Object doc;
            try {
                doc = new Load(LoadSettings.builder().build()).loadFromString(text);
            } catch (RuntimeException e) {
                continue;
            }
            if (doc instanceof List<?> plugins) {
                for (Object o : plugins) {
                    if (o instanceof Map<?, ?> p) {
                        plugin(cm, FieldPath.of("data", key), p, f);
                    }
                }
            }
        }
    }

    private void plugin(Resource r, FieldPath at, Map<?, ?> p, Findings f) {
        if (!(p.get("location") instanceof String loc) || !(loc.startsWith("https://") || loc.startsWith("http://"))) {
            return;
        }
        Object sha = p.get("sha256");
        if (!(sha instanceof String s) || !SHA256.matcher(s).matches()) {
            f.at(CHECKSUM, r, at, "plugin " + p.get("name") + " is downloaded from " + loc + " "
                            + (sha == null ? "without a sha256" : "with a sha256 that is not 64 hex digits")
                            + ": the controller runs whatever the URL serves",
                    "add sha256: <the sha256sum of the release asset> (Argo Rollouts refuses a binary that does not match)");
        }
    }

    static String archOf(Object location) {
        if (!(location instanceof String loc)) {
            return null;
        }
        String file = loc.substring(loc.lastIndexOf('/') + 1);
        Matcher m = ARCH_IN_NAME.matcher(file);
        if (!m.find()) {
            return null;
        }
        String a = m.group(1).toLowerCase(java.util.Locale.ROOT);
        return a.equals("x86_64") ? "amd64" : a.equals("aarch64") ? "arm64" : a;
    }

    private void images(Resource r, FieldPath podSpec, Map<String, String> singleArch, Findings f) {
        if (singleArch.isEmpty() || !(r.get(podSpec) instanceof Map<?, ?> spec)) {
            return;
        }
        for (String list : List.of("initContainers", "containers")) {
            if (!(spec.get(list) instanceof List<?> containers)) {
                continue;
            }
            for (int i = 0; i < containers.size(); i++) {
                if (!(containers.get(i) instanceof Map<?, ?> c) || !(c.get("image") instanceof String image)) {
                    continue;
                }
                for (Map.Entry<String, String> e : singleArch.entrySet()) {
                    String repo = e.getKey();
                    String arch = e.getValue();
                    if ((image.equals(repo) || image.startsWith(repo + ":") || image.startsWith(repo + "@"))
                            && !PodTemplates.pins(spec, arch)) {
                        f.at(PINNED, r, podSpec.key(list).index(i).key("image"), "image " + image + " is built for "
                                        + arch + " only (architecture.singleArch), but " + r.kind() + " "
                                        + r.ref().name() + " does not pin " + ARCH_LABEL + ": " + arch,
                                "set nodeSelector." + ARCH_LABEL + ": " + arch
                                        + " in the pod template, or build the image for every node architecture");
                    }
                }
            }
        }
    }

    /** {@code architecture:} in the configuration: image repositories built for one architecture only. */
    record Settings(Map<String, String> singleArch) {
    }

    static final ConfigSection<Settings> SECTION = new ConfigSection<>(CATEGORY, r -> {
        r.only("singleArch");
        Object v = r.raw().get("singleArch");
        if (v == null) {
            return new Settings(Map.of());
        }
        if (!(v instanceof Map<?, ?> m)) {
            throw r.invalid("singleArch", "expected a map of image repository to architecture");
        }
        Map<String, String> archs = new LinkedHashMap<>();
        for (Map.Entry<?, ?> e : m.entrySet()) {
            if (!(e.getValue() instanceof String arch) || !ARCHITECTURES.contains(arch)) {
                throw r.invalid("singleArch", "the architecture of " + e.getKey() + " must be one of "
                        + String.join(", ", ARCHITECTURES));
            }
            archs.put(String.valueOf(e.getKey()), arch);
        }
        return new Settings(Map.copyOf(archs));
    });

    @Override
    public List<ConfigSection<?>> configSections() {
        return List.of(SECTION);
    }
}
