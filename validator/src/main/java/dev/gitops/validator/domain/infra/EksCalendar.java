package dev.gitops.validator.domain.infra;

import dev.gitops.validator.domain.UpstreamRecord;
import java.io.IOException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The repository's record of the Amazon EKS release calendar ({@code upstream/eks-versions.yaml}): per
 * Kubernetes minor version, its EKS release and the ends of its standard and extended support.
 *
 * @param file the record, relative to the repository root
 * @param versions one row per version, as recorded
 */
record EksCalendar(String file, List<Version> versions) {

    static final String FILE = "upstream/eks-versions.yaml";

    /**
     * One version of the calendar.
     *
     * @param version MAJOR.MINOR
     * @param released its release on EKS
     * @param endOfStandardSupport the day standard support ends
     * @param endOfExtendedSupport the day extended support ends
     */
    record Version(String version, LocalDate released, LocalDate endOfStandardSupport, LocalDate endOfExtendedSupport) {
    }

    /** The row of a version, if recorded. */
    Optional<Version> find(String version) {
        return versions.stream().filter(v -> v.version().equals(version)).findFirst();
    }

    /** Reads the record; empty when the repository has none, an IOException naming the file and row when malformed. */
    static Optional<EksCalendar> read(Path root) throws IOException {
        Optional<Map<?, ?>> doc = UpstreamRecord.read(root, FILE);
        if (doc.isEmpty()) {
            return Optional.empty();
        }
        if (!(doc.get().get("versions") instanceof List<?> rows)) {
            throw new IOException(FILE + ": expected a mapping with a versions list");
        }
        List<Version> out = new ArrayList<>();
        for (Object o : rows) {
            if (!(o instanceof Map<?, ?> row) || !(row.get("version") instanceof String v) || v.isBlank()) {
                throw new IOException(FILE + ": every row of versions needs version: \"MAJOR.MINOR\" (a string), got " + o);
            }
            Version parsed = new Version(v, date(row, "released", v), date(row, "endOfStandardSupport", v),
                    date(row, "endOfExtendedSupport", v));
            if (!parsed.released().isBefore(parsed.endOfStandardSupport())
                    || !parsed.endOfStandardSupport().isBefore(parsed.endOfExtendedSupport())) {
                throw new IOException(FILE + ": version " + v
                        + ": expected released < endOfStandardSupport < endOfExtendedSupport");
            }
            if (out.stream().anyMatch(x -> x.version().equals(v))) {
                throw new IOException(FILE + ": version " + v + " is recorded twice");
            }
            out.add(parsed);
        }
        return Optional.of(new EksCalendar(FILE, List.copyOf(out)));
    }

    private static LocalDate date(Map<?, ?> row, String key, String version) throws IOException {
        Object value = row.get(key);
        try {
            return LocalDate.parse(String.valueOf(value));
        } catch (DateTimeParseException e) {
            throw new IOException(FILE + ": version " + version + ": " + key + " must be a date (YYYY-MM-DD), got " + value, e);
        }
    }
}
