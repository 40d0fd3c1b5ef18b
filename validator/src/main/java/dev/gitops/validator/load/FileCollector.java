package dev.gitops.validator.load;

import dev.gitops.validator.source.SourceFile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.stream.Stream;

/**
 * Finds the files to validate: the named files, and the {@code .yaml}, {@code .yml} and
 * {@code .json} files below the named folders, less the ignored paths. Hidden files and folders
 * ({@code .gitops-validator.yaml}, {@code .git}, {@code .github}, ...) and build output ({@code target}, {@code node_modules}) are
 * not descended into. The order is sorted by display name, so runs are deterministic.
 */
public final class FileCollector {

    private final Path root;
    private final Globs ignored;

    public FileCollector(Path root, Globs ignored) {
        this.root = root.toAbsolutePath().normalize();
        this.ignored = ignored;
    }

    /** A path given on the command line that does not exist. */
    public static final class MissingPathException extends Exception {
        public MissingPathException(String message) {
            super(message);
        }
    }

    public List<SourceFile> collect(List<String> paths) throws MissingPathException {
        Map<String, SourceFile> found = new ConcurrentSkipListMap<>();
        for (String given : paths) {
            Path p = Path.of(given);
            Path abs = (p.isAbsolute() ? p : Path.of("").toAbsolutePath().resolve(p)).normalize();
            if (!Files.exists(abs)) {
                throw new MissingPathException("no such file or folder: " + given);
            }
            if (Files.isDirectory(abs)) {
                walk(abs, found);
            } else {
                // A file named explicitly is validated whatever its extension, unless ignored.
                String name = displayName(abs);
                if (!ignored.matches(name)) {
                    found.put(name, new SourceFile(abs, name));
                }
            }
        }
        return new ArrayList<>(found.values());
    }

    /**
     * Walks a folder: each entry directly inside it is walked as a task of its own, in parallel (a
     * large tree has thousands of folders, and reading them is system calls and path work that a
     * second core shares). A folder that cannot be listed, or is a symbolic link (a walk does not
     * follow it), is walked as one.
     */
    private void walk(Path dir, Map<String, SourceFile> found) {
        if (Files.isSymbolicLink(dir)) {
            walk(dir, dir, found);
            return;
        }
        List<Path> entries;
        try (Stream<Path> list = Files.list(dir)) {
            entries = list.toList();
        } catch (IOException | UncheckedIOException e) {
            walk(dir, dir, found);
            return;
        }
        entries.parallelStream().forEach(entry -> walk(dir, entry, found));
    }

    /** Walks {@code start}, {@code dir} or an entry of it, as one walk of {@code dir} would. */
    private void walk(Path dir, Path start, Map<String, SourceFile> found) {
        try {
            Files.walkFileTree(start, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path d, BasicFileAttributes attrs) {
                    String name = d.getFileName() == null ? "" : d.getFileName().toString();
                    if (!d.equals(dir) && (name.startsWith(".") || name.equals("target") || name.equals("node_modules"))) {
                        return FileVisitResult.SKIP_SUBTREE;
                    }
                    String rel = displayName(d);
                    if (!d.equals(dir) && ignored.matches(rel)) {
                        return FileVisitResult.SKIP_SUBTREE;
                    }
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFile(Path f, BasicFileAttributes attrs) {
                    // Symbolic links and special files named like manifests are validated too: reading a
                    // dangling link or a pipe then fails loudly instead of being skipped in silence.
                    // Hidden files (.gitops-validator.yaml, .pre-commit-config.yaml) are configuration, not
                    // manifests; a hidden file named on the command line is still validated.
                    if (!attrs.isDirectory() && isManifest(f) && !f.getFileName().toString().startsWith(".")) {
                        String rel = displayName(f);
                        if (!ignored.matches(rel)) {
                            found.put(rel, new SourceFile(f, rel));
                        }
                    }
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path f, IOException e) {
                    // An unreadable entry is still validated, so that reading it fails loudly.
                    String rel = displayName(f);
                    found.put(rel, new SourceFile(f, rel));
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static boolean isManifest(Path f) {
        String n = f.getFileName().toString().toLowerCase(Locale.ROOT);
        return n.endsWith(".yaml") || n.endsWith(".yml") || n.endsWith(".json");
    }

    /** The path relative to the root with forward slashes, or absolute when outside the root. */
    public String displayName(Path abs) {
        Path a = abs.toAbsolutePath().normalize();
        if (a.startsWith(root)) {
            String rel = root.relativize(a).toString().replace('\\', '/');
            return rel.isEmpty() ? "." : rel;
        }
        return a.toString().replace('\\', '/');
    }
}
