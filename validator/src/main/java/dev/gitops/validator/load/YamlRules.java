package dev.gitops.validator.load;

import dev.gitops.validator.finding.Rule;
import java.util.List;

/** Rules about reading files: syntax, encoding, structure and identity of documents. */
public final class YamlRules {

    public static final String CATEGORY = "yaml";

    public static final Rule SYNTAX = Rule.error("YAML001", CATEGORY);
    public static final Rule DUPLICATE_KEY = Rule.error("YAML002", CATEGORY);
    public static final Rule TAB_INDENT = Rule.error("YAML003", CATEGORY);
    public static final Rule ENCODING = Rule.error("YAML004", CATEGORY);
    public static final Rule NOT_A_MAPPING = Rule.error("YAML005", CATEGORY);
    public static final Rule MISSING_TYPE = Rule.error("YAML006", CATEGORY);
    public static final Rule MISSING_NAME = Rule.error("YAML007", CATEGORY);
    public static final Rule DUPLICATE_RESOURCE = Rule.error("YAML008", CATEGORY);
    public static final Rule ALIAS_BOMB = Rule.error("YAML009", CATEGORY);
    public static final Rule TOO_LARGE = Rule.error("YAML010", CATEGORY);
    public static final Rule YAML11_AMBIGUITY = Rule.warning("YAML011", CATEGORY);
    public static final Rule COMPLEX_KEY = Rule.error("YAML012", CATEGORY);
    public static final Rule UNREADABLE = Rule.error("YAML013", CATEGORY);
    public static final Rule TAG = Rule.error("YAML014", CATEGORY);

    public static final List<Rule> ALL = List.of(SYNTAX, DUPLICATE_KEY, TAB_INDENT, ENCODING, NOT_A_MAPPING,
            MISSING_TYPE, MISSING_NAME, DUPLICATE_RESOURCE, ALIAS_BOMB, TOO_LARGE, YAML11_AMBIGUITY, COMPLEX_KEY,
            UNREADABLE, TAG);

    private YamlRules() {
    }
}
