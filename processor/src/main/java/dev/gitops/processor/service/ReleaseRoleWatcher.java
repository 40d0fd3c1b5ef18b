package dev.gitops.processor.service;

import dev.gitops.processor.config.ConfigException;
import dev.gitops.processor.config.ProcessorConfig;
import dev.gitops.processor.config.ReleaseRole;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The pod's blue-green role, from its labels. Argo Rollouts puts the preview metadata
 * ({@code gitops.dev/release-role: preview}) on the pods of an unpromoted version and replaces it with the
 * active metadata on promotion; the kubelet rewrites the Downward API file of the labels
 * ({@code key="value"} lines), and this watcher re-reads it. No file, or no such label: active.
 */
public final class ReleaseRoleWatcher implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ReleaseRoleWatcher.class);

    private final ProcessorConfig.Release config;
    private final List<Consumer<ReleaseRole>> listeners = new CopyOnWriteArrayList<>();
    private final ScheduledExecutorService poller =
            Executors.newSingleThreadScheduledExecutor(Thread.ofVirtual().name("release-role").factory());
    private volatile ReleaseRole current;

    /** Reads the role once; a configured file that cannot be read or names no known role stops the start. */
    public ReleaseRoleWatcher(ProcessorConfig.Release config) {
        this.config = config;
        this.current = config.labelsFile().map(file -> {
            try {
                return read(file, config.roleLabel());
            } catch (IOException | IllegalArgumentException e) {
                throw new ConfigException("PROCESSOR_RELEASE_LABELS_FILE: " + e.getMessage());
            }
        }).orElse(ReleaseRole.ACTIVE);
    }

    /** The role in a Downward API labels file; active when the label is absent. */
    static ReleaseRole read(Path file, String label) throws IOException {
        for (String line : Files.readAllLines(file)) {
            int eq = line.indexOf('=');
            if (eq < 0 || !line.substring(0, eq).trim().equals(label)) continue;
            String value = line.substring(eq + 1).trim();
            if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
                value = value.substring(1, value.length() - 1);
            }
            String raw = value;
            return ReleaseRole.parse(raw).orElseThrow(() -> new IllegalArgumentException(
                    file + ": label " + label + " is '" + raw + "', expected active or preview"));
        }
        return ReleaseRole.ACTIVE;
    }

    public ReleaseRole current() {
        return current;
    }

    /** Calls {@code listener} with each new role, on the watcher's thread. */
    public void onChange(Consumer<ReleaseRole> listener) {
        listeners.add(listener);
    }

    /** Starts re-reading the labels file (nothing to watch without one). */
    public void start() {
        Optional<Path> file = config.labelsFile();
        if (file.isEmpty()) return;
        long every = Math.max(1, config.poll().toMillis());
        poller.scheduleWithFixedDelay(() -> poll(file.get()), every, every, TimeUnit.MILLISECONDS);
    }

    private void poll(Path file) {
        ReleaseRole next;
        try {
            next = read(file, config.roleLabel());
        } catch (IOException | IllegalArgumentException e) {
            LOG.error("cannot read the release role ({}); staying {}", e.getMessage(), current.wire());
            return;
        }
        if (next == current) return;
        LOG.info("release role changed: {} -> {}", current.wire(), next.wire());
        current = next;
        for (Consumer<ReleaseRole> listener : listeners) {
            try {
                listener.accept(next);
            } catch (RuntimeException e) {
                LOG.error("release role listener failed", e);
            }
        }
    }

    @Override
    public void close() {
        poller.shutdownNow();
    }
}
