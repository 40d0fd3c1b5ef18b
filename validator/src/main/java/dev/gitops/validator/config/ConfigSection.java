package dev.gitops.validator.config;

import java.util.Map;
import java.util.function.Function;

/**
 * A top-level section of {@code .gitops-validator.yaml} and the typed settings its owner reads
 * from it. Checks declare the sections they own; the loader rejects every other section and reads
 * each declared one as the file is loaded, so a malformed value is an error at its line before any
 * check runs.
 *
 * @param name the section's key
 * @param reader reads the section (an empty one when absent) into settings; a malformed value is a
 *     {@link SectionReader.InvalidSetting}
 */
public record ConfigSection<T>(String name, Function<SectionReader, T> reader) {

    /** The settings of this section in a raw configuration map (empty when absent). */
    public T read(Map<String, Object> section) {
        return reader.apply(new SectionReader(name, section));
    }
}
