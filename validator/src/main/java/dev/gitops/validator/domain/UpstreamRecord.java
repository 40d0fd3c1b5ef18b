package dev.gitops.validator.domain;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

/**
 * A YAML record of upstream facts kept in the repository ({@code upstream/*.yaml}: release calendars,
 * variants per version): read as plain data, not as resources.
 */
public final class UpstreamRecord {

    private UpstreamRecord() {
    }

    /**
     * The top-level mapping of the record at {@code file} (relative to {@code root}); empty when the
     * repository has no such file.
     *
     * @throws IOException naming the file when it cannot be read, is not YAML or is not a mapping
     */
    public static Optional<Map<?, ?>> read(Path root, String file) throws IOException {
        Path path = root.resolve(file);
        if (!Files.isRegularFile(path)) {
            return Optional.empty();
        }
        Object doc;
        try {
            doc = new Load(LoadSettings.builder().build()).loadFromString(Files.readString(path));
        } catch (RuntimeException e) {
            throw new IOException(file + ": not YAML: " + e.getMessage(), e);
        }
        if (!(doc instanceof Map<?, ?> m)) {
            throw new IOException(file + ": expected a mapping");
        }
        return Optional.of(m);
    }
}
