package dev.gitops.validator.schema;

import dev.gitops.validator.finding.Rule;
import java.util.List;

/** The rules of the {@code schema} category. */
public final class SchemaRules {

    public static final String CATEGORY = "schema";

    public static final Rule UNKNOWN_FIELD = Rule.error("SCHEMA001", CATEGORY);
    public static final Rule MISSING_FIELD = Rule.error("SCHEMA002", CATEGORY);
    public static final Rule WRONG_TYPE = Rule.error("SCHEMA003", CATEGORY);
    public static final Rule INVALID_VALUE = Rule.error("SCHEMA004", CATEGORY);
    public static final Rule DEPRECATED_API = Rule.error("SCHEMA005", CATEGORY);
    public static final Rule UNKNOWN_KIND = Rule.error("SCHEMA006", CATEGORY);
    public static final Rule UNKNOWN_CUSTOM_RESOURCE = Rule.warning("SCHEMA007", CATEGORY);
    public static final Rule INVALID_SCHEMA = Rule.error("SCHEMA008", CATEGORY);
    public static final Rule DEPRECATED_SERVED = Rule.warning("SCHEMA009", CATEGORY);

    public static final List<Rule> ALL = List.of(UNKNOWN_FIELD, MISSING_FIELD, WRONG_TYPE, INVALID_VALUE,
            DEPRECATED_API, UNKNOWN_KIND, UNKNOWN_CUSTOM_RESOURCE, INVALID_SCHEMA, DEPRECATED_SERVED);

    private SchemaRules() {
    }
}
