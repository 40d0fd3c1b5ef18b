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

    /**
     * The text with this cluster's name replaced by the other's where it stands as a word, between
     * dots, dashes, slashes or spaces: {@code odd.docs} becomes {@code even.docs}, {@code events} stays.
     */
    public String swapWords(String text) {
        return text.replaceAll("(?<![A-Za-z0-9])" + id() + "(?![A-Za-z0-9])", other().id());
    }

    /**
     * A path with its first folder named after this cluster renamed to the other:
     * {@code apps/dns/odd/record.yaml} becomes {@code apps/dns/even/record.yaml}; a path without such a
     * folder is returned as it is.
     */
    public String swapFolder(String path) {
        String[] parts = path.split("/");
        for (int i = 0; i < parts.length; i++) {
            if (parts[i].equals(id())) {
                parts[i] = other().id();
                return String.join("/", parts);
            }
        }
        return path;
    }

    @Override
    public String toString() {
        return id();
    }
}
