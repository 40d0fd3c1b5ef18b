package dev.gitops.validator.pipeline;

import dev.gitops.validator.config.ValidatorConfig;
import dev.gitops.validator.finding.Finding;
import dev.gitops.validator.load.FileCollector;
import dev.gitops.validator.load.Globs;
import dev.gitops.validator.load.LoadedFile;
import dev.gitops.validator.load.YamlLoader;
import dev.gitops.validator.resource.Resource;
import dev.gitops.validator.source.SourceFile;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads a tree, the one way every command does (validate, the base tree of a change, the release
 * commands): the given paths, or the configuration's {@code include}; less its {@code ignore} and
 * the central waivers file it names; with an overlay of edited, new and deleted files; and standard
 * input for {@code -}. Files are read in parallel; the order stays that of the sorted file list.
 */
public final class TreeReader {

    /**
     * What was read.
     *
     * @param files every file read, in report order, with the resources and findings of reading it
     * @param fatal what kept a file from being read at all (a missing path, an unreadable file)
     */
    public record Tree(List<LoadedFile> files, List<String> fatal) {

        public Tree {
            files = List.copyOf(files);
            fatal = List.copyOf(fatal);
        }

        /** Every resource, in order (file, document, item). */
        public List<Resource> resources() {
            return files.stream().flatMap(f -> f.resources().stream()).toList();
        }

        /** The findings of reading the files (the {@code yaml} rules). */
        public List<Finding> findings() {
            return files.stream().flatMap(f -> f.findings().stream()).toList();
        }

        /** Every file and the resources it held, for reports. */
        public List<ValidatedFile> inputs() {
            return files.stream().map(f -> new ValidatedFile(f.file().displayName(),
                    f.resources().stream().map(Resource::ref).toList())).toList();
        }
    }

    private final Path root;
    private final ValidatorConfig config;
    private final Globs ignored;
    private final FileCollector collector;

    public TreeReader(Path root, ValidatorConfig config) {
        this.root = root.toAbsolutePath().normalize();
        this.config = config;
        List<String> ignore = new ArrayList<>(config.ignore());
        if (config.sections().get(CentralWaivers.SECTION) instanceof String waiversFile) {
            ignore.add(waiversFile); // configuration, not a manifest
        }
        this.ignored = new Globs(ignore);
        this.collector = new FileCollector(this.root, ignored);
    }

    /** Finds the files under paths, with the same ignore rules as {@link #read}. */
    public FileCollector collector() {
        return collector;
    }

    /** The configuration's {@code include}, as paths under the root. */
    public List<String> includedPaths() {
        return config.include().stream().map(p -> root.resolve(p).toString()).toList();
    }

    /** Reads the configured tree ({@code include}), with an overlay (see {@link #read(List, byte[], Map)}). */
    public Tree read(Map<String, byte[]> overlay) {
        return read(includedPaths(), null, overlay);
    }

    /**
     * Reads files and folders.
     *
     * @param paths files and folders; {@code -} is standard input
     * @param stdin the bytes of standard input when {@code -} is among the paths
     * @param overlay display names (paths relative to the root) to the content to read instead of
     *     the file on disk; a null content means the file is deleted, and a name not on disk is a
     *     new file (unless ignored)
     */
    public Tree read(List<String> paths, byte[] stdin, Map<String, byte[]> overlay) {
        List<String> fatal = new ArrayList<>();
        List<SourceFile> files = new ArrayList<>();
        try {
            files.addAll(collector.collect(paths.stream().filter(p -> !p.equals("-")).toList()));
        } catch (FileCollector.MissingPathException e) {
            fatal.add(e.getMessage());
        }
        if (!overlay.isEmpty()) {
            applyOverlay(files, overlay);
        }
        YamlLoader loader = new YamlLoader(config.limits());
        List<LoadedFile> loaded = new ArrayList<>(files.parallelStream()
                .map(f -> overlay.containsKey(f.displayName()) ? loader.load(f, overlay.get(f.displayName()))
                        : loader.load(f))
                .toList());
        if (paths.contains("-")) {
            byte[] in = stdin == null ? new byte[0] : stdin;
            loaded.add(loader.load(new SourceFile(Path.of(SourceFile.STDIN), SourceFile.STDIN), in));
        }
        for (LoadedFile f : loaded) {
            if (f.unreadable()) {
                fatal.add("cannot read " + f.file().displayName());
            }
        }
        return new Tree(loaded, fatal);
    }

    private void applyOverlay(List<SourceFile> files, Map<String, byte[]> overlay) {
        files.removeIf(f -> overlay.containsKey(f.displayName()) && overlay.get(f.displayName()) == null);
        Set<String> present = new HashSet<>();
        files.forEach(f -> present.add(f.displayName()));
        overlay.forEach((name, bytes) -> {
            if (bytes != null && !present.contains(name) && !ignored.matches(name)) {
                files.add(new SourceFile(root.resolve(name), name));
            }
        });
        files.sort(Comparator.comparing(SourceFile::displayName));
    }
}
