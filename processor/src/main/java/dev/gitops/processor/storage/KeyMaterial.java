package dev.gitops.processor.storage;

import dev.gitops.processor.config.ConfigException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

/**
 * The local wrapping key: 32 random bytes, stored base64-encoded in a key file (a mounted Kubernetes
 * Secret in a cluster, a git-ignored file for local runs). It wraps each document's own data key.
 */
public final class KeyMaterial {
    private KeyMaterial() {}

    /** Reads an AES-256 key from {@code file}. */
    public static SecretKey read(Path file) {
        try {
            String text = Files.readString(file, StandardCharsets.US_ASCII).trim();
            byte[] key = Base64.getDecoder().decode(text);
            if (key.length != 32) {
                throw new ConfigException("key file " + file + " must hold 32 base64-encoded bytes, it holds " + key.length);
            }
            return new SecretKeySpec(key, "AES");
        } catch (IOException e) {
            throw new ConfigException("cannot read key file " + file + ": " + e.getMessage());
        } catch (IllegalArgumentException e) {
            throw new ConfigException("key file " + file + " is not base64: " + e.getMessage());
        }
    }

    /** Creates a new key file (mode 0600) when none exists, for local development. */
    public static void createIfAbsent(Path file) throws IOException {
        if (Files.exists(file)) return;
        Files.createDirectories(file.toAbsolutePath().getParent());
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        Path tmp = Files.createTempFile(file.toAbsolutePath().getParent(), ".key", ".tmp");
        try {
            Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException ignored) {
            // not a POSIX file system
        }
        Files.writeString(tmp, Base64.getEncoder().encodeToString(key) + "\n", StandardCharsets.US_ASCII);
        Files.move(tmp, file);
    }
}
