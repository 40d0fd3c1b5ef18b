package dev.gitops.validator.domain.karpenter;

import dev.gitops.validator.domain.UpstreamRecord;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The repository's record of which Bottlerocket releases ship the {@code aws-k8s-<minor>} variant of each
 * Kubernetes minor version ({@code upstream/bottlerocket-variants.yaml}).
 *
 * @param file the record, relative to the repository root
 * @param newest the newest Bottlerocket release the record's sources show
 * @param variants one row per Kubernetes minor version
 */
record BottlerocketVariants(String file, Release newest, List<Variant> variants) {

    static final String FILE = "upstream/bottlerocket-variants.yaml";

    /**
     * A Bottlerocket release version, {@code X.Y.Z}; written with or without the leading {@code v}, as
     * Karpenter accepts both in an alias.
     */
    record Release(int major, int minor, int patch) implements Comparable<Release> {

        private static final Pattern FORM = Pattern.compile("v?(\\d+)\\.(\\d+)\\.(\\d+)");

        static Optional<Release> parse(String text) {
            Matcher m = FORM.matcher(text == null ? "" : text);
            if (!m.matches()) {
                return Optional.empty();
            }
            return Optional.of(new Release(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)),
                    Integer.parseInt(m.group(3))));
        }

        @Override
        public int compareTo(Release o) {
            int c = Integer.compare(major, o.major);
            c = c != 0 ? c : Integer.compare(minor, o.minor);
            return c != 0 ? c : Integer.compare(patch, o.patch);
        }

        @Override
        public String toString() {
            return "v" + major + "." + minor + "." + patch;
        }
    }

    /**
     * The releases that ship the variant of one Kubernetes minor version.
     *
     * @param kubernetes MAJOR.MINOR
     * @param first the first release that ships {@code aws-k8s-<kubernetes>}
     * @param removedIn the first release that no longer ships it, or null while it still ships
     */
    record Variant(String kubernetes, Release first, Release removedIn) {

        /** Whether the release ships this variant. */
        boolean shippedBy(Release r) {
            return r.compareTo(first) >= 0 && (removedIn == null || r.compareTo(removedIn) < 0);
        }
    }

    /** The row of a Kubernetes minor version, if recorded. */
    Optional<Variant> find(String kubernetes) {
        return variants.stream().filter(v -> v.kubernetes().equals(kubernetes)).findFirst();
    }

    /** Reads the record; empty when the repository has none, an IOException naming the file and row when malformed. */
    static Optional<BottlerocketVariants> read(Path root) throws IOException {
        Optional<Map<?, ?>> doc = UpstreamRecord.read(root, FILE);
        if (doc.isEmpty()) {
            return Optional.empty();
        }
        Map<?, ?> m = doc.get();
        if (!(m.get("variants") instanceof List<?> rows)) {
            throw new IOException(FILE + ": expected a mapping with newest and a variants list");
        }
        Release newest = release(m, "newest", "the record");
        List<Variant> out = new ArrayList<>();
        for (Object o : rows) {
            if (!(o instanceof Map<?, ?> row) || !(row.get("kubernetes") instanceof String k)
                    || !k.matches("\\d+\\.\\d+")) {
                throw new IOException(FILE + ": every row of variants needs kubernetes: \"MAJOR.MINOR\" (a string), got "
                        + o);
            }
            if (!(row.get("source") instanceof String s) || s.isBlank()) {
                throw new IOException(FILE + ": Kubernetes " + k + ": source must name where the first release is stated");
            }
            Release first = release(row, "first", "Kubernetes " + k);
            Release removed = null;
            if (row.get("removedIn") != null) {
                removed = release(row, "removedIn", "Kubernetes " + k);
                if (!(row.get("removedInSource") instanceof String rs) || rs.isBlank()) {
                    throw new IOException(FILE + ": Kubernetes " + k
                            + ": removedInSource must name where the removal is stated");
                }
                if (removed.compareTo(first) <= 0) {
                    throw new IOException(FILE + ": Kubernetes " + k + ": removedIn must come after first");
                }
            }
            if (first.compareTo(newest) > 0) {
                throw new IOException(FILE + ": Kubernetes " + k + ": first " + first + " is newer than newest " + newest);
            }
            if (out.stream().anyMatch(x -> x.kubernetes().equals(k))) {
                throw new IOException(FILE + ": Kubernetes " + k + " is recorded twice");
            }
            out.add(new Variant(k, first, removed));
        }
        return Optional.of(new BottlerocketVariants(FILE, newest, List.copyOf(out)));
    }

    private static Release release(Map<?, ?> row, String key, String what) throws IOException {
        Object value = row.get(key);
        return Release.parse(value instanceof String s ? s : null).orElseThrow(() -> new IOException(FILE + ": " + what
                + ": " + key + " must be a Bottlerocket release such as v1.61.0, got " + value));
    }
}
