package dev.gitops.validator.schema;

import dev.gitops.validator.check.KubernetesVersion;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The built-in kinds of one Kubernetes version: which apiVersion/kind pairs the API server serves,
 * which kubernetes-java-client model describes each, and what replaced the apiVersions that are no
 * longer served.
 */
final class BuiltinKinds {

    /** A served kind and its model class name. */
    record Served(String group, String version, String kind, String modelClass) {
        String apiVersion() {
            return group.isEmpty() ? version : group + "/" + version;
        }
    }

    /** A removed apiVersion (of one kind, or of every kind when {@code kind} is {@code *}). */
    record Removed(String apiVersion, String kind, String replacement, String removedIn, String note) {
    }

    private static final String MODELS_PACKAGE = "io.kubernetes.client.openapi.models.";

    private final KubernetesVersion version;
    private final Map<String, Served> byGvk = new HashMap<>();
    private final Map<String, List<Served>> byGroupKind = new HashMap<>();
    private final Map<String, Set<String>> kindsByGroup = new HashMap<>();
    private final Map<String, List<Served>> byKind = new HashMap<>();
    private final Map<String, Removed> removed = new HashMap<>();

    private BuiltinKinds(KubernetesVersion version) {
        this.version = version;
    }

    static BuiltinKinds load(KubernetesVersion version) {
        BuiltinKinds k = new BuiltinKinds(version);
        for (String[] row : rows("kubernetes-" + version + ".tsv")) {
            Served s = new Served(row[0], row[1], row[2], row[3]);
            k.byGvk.put(key(s.group(), s.version(), s.kind()), s);
            k.byGroupKind.computeIfAbsent(s.group() + "|" + s.kind(), x -> new ArrayList<>()).add(s);
            k.kindsByGroup.computeIfAbsent(s.group(), x -> new TreeSet<>()).add(s.kind());
            k.byKind.computeIfAbsent(s.kind(), x -> new ArrayList<>()).add(s);
        }
        for (String[] row : rows("removed-apis.tsv")) {
            Removed r = new Removed(row[0], row[1], row[2], row[3], row.length > 4 ? row[4] : null);
            k.removed.put(r.apiVersion() + "|" + r.kind(), r);
            k.kindsByGroup.computeIfAbsent(group(r.apiVersion()), x -> new TreeSet<>());
        }
        return k;
    }

    KubernetesVersion version() {
        return version;
    }

    /** True when the group is one of Kubernetes' own API groups (now or in the past). */
    boolean isBuiltinGroup(String group) {
        return kindsByGroup.containsKey(group);
    }

    Optional<Served> served(String group, String version, String kind) {
        return Optional.ofNullable(byGvk.get(key(group, version, kind)));
    }

    /** Every served version of a group's kind, preferred (stable, newest) first. */
    List<Served> versionsOf(String group, String kind) {
        List<Served> all = new ArrayList<>(byGroupKind.getOrDefault(group + "|" + kind, List.of()));
        all.sort(Comparator.comparing((Served s) -> versionRank(s.version())).reversed());
        return all;
    }

    Set<String> kindsOf(String group) {
        return kindsByGroup.getOrDefault(group, Set.of());
    }

    /** The apiVersions in which a kind name is served by any group. */
    Set<String> apiVersionsOfKind(String kind) {
        Set<String> out = new LinkedHashSet<>();
        for (Served s : byKind.getOrDefault(kind, List.of())) {
            out.add(s.apiVersion());
        }
        return out;
    }

    Optional<Removed> removed(String apiVersion, String kind) {
        Removed r = removed.get(apiVersion + "|" + kind);
        return Optional.ofNullable(r != null ? r : removed.get(apiVersion + "|*"));
    }

    Class<?> modelClass(Served s) {
        try {
            return Class.forName(MODELS_PACKAGE + s.modelClass(), false, BuiltinKinds.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException("kind index names " + s.modelClass() + ", which the client jar lacks", e);
        }
    }

    /** Orders versions: v2 > v1 > v2beta2 > v1beta1 > v1alpha1. */
    static int versionRank(String v) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("v(\\d+)(?:(alpha|beta)(\\d+))?").matcher(v);
        if (!m.matches()) {
            return 0;
        }
        int major = Integer.parseInt(m.group(1));
        int stage = m.group(2) == null ? 3 : m.group(2).equals("beta") ? 2 : 1;
        int minor = m.group(3) == null ? 0 : Integer.parseInt(m.group(3));
        return stage * 1_000_000 + major * 1_000 + minor;
    }

    /** {@code v1}, {@code v2}, ...: {@code v} and ASCII digits, as the pattern {@code v\\d+} (asked per resource). */
    static boolean isStable(String version) {
        if (version.length() < 2 || version.charAt(0) != 'v') {
            return false;
        }
        for (int i = 1; i < version.length(); i++) {
            char c = version.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }

    static String group(String apiVersion) {
        int slash = apiVersion.indexOf('/');
        return slash < 0 ? "" : apiVersion.substring(0, slash);
    }

    static String versionPart(String apiVersion) {
        int slash = apiVersion.indexOf('/');
        return slash < 0 ? apiVersion : apiVersion.substring(slash + 1);
    }

    private static String key(String group, String version, String kind) {
        return group + "|" + version + "|" + kind;
    }

    private static List<String[]> rows(String resource) {
        List<String[]> out = new ArrayList<>();
        try (InputStream in = BuiltinKinds.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + resource);
            }
            BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            String line;
            while ((line = r.readLine()) != null) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                out.add(line.split("\t", -1));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }
}
