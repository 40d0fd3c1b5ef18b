package dev.gitops.validator.daemon;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Set;

/**
 * Where the daemon of one repository and one user lives: a folder only that user can enter
 * ({@code $XDG_RUNTIME_DIR/gitops-validator}, else {@code /tmp/gitops-validator-USER}), holding per
 * repository a Unix socket, a lock held for the daemon's lifetime and its log. Files are named by a
 * hash of the repository's real path.
 *
 * @param root the repository (real path) the daemon validates
 * @param dir the per-user folder
 */
public record DaemonAddress(Path root, Path dir) {

    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rwx------");

    /** The address of {@code root}'s daemon for the current user. */
    public static DaemonAddress of(Path root) throws IOException {
        String runtime = System.getenv("XDG_RUNTIME_DIR");
        Path dir = runtime != null && !runtime.isBlank() && Files.isDirectory(Path.of(runtime))
                ? Path.of(runtime, "gitops-validator")
                : Path.of(System.getProperty("java.io.tmpdir"), "gitops-validator-" + System.getProperty("user.name"));
        return new DaemonAddress(root.toRealPath(), dir);
    }

    /**
     * Creates the folder if needed and refuses one that another user could reach: the socket
     * accepts validation requests, so only its owner may connect.
     */
    public void secure() throws IOException {
        if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
            Files.createDirectories(dir.getParent());
            try {
                Files.createDirectory(dir, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
            } catch (java.nio.file.FileAlreadyExistsException e) {
                // created meanwhile by another start; checked below
            }
        }
        if (Files.isSymbolicLink(dir) || !Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
            throw new IOException(dir + " is not a plain folder");
        }
        if (!Files.getOwner(dir, LinkOption.NOFOLLOW_LINKS).getName().equals(System.getProperty("user.name"))
                || !Files.getPosixFilePermissions(dir, LinkOption.NOFOLLOW_LINKS).equals(OWNER_ONLY)) {
            throw new IOException(dir + " must belong to " + System.getProperty("user.name") + " with mode 700");
        }
    }

    public Path socket() {
        return dir.resolve(key() + ".sock");
    }

    public Path lock() {
        return dir.resolve(key() + ".lock");
    }

    public Path log() {
        return dir.resolve(key() + ".log");
    }

    private String key() {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(root.toString().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
