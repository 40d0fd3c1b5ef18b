package dev.gitops.processor.management;

import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Liveness, readiness and startup, as Kubernetes probes them.
 * <ul>
 *   <li>live: the process runs (no dependency checks: a broker blip must not restart every pod);</li>
 *   <li>started: the roles are running and the extractor is warm;</li>
 *   <li>ready: started, not draining, storage reachable (checked at most every few seconds) and the broker
 *       connections open.</li>
 * </ul>
 */
public final class Health {
    /** A dependency check: throws when the dependency is not usable. */
    public interface Check {
        void run() throws Exception;
    }

    private final Clock clock;
    private final Duration cacheFor;
    private final Map<String, Check> checks = new LinkedHashMap<>();
    private final Map<String, Cached> cache = new LinkedHashMap<>();
    private final AtomicBoolean started = new AtomicBoolean();
    private final AtomicBoolean draining = new AtomicBoolean();

    private record Cached(long at, String error) {}

    public Health(Clock clock, Duration cacheFor) {
        this.clock = clock;
        this.cacheFor = cacheFor;
    }

    public Health check(String name, Check check) {
        checks.put(name, check);
        return this;
    }

    public void markStarted() {
        started.set(true);
    }

    public void markDraining() {
        draining.set(true);
    }

    public boolean draining() {
        return draining.get();
    }

    public boolean started() {
        return started.get();
    }

    /** The readiness report: name → "UP" or the reason it is down. */
    public synchronized Map<String, String> readiness() {
        Map<String, String> out = new LinkedHashMap<>();
        out.put("started", started.get() ? "UP" : "DOWN: starting");
        out.put("draining", draining.get() ? "DOWN: draining" : "UP");
        long now = clock.millis();
        checks.forEach((name, check) -> {
            Cached c = cache.get(name);
            if (c == null || now - c.at() > cacheFor.toMillis()) {
                String error = null;
                try {
                    check.run();
                } catch (Exception e) {
                    error = e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
                }
                c = new Cached(now, error);
                cache.put(name, c);
            }
            out.put(name, c.error() == null ? "UP" : "DOWN: " + c.error());
        });
        return out;
    }

    public boolean ready() {
        return readiness().values().stream().allMatch("UP"::equals);
    }
}
