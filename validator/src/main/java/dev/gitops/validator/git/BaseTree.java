package dev.gitops.validator.git;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * The tree of a git revision, extracted into a temporary folder with {@code git archive}, so that
 * it can be loaded and validated like the working tree. Closing it deletes the folder.
 */
public final class BaseTree implements AutoCloseable {

    private final Path dir;
    private final String commit;
    private final boolean temporary;

    private BaseTree(Path dir, String commit, boolean temporary) {
        this.dir = dir;
        this.commit = commit;
        this.temporary = temporary;
    }

    /** A tree already on disk (tests, sample folders). Closing it leaves it alone. */
    public static BaseTree ofFolder(Path dir) {
        return new BaseTree(dir, null, false);
    }

    /**
     * Extracts revision {@code ref} of the repository at {@code root}.
     *
     * @throws IOException when git fails or the revision does not exist; the message says which
     */
    public static BaseTree extract(Path root, String ref) throws IOException {
        String commit;
        try {
            commit = Git.run(root, "rev-parse", "--verify", "--quiet", ref + "^{commit}").strip();
        } catch (IOException e) {
            throw new IOException("no git revision '" + ref + "' in " + root, e);
        }
        Path dir = Files.createTempDirectory("gitops-base-");
        try {
            byte[] zip = Git.runBytes(root, "archive", "--format=zip", commit);
            unzip(zip, dir);
        } catch (IOException | RuntimeException e) {
            delete(dir);
            throw e;
        }
        return new BaseTree(dir, commit, true);
    }

    public Path dir() {
        return dir;
    }

    /** The commit id, or null for a folder. */
    public String commit() {
        return commit;
    }

    private static void unzip(byte[] zip, Path dir) throws IOException {
        try (ZipInputStream in = new ZipInputStream(new java.io.ByteArrayInputStream(zip))) {
            for (ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
                Path target = dir.resolve(e.getName()).normalize();
                if (!target.startsWith(dir)) {
                    throw new IOException("archive entry outside the tree: " + e.getName());
                }
                if (e.isDirectory()) {
                    Files.createDirectories(target);
                } else {
                    Files.createDirectories(target.getParent());
                    Files.copy(in, target);
                }
            }
        }
    }

    @Override
    public void close() {
        if (temporary) {
            delete(dir);
        }
    }

    private static void delete(Path dir) {
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
