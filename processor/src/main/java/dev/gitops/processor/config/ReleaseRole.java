package dev.gitops.processor.config;

import java.util.Locale;
import java.util.Optional;

/**
 * What this pod is in a blue-green release: {@code ACTIVE} serves live traffic and the live queues;
 * {@code PREVIEW} is an unpromoted version that takes only preview traffic, through queues of its own, so no
 * live document is handled by a version nobody has promoted yet.
 */
public enum ReleaseRole {
    ACTIVE, PREVIEW;

    /** The role a label value names ({@code active}, {@code preview}), if any. */
    public static Optional<ReleaseRole> parse(String value) {
        if (value == null) return Optional.empty();
        for (ReleaseRole r : values()) if (r.name().equalsIgnoreCase(value.trim())) return Optional.of(r);
        return Optional.empty();
    }

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }
}
