package dev.gitops.validator.finding;

import java.util.Locale;

/** How serious a finding is. Only errors fail a run (and warnings under --strict). */
public enum Severity {
    ERROR, WARNING, INFO;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Severity parse(String text) {
        return switch (text.strip().toLowerCase(Locale.ROOT)) {
            case "error" -> ERROR;
            case "warning", "warn" -> WARNING;
            case "info", "notice" -> INFO;
            default -> throw new IllegalArgumentException("unknown severity '" + text + "' (error, warning, info)");
        };
    }
}
