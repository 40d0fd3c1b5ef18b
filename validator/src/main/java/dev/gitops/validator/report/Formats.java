package dev.gitops.validator.report;

import java.util.List;

/** The report formats, by the name {@code --format} takes. */
public final class Formats {

    public static final List<String> NAMES = List.of("text", "json");

    private Formats() {
    }

    /**
     * The reporter for a format name.
     *
     * @param color whether text output may use colour (a terminal, and no --no-color)
     * @throws IllegalArgumentException for an unknown name
     */
    public static Reporter reporter(String name, boolean color) {
        return switch (name) {
            case "text" -> new TextReporter(color);
            case "json" -> new JsonReporter();
            default -> throw new IllegalArgumentException("unknown format '" + name + "' (" + String.join(", ", NAMES) + ")");
        };
    }
}
