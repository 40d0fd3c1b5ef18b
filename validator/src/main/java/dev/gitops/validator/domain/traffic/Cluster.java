package dev.gitops.validator.domain.traffic;

import java.util.Locale;

/** One of the two EKS clusters. A cluster hosts the sprints of its parity: even sprints on even. */
public enum Cluster {
    EVEN, ODD;

    /** The name used in the tree: {@code even} or {@code odd}. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public Cluster other() {
        return this == EVEN ? ODD : EVEN;
    }

    /** The cluster that hosts a sprint. */
    public static Cluster forSprint(int sprint) {
        return sprint % 2 == 0 ? EVEN : ODD;
    }

    /** Parses {@code even} or {@code odd}; null for anything else. */
    public static Cluster parse(String text) {
        if (text == null) {
            return null;
        }
        return switch (text.strip().toLowerCase(Locale.ROOT)) {
            case "even" -> EVEN;
            case "odd" -> ODD;
            default -> null;
        };
    }

    @Override
    public String toString() {
        return id();
    }
}
