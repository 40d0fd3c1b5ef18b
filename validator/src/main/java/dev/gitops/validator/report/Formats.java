package dev.gitops.validator.report;

import dev.gitops.validator.finding.Rule;
import java.util.List;
import java.util.Map;

/** The report formats, by the name {@code --format} takes. */
public final class Formats {

    public static final List<String> NAMES = List.of("text", "json", "sarif", "junit", "github");

    private Formats() {
    }

    /**
     * The reporter for a format name.
     *
     * @param color whether text output may use colour (a terminal, and no --no-color)
     * @throws IllegalArgumentException for an unknown name
     */
    public static Reporter reporter(String name, boolean color) {
        return reporter(name, color, Map.of());
    }

    /**
     * The reporter for a format name.
     *
     * @param color whether text output may use colour (a terminal, and no --no-color)
     * @param rules the known rules by id, for formats that describe them (SARIF)
     * @throws IllegalArgumentException for an unknown name
     */
    public static Reporter reporter(String name, boolean color, Map<String, Rule> rules) {
        return switch (name) {
            case "text" -> new TextReporter(color);
            case "json" -> new JsonReporter();
            case "sarif" -> new SarifReporter(rules);
            case "junit" -> new JunitReporter();
            case "github" -> new GithubReporter();
            default -> throw new IllegalArgumentException("unknown format '" + name + "' (" + String.join(", ", NAMES) + ")");
        };
    }
}
