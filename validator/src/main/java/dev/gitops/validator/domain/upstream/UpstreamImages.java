package dev.gitops.validator.domain.upstream;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

/**
 * The repository's record of the images each upstream source renders ({@code upstream/images.yaml}): one
 * entry per Helm chart version, remote Git path at a revision, or remote manifest URL, with the images it
 * deploys at the values this tree uses. Charts cannot be rendered offline, so the record is what review
 * compares against when a version changes.
 */
public record UpstreamImages(Path file, List<Entry> entries) {

    /** Digest, or a version tag: MAJOR.MINOR at least, optional v prefix and suffix. */
    static final Pattern PINNED = Pattern.compile(".+@sha256:[0-9a-f]{64}|.+:v?[0-9]+(\\.[0-9]+){1,3}([-+_.][0-9A-Za-z]+)*");

    /**
     * One upstream source: {@code repoURL} with {@code chart} or {@code path} and {@code version}, or a
     * {@code url}; the images it renders.
     */
    public record Entry(String repoURL, String chart, String path, String version, String url, List<String> images) {

        boolean sameSource(String repo, String chartName, String dir) {
            return repoURL != null && normalize(repoURL).equals(normalize(repo))
                    && (chartName != null ? chartName.equals(chart) : dir != null && dir.equals(path));
        }
    }

    /** Reads the record; a missing file is an empty record, a malformed one an IOException. */
    public static UpstreamImages read(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            return new UpstreamImages(file, List.of());
        }
        Object doc;
        try {
            doc = new Load(LoadSettings.builder().build()).loadFromString(Files.readString(file));
        } catch (RuntimeException e) {
            throw new IOException(file + ": not YAML: " + e.getMessage(), e);
        }
        List<Entry> out = new ArrayList<>();
        if (doc instanceof Map<?, ?> m && m.get("sources") instanceof List<?> list) {
            for (Object o : list) {
                if (!(o instanceof Map<?, ?> e)) {
                    throw new IOException(file + ": every item of sources must be a mapping");
                }
                List<String> images = new ArrayList<>();
                if (e.get("images") instanceof List<?> l) {
                    l.forEach(i -> images.add(String.valueOf(i)));
                } else {
                    throw new IOException(file + ": source " + e + " has no images list (write images: [] for none)");
                }
                out.add(new Entry(str(e.get("repoURL")), str(e.get("chart")), str(e.get("path")),
                        str(e.get("version")), str(e.get("url")), List.copyOf(images)));
            }
        } else if (doc != null) {
            throw new IOException(file + ": expected a mapping with a sources list");
        }
        return new UpstreamImages(file, List.copyOf(out));
    }

    private static String str(Object o) {
        return o == null ? null : String.valueOf(o);
    }

    static String normalize(String url) {
        String u = url.strip().toLowerCase(java.util.Locale.ROOT);
        if (u.endsWith("/")) {
            u = u.substring(0, u.length() - 1);
        }
        return u.endsWith(".git") ? u.substring(0, u.length() - 4) : u;
    }

    /** The entries for a chart or Git path (any version). */
    public List<Entry> forSource(String repo, String chart, String path) {
        return entries.stream().filter(e -> e.sameSource(repo, chart, path)).toList();
    }

    /** The entry for a remote manifest URL, or null. */
    public Entry forUrl(String url) {
        return entries.stream().filter(e -> url.equals(e.url())).findFirst().orElse(null);
    }

    public static boolean pinned(String image) {
        return PINNED.matcher(image).matches() && !image.endsWith(":latest");
    }
}
