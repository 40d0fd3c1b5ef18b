package dev.gitops.validator.load;

import dev.gitops.validator.finding.Rule;
import dev.gitops.validator.finding.Severity;
import java.util.List;

/** Rules about reading files: syntax, encoding, structure and identity of documents. */
public final class YamlRules {

    public static final String CATEGORY = "yaml";

    public static final Rule SYNTAX = rule("YAML001", Severity.ERROR, "The file is well-formed YAML (or JSON)");
    public static final Rule DUPLICATE_KEY = rule("YAML002", Severity.ERROR, "A mapping has no duplicate keys");
    public static final Rule TAB_INDENT = rule("YAML003", Severity.ERROR, "Indentation uses spaces, not tabs");
    public static final Rule ENCODING = rule("YAML004", Severity.ERROR, "The file is valid UTF-8");
    public static final Rule NOT_A_MAPPING = rule("YAML005", Severity.ERROR, "Each document is a mapping (an object)");
    public static final Rule MISSING_TYPE = rule("YAML006", Severity.ERROR, "Each resource has apiVersion and kind");
    public static final Rule MISSING_NAME = rule("YAML007", Severity.ERROR, "Each resource has metadata.name");
    public static final Rule DUPLICATE_RESOURCE = rule("YAML008", Severity.ERROR,
            "No two resources share group, kind, namespace and name");
    public static final Rule ALIAS_BOMB = rule("YAML009", Severity.ERROR, "Aliases do not expand beyond the limits");
    public static final Rule TOO_LARGE = rule("YAML010", Severity.ERROR, "A file stays within the size and depth limits");
    public static final Rule YAML11_AMBIGUITY = rule("YAML011", Severity.WARNING,
            "Plain scalars mean the same in YAML 1.1 (Kubernetes) and YAML 1.2");
    public static final Rule COMPLEX_KEY = rule("YAML012", Severity.ERROR, "Mapping keys are scalars");
    public static final Rule UNREADABLE = rule("YAML013", Severity.ERROR, "The file can be read");
    public static final Rule TAG = rule("YAML014", Severity.ERROR,
            "No explicit tags that Kubernetes would read differently");

    public static final List<Rule> ALL = List.of(SYNTAX, DUPLICATE_KEY, TAB_INDENT, ENCODING, NOT_A_MAPPING,
            MISSING_TYPE, MISSING_NAME, DUPLICATE_RESOURCE, ALIAS_BOMB, TOO_LARGE, YAML11_AMBIGUITY, COMPLEX_KEY,
            UNREADABLE, TAG);

    private YamlRules() {
    }

    private static Rule rule(String id, Severity severity, String title) {
        return new Rule(id, CATEGORY, severity, title);
    }
}
