package dev.gitops.validator.domain.traffic;

import dev.gitops.validator.config.ValidatorConfig;
import dev.gitops.validator.load.FileCollector;
import dev.gitops.validator.load.Globs;
import dev.gitops.validator.load.LoadedFile;
import dev.gitops.validator.load.YamlLoader;
import dev.gitops.validator.resource.Resource;
import dev.gitops.validator.source.SourceFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Reads the resources of a tree the way the validator does: the configuration's include, less ignore. */
public final class TreeFiles {

    /** What was read: the resources, and any file that could not be read (with its first problem). */
    public record Read(List<Resource> resources, List<String> unreadable) {
    }

    private TreeFiles() {
    }

    /**
     * Reads a tree; {@code overlay} replaces the content of some files (display name to bytes).
     * Include paths that do not exist are skipped.
     */
    public static Read read(Path root, ValidatorConfig config, Map<String, byte[]> overlay) {
        FileCollector collector = new FileCollector(root, new Globs(config.ignore()));
        List<String> paths = config.include().stream().map(root::resolve).filter(Files::exists)
                .map(Path::toString).toList();
        List<SourceFile> files;
        try {
            files = collector.collect(paths);
        } catch (FileCollector.MissingPathException e) {
            return new Read(List.of(), List.of(e.getMessage()));
        }
        YamlLoader loader = new YamlLoader(config.limits());
        List<Resource> resources = new ArrayList<>();
        List<String> unreadable = new ArrayList<>();
        for (SourceFile f : files) {
            byte[] replaced = overlay.get(f.displayName());
            LoadedFile loaded = replaced != null ? loader.load(f, replaced) : loader.load(f);
            resources.addAll(loaded.resources());
            if (loaded.unreadable() || loaded.findings().stream().anyMatch(x -> x.isError() && x.rule().equals("YAML001"))) {
                unreadable.add(loaded.findings().isEmpty() ? f.displayName()
                        : f.displayName() + ":" + loaded.findings().getFirst().line() + ": "
                                + loaded.findings().getFirst().message());
            }
        }
        return new Read(resources, unreadable);
    }
}
