package dev.gitops.validator.model;

import dev.gitops.validator.check.Check;
import dev.gitops.validator.check.CheckContext;
import dev.gitops.validator.check.Findings;
import dev.gitops.validator.finding.Rule;
import dev.gitops.validator.resource.Resource;
import dev.gitops.validator.source.FieldPath;
import java.util.List;

/**
 * Reads every resource of a modelled kind into its typed model, strictly: unknown fields, wrong types,
 * missing required fields and invalid values are findings at the exact field.
 */
public final class ModelCheck implements Check {

    public static final String CATEGORY = "model";
    public static final Rule UNKNOWN_FIELD = Rule.error("MODEL001", CATEGORY);
    public static final Rule WRONG_TYPE = Rule.error("MODEL002", CATEGORY);
    public static final Rule MISSING_FIELD = Rule.error("MODEL003", CATEGORY);
    public static final Rule INVALID_VALUE = Rule.error("MODEL004", CATEGORY);

    @Override
    public List<Rule> rules() {
        return List.of(UNKNOWN_FIELD, WRONG_TYPE, MISSING_FIELD, INVALID_VALUE);
    }

    /**
     * The path to report: the path itself, or, for a problem inside a document held in a string field (ACK
     * nested WAF statements), that string field.
     */
    public static FieldPath anchor(Resource r, FieldPath path) {
        FieldPath p = path;
        while (!p.isRoot()) {
            p = p.parent();
            if (r.get(p) instanceof String) {
                return p;
            }
        }
        return path;
    }

    @Override
    public void run(CheckContext context, Findings findings) {
        for (Resource r : context.resources()) {
            ModelKind<?> kind = ModelKind.of(r);
            if (kind == null) {
                continue;
            }
            for (ModelProblem p : kind.read(r).problems()) {
                Rule rule = switch (p.kind()) {
                    case UNKNOWN_FIELD -> UNKNOWN_FIELD;
                    case WRONG_TYPE -> WRONG_TYPE;
                    case MISSING_FIELD -> MISSING_FIELD;
                    case INVALID_VALUE -> INVALID_VALUE;
                };
                findings.at(rule, r, anchor(r, p.path()), kind.kind() + " " + r.ref().name() + ": " + p.message(), null);
            }
        }
    }
}
