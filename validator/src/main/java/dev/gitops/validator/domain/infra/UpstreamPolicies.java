package dev.gitops.validator.domain.infra;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gitops.validator.resource.JsonText;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The repository's record of the IAM actions controllers require ({@code upstream/iam/*.json}): per Helm
 * chart and chart version, every action of the controller's published policy, with where it was read.
 *
 * @param folder the record's folder
 * @param entries one per file
 */
record UpstreamPolicies(Path folder, List<Entry> entries) {

    static final String FOLDER = "upstream/iam";

    /**
     * One recorded policy.
     *
     * @param file the file, relative to the repository root
     * @param chart the Helm chart an Application pins
     * @param chartVersion its version
     * @param source where the actions were read (repository, path, commit)
     * @param actions the actions, as upstream writes them
     */
    record Entry(String file, String chart, String chartVersion, String source, List<String> actions) {
    }

    /** The records of a chart, any version. */
    List<Entry> forChart(String chart) {
        return entries.stream().filter(e -> e.chart().equals(chart)).toList();
    }

    /** Reads every record; a missing folder is an empty record, a malformed file an IOException naming it. */
    static UpstreamPolicies read(Path root) throws IOException {
        Path folder = root.resolve(FOLDER);
        List<Entry> out = new ArrayList<>();
        if (!Files.isDirectory(folder)) {
            return new UpstreamPolicies(folder, out);
        }
        List<Path> files;
        try (Stream<Path> s = Files.list(folder)) {
            files = s.filter(p -> p.getFileName().toString().endsWith(".json")).sorted().toList();
        }
        for (Path p : files) {
            String rel = FOLDER + "/" + p.getFileName();
            JsonNode doc;
            try {
                doc = JsonText.read(Files.readString(p));
            } catch (IOException e) {
                throw new IOException(rel + ": not JSON: " + e.getMessage(), e);
            }
            String chart = doc.path("chart").asText("");
            String version = doc.path("chartVersion").asText("");
            String commit = doc.path("source").path("commit").asText("");
            List<String> actions = PolicyDocuments.strings(doc.get("actions"));
            if (chart.isEmpty() || version.isEmpty() || !commit.matches("[0-9a-f]{40}") || actions.isEmpty()) {
                throw new IOException(rel + ": needs chart, chartVersion, source.commit (40 hex digits) and a"
                        + " non-empty actions list");
            }
            String source = doc.path("source").path("repository").asText("?") + " "
                    + doc.path("source").path("path").asText("?") + " at " + commit;
            out.add(new Entry(rel, chart, version, source, List.copyOf(actions)));
        }
        return new UpstreamPolicies(folder, List.copyOf(out));
    }
}
