package dev.gitops.validator.config;

import dev.gitops.validator.finding.Severity;
import dev.gitops.validator.load.LoadLimits;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The repository's validator configuration, read from {@code .gitops-validator.yaml} at the root.
 *
 * @param include paths validated when none are given on the command line
 * @param ignore glob patterns (relative to the root) of paths never validated
 * @param ruleSettings rule id or category to {@code off} or a severity
 * @param limits bounds on what a file may hold
 * @param clusters cluster name to the glob patterns of the paths deployed to it; resources are
 *     unique within a cluster, and may repeat across clusters
 * @param sections every top-level section as read, for checks that own a section of their own
 *     ({@code schemas}, {@code policies}, {@code traffic}, ...)
 */
public record ValidatorConfig(List<String> include, List<String> ignore, Map<String, RuleSetting> ruleSettings,
                              LoadLimits limits, Map<String, List<String>> clusters,
                              Map<String, Object> sections) {

    public static final String FILE_NAME = ".gitops-validator.yaml";

    /** The configured {@code profile:} (checked when the file is loaded), else {@code house}. */
    public Profile profile() {
        return sections.get(Profile.KEY) instanceof String name ? Profile.parse(name) : Profile.HOUSE;
    }

    public static ValidatorConfig defaults() {
        return new ValidatorConfig(List.of("."), List.of(), Map.of(), LoadLimits.DEFAULT, Map.of(), Map.of());
    }

    public ValidatorConfig {
        include = List.copyOf(include);
        ignore = List.copyOf(ignore);
        ruleSettings = Map.copyOf(ruleSettings);
        clusters = Map.copyOf(clusters);
        sections = Map.copyOf(sections);
    }

    /** The setting for a rule: by its id first, then by its category. */
    public Optional<RuleSetting> settingFor(String ruleId, String category) {
        RuleSetting byId = ruleSettings.get(ruleId);
        if (byId != null) {
            return Optional.of(byId);
        }
        return Optional.ofNullable(ruleSettings.get(category));
    }

    /** The settings of a section a check owns (its defaults when the section is absent). */
    public <T> T settings(ConfigSection<T> section) {
        return section.read(section(section.name()));
    }

    /** A top-level section as a map, or an empty map. */
    @SuppressWarnings("unchecked")
    public Map<String, Object> section(String name) {
        Object s = sections.get(name);
        return s instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
    }

    /** What the configuration says of one rule. */
    public record RuleSetting(boolean enabled, Severity severity) {

        public static RuleSetting parse(String text) {
            String t = text.strip().toLowerCase(java.util.Locale.ROOT);
            if (t.equals("off") || t.equals("false") || t.equals("disabled")) {
                return new RuleSetting(false, null);
            }
            if (t.equals("on") || t.equals("true") || t.equals("enabled")) {
                return new RuleSetting(true, null);
            }
            return new RuleSetting(true, Severity.parse(t));
        }
    }
}
