package dev.gitops.validator.schema;

import dev.gitops.validator.check.Rule;
import dev.gitops.validator.finding.Severity;
import java.util.List;

/** The rules of the {@code schema} category. */
public final class SchemaRules {

    public static final String CATEGORY = "schema";

    public static final Rule UNKNOWN_FIELD = new Rule("SCHEMA001", CATEGORY, Severity.ERROR,
            "Every field is defined by the kind's schema (no misspelt or unknown fields)");
    public static final Rule MISSING_FIELD = new Rule("SCHEMA002", CATEGORY, Severity.ERROR,
            "Fields the schema requires are present");
    public static final Rule WRONG_TYPE = new Rule("SCHEMA003", CATEGORY, Severity.ERROR,
            "Every value has the type the schema gives it (string, integer, boolean, object, array, int-or-string)");
    public static final Rule INVALID_VALUE = new Rule("SCHEMA004", CATEGORY, Severity.ERROR,
            "Values are well formed: quantities, durations, enums, patterns, ranges and formats");
    public static final Rule DEPRECATED_API = new Rule("SCHEMA005", CATEGORY, Severity.ERROR,
            "The apiVersion is served by the target Kubernetes version (not removed)");
    public static final Rule UNKNOWN_KIND = new Rule("SCHEMA006", CATEGORY, Severity.ERROR,
            "A kind of a Kubernetes API group exists in that group");
    public static final Rule UNKNOWN_CUSTOM_RESOURCE = new Rule("SCHEMA007", CATEGORY, Severity.WARNING,
            "A custom resource has a known schema (CRD in the repository, schema location, or pulled from a cluster)");
    public static final Rule INVALID_SCHEMA = new Rule("SCHEMA008", CATEGORY, Severity.ERROR,
            "CustomResourceDefinitions and schema files in use can be read as structural schemas");

    public static final Rule DEPRECATED_SERVED = new Rule("SCHEMA009", CATEGORY, Severity.WARNING,
            "A served apiVersion is not deprecated in favour of a stable one (the API server accepts it, with a warning)");

    public static final List<Rule> ALL = List.of(UNKNOWN_FIELD, MISSING_FIELD, WRONG_TYPE, INVALID_VALUE,
            DEPRECATED_API, UNKNOWN_KIND, UNKNOWN_CUSTOM_RESOURCE, INVALID_SCHEMA, DEPRECATED_SERVED);

    private SchemaRules() {
    }
}
