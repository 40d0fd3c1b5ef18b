package dev.gitops.validator.schema;

import dev.gitops.validator.check.KubernetesVersion;
import java.nio.file.Path;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where to look for a custom resource's JSON schema: a folder, a file-path template or an HTTP(S)
 * URL template. Templates use kubeconform's variables ({@code {{.Group}}}, {@code {{.ResourceKind}}}
 * (the kind in lower case), {@code {{.ResourceAPIVersion}}}, {@code {{.KindSuffix}}},
 * {@code {{.NormalizedKubernetesVersion}}}, {@code {{.StrictSuffix}}}). A folder without a template
 * uses the CRDs-catalog layout {@code {{.Group}}/{{.ResourceKind}}_{{.ResourceAPIVersion}}.json}.
 *
 * @param text the location as written
 * @param template the template to expand (a URL, or an absolute file path)
 * @param remote whether it is fetched over HTTP(S)
 */
public record SchemaLocation(String text, String template, boolean remote) {

    public static final String CATALOG_LAYOUT = "{{.Group}}/{{.ResourceKind}}_{{.ResourceAPIVersion}}.json";
    private static final Pattern VARIABLE = Pattern.compile("\\{\\{\\s*\\.(\\w+)\\s*}}");

    /** Parses a location; relative folders are resolved against {@code root}. */
    public static SchemaLocation parse(String text, Path root) {
        String t = text.strip();
        if (t.isEmpty()) {
            throw new IllegalArgumentException("empty schema location");
        }
        String lower = t.toLowerCase(Locale.ROOT);
        if (lower.startsWith("http://") || lower.startsWith("https://")) {
            if (!t.contains("{{")) {
                t = t.endsWith("/") ? t + CATALOG_LAYOUT : t + "/" + CATALOG_LAYOUT;
            }
            return new SchemaLocation(text, t, true);
        }
        if (lower.startsWith("file://")) {
            t = t.substring("file://".length());
        }
        if (!t.contains("{{")) {
            t = t.endsWith("/") ? t + CATALOG_LAYOUT : t + "/" + CATALOG_LAYOUT;
        }
        String absolute = Path.of(t).isAbsolute() ? t : root.resolve(t).toString();
        return new SchemaLocation(text, absolute, false);
    }

    /** The URL or file path of one kind's schema. */
    public String expand(String group, String version, String kind, KubernetesVersion k8s, boolean strict) {
        Matcher m = VARIABLE.matcher(template);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String value = switch (m.group(1)) {
                case "Group" -> group;
                case "ResourceKind" -> kind.toLowerCase(Locale.ROOT);
                case "ResourceAPIVersion" -> version;
                case "KindSuffix" -> group.isEmpty() ? "-" + version
                        : "-" + group.split("\\.")[0].toLowerCase(Locale.ROOT) + "-" + version;
                case "NormalizedKubernetesVersion" -> "v" + k8s + ".0";
                case "StrictSuffix" -> strict ? "-strict" : "";
                default -> throw new IllegalArgumentException("unknown variable {{." + m.group(1)
                        + "}} in schema location " + text);
            };
            m.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        m.appendTail(out);
        return out.toString();
    }
}
