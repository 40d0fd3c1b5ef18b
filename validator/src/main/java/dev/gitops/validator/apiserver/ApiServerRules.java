package dev.gitops.validator.apiserver;

import dev.gitops.validator.finding.Rule;
import java.util.List;

/** The rules of the {@code apiserver} category: what the Kubernetes API server's own validation rejects. */
public final class ApiServerRules {

    public static final String CATEGORY = "apiserver";

    public static final Rule NAMES = Rule.error("API001", CATEGORY);
    public static final Rule LABELS = Rule.error("API002", CATEGORY);
    public static final Rule POD_TEMPLATES = Rule.error("API003", CATEGORY);
    public static final Rule LIST_KEYS = Rule.error("API004", CATEGORY);
    public static final Rule CEL_RULES = Rule.error("API005", CATEGORY);
    public static final Rule CRD_DEFINITION = Rule.error("API006", CATEGORY);

    public static final Rule FIELD_COMBINATIONS = Rule.error("API007", CATEGORY);

    public static final List<Rule> ALL = List.of(NAMES, LABELS, POD_TEMPLATES, LIST_KEYS, CEL_RULES, CRD_DEFINITION,
            FIELD_COMBINATIONS);

    private ApiServerRules() {
    }
}
