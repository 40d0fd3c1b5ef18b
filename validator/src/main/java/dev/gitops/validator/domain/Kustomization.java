package dev.gitops.validator.domain;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

/**
 * The kustomization of a directory an Argo CD directory source points at, as kustomize finds it: the first of
 * {@code kustomization.yaml}, {@code kustomization.yml} and {@code Kustomization} (kustomize's recognised file
 * names, {@code konfig.RecognizedKustomizationFileNames}).
 *
 * @param file  the kustomization file, null when the directory has none
 * @param root  its top-level mapping, empty when there is no file or it could not be read
 * @param error why the file could not be read (I/O, YAML, not a mapping), or null
 */
public record Kustomization(Path file, Map<?, ?> root, String error) {

    static final List<String> FILE_NAMES = List.of("kustomization.yaml", "kustomization.yml", "Kustomization");

    /** The kustomization file of a directory, or null when it has none. */
    public static Path fileOf(Path dir) {
        for (String name : FILE_NAMES) {
            Path file = dir.resolve(name);
            if (Files.isRegularFile(file)) {
                return file;
            }
        }
        return null;
    }

    /** Reads the kustomization of a directory; never throws. */
    public static Kustomization read(Path dir) {
        Path file = fileOf(dir);
        if (file == null) {
            return new Kustomization(null, Map.of(), null);
        }
        try {
            if (new Load(LoadSettings.builder().build()).loadFromString(Files.readString(file)) instanceof Map<?, ?> m) {
                return new Kustomization(file, m, null);
            }
            return new Kustomization(file, Map.of(), "not a mapping");
        } catch (IOException | RuntimeException e) {
            return new Kustomization(file, Map.of(), String.valueOf(e.getMessage()));
        }
    }

    /** The entries of {@code resources} that are strings, in order. */
    public List<String> resources() {
        return root.get("resources") instanceof List<?> list
                ? list.stream().filter(String.class::isInstance).map(String.class::cast).toList() : List.of();
    }
}
