package dev.gitops.validator.policy;

import dev.gitops.validator.check.CheckFailedException;
import dev.gitops.validator.check.RunOptions;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;


/**
 * An OPA server kept running between validations by a long-lived process, holding the policy
 * library as it is on disk now. A run that applies policy rules asks for it with the library it read
 * ({@link PolicyCheck#prepare}); when the library's fingerprint (taken from the same bytes as its
 * rules) differs from the one the server was started with, or the server died, a new one is started,
 * so a run never sees policies other than the current ones. A run that applies no policy rule never
 * asks, and so neither starts nor checks a server. Not thread-safe: one caller at a time.
 */
public final class WarmOpa implements AutoCloseable {

    private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(30);

    /** Where the opa binary is looked up: {@code $GITOPS_OPA}, ... ({@link OpaBinary#find}), or the one given. */
    private final RunOptions binary;
    private OpaServer server;
    private String loadedFingerprint;
    private int starts;

    /** A warm OPA of the binary the launcher chose ({@code $GITOPS_OPA}, else as a one-shot run finds it). */
    public WarmOpa() {
        this.binary = RunOptions.NONE;
    }

    /** A warm OPA of this opa binary. */
    WarmOpa(Path opa) {
        this.binary = RunOptions.NONE.withOpaBinary(opa.toString());
    }

    /**
     * The URL of a server holding exactly {@code library}, or empty when there is no library or OPA
     * cannot start (the run then starts its own and reports why it could not).
     */
    public Optional<URI> url(PolicyLibrary library) {
        if (library.dir() == null) {
            close();
            return Optional.empty();
        }
        String fingerprint = library.fingerprint();
        if (server == null || !server.isAlive() || !fingerprint.equals(loadedFingerprint)) {
            close();
            try {
                server = OpaServer.start(OpaBinary.find(binary, library.dir()), library.dir(), STARTUP_TIMEOUT);
                loadedFingerprint = fingerprint;
                starts++;
            } catch (CheckFailedException e) {
                return Optional.empty();
            }
        }
        return Optional.of(server.url());
    }

    /** How many servers were started: one per change of the library, none before a run asked. */
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
}
