package dev.gitops.validator.model;

import dev.gitops.validator.source.FieldPath;

/**
 * Why a resource does not fit its typed model.
 *
 * @param kind what kind of mismatch
 * @param path the offending field (for a missing field: the field that should be there)
 * @param message one sentence for the user
 */
public record ModelProblem(Kind kind, FieldPath path, String message) {

    /** The kinds of mismatch, one rule each. */
    public enum Kind {
        UNKNOWN_FIELD, WRONG_TYPE, MISSING_FIELD, INVALID_VALUE
    }
}
