package dev.gitops.validator.check;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Kubernetes minor version the schema check can target. Each supported version has a kind index
 * ({@code kubernetes-MINOR.tsv}, generated from that release's OpenAPI spec) and is matched by the
 * pinned kubernetes-java-client models.
 */
public record KubernetesVersion(int major, int minor) {

    /** Versions whose models are on the class path: io.kubernetes:client-java-api 27.0.0 is Kubernetes 1.36. */
    public static final List<KubernetesVersion> SUPPORTED = List.of(new KubernetesVersion(1, 36));
    public static final KubernetesVersion DEFAULT = SUPPORTED.getLast();
    /** The client whose models describe the supported versions. */
    public static final String CLIENT = "io.kubernetes:client-java-api 27.0.0";

    private static final Pattern FORM = Pattern.compile("v?(\\d+)\\.(\\d+)(?:\\.\\d+)?");

    /**
     * Parses {@code 1.36}, {@code v1.36} or {@code 1.36.3}.
     *
     * @throws IllegalArgumentException when malformed or not supported
     */
    public static KubernetesVersion parse(String text) {
        Matcher m = FORM.matcher(text == null ? "" : text.strip());
        if (!m.matches()) {
            throw new IllegalArgumentException("'" + text + "' is not a Kubernetes version (expected MAJOR.MINOR, e.g. "
                    + DEFAULT + ")");
        }
        KubernetesVersion v = new KubernetesVersion(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)));
        if (!SUPPORTED.contains(v)) {
            throw new IllegalArgumentException("Kubernetes " + v + " is not supported (supported: "
                    + String.join(", ", SUPPORTED.stream().map(KubernetesVersion::toString).toList()) + ")");
        }
        return v;
    }

    /** The version named by the run options, or the default. */
    public static KubernetesVersion fromOption(String text) {
        return text == null || text.isBlank() ? DEFAULT : parse(text);
    }

    @Override
    public String toString() {
        return major + "." + minor;
    }
}
