package dev.gitops.validator.policy;

import dev.gitops.validator.check.CheckFailedException;
import dev.gitops.validator.check.RunOptions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * An OPA server kept running between validations by a long-lived process, holding the policy
 * library as it is on disk now. Before each use the library's files are hashed (the same files OPA
 * loads: no {@code samples/}, no dot files); when they changed since the server started, or the
 * server died, a new one is started, so a run never sees policies other than the current ones.
 * Not thread-safe: one caller at a time.
 */
public final class WarmOpa implements AutoCloseable {

    private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(30);

    private OpaServer server;
    private String loadedFingerprint;
    private int starts;

    /**
     * The URL of a server holding the current policy library, or empty when the repository has no
     * policies or OPA cannot start (the run then starts its own and reports why it could not).
     */
    public Optional<String> url() {
        Path dir = PolicyLibrary.locate().filter(Files::isDirectory).orElse(null);
        if (dir == null) {
            close();
            return Optional.empty();
        }
        String fingerprint = fingerprint(dir);
        if (server == null || !server.isAlive() || !fingerprint.equals(loadedFingerprint)) {
            close();
            try {
                server = OpaServer.start(OpaBinary.find(RunOptions.NONE, dir), dir, STARTUP_TIMEOUT);
                loadedFingerprint = fingerprint;
                starts++;
            } catch (CheckFailedException e) {
                return Optional.empty();
            }
        }
        return Optional.of(server.url().toString());
    }

    /** How many servers were started: one, plus one per change of the library. */
    public int starts() {
        return starts;
    }

    /** The running server's process id, or empty. */
    public Optional<Long> pid() {
        return server != null && server.isAlive() ? Optional.of(server.pid()) : Optional.empty();
    }

    @Override
    public void close() {
        if (server != null) {
            server.close();
            server = null;
            loadedFingerprint = null;
        }
    }

    /** SHA-256 over the relative path and content of every file OPA loads from {@code dir}. */
    static String fingerprint(Path dir) {
        try (Stream<Path> walk = Files.walk(dir)) {
            List<Path> files = walk.filter(Files::isRegularFile)
                    .filter(p -> loaded(dir.relativize(p)))
                    .sorted()
                    .toList();
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            for (Path f : files) {
                sha.update(dir.relativize(f).toString().getBytes(StandardCharsets.UTF_8));
                sha.update((byte) 0);
                sha.update(Files.readAllBytes(f));
                sha.update((byte) 0);
            }
            return HexFormat.of().formatHex(sha.digest());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Mirrors {@code opa run --ignore samples --ignore .*}: no part of the path is ignored. */
    private static boolean loaded(Path relative) {
        for (Path part : relative) {
            String name = part.toString();
            if (name.equals("samples") || name.startsWith(".")) {
                return false;
            }
        }
        return true;
    }
}
