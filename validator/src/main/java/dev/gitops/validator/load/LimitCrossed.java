package dev.gitops.validator.load;

import dev.gitops.validator.finding.Rule;
import dev.gitops.validator.source.Position;

/** Thrown to stop reading a file when a limit is crossed or its content cannot be built. */
final class LimitCrossed extends RuntimeException {

    private final transient Rule rule;
    private final transient Position position;

    LimitCrossed(Rule rule, Position position, String message) {
        super(message, null, false, false);
        this.rule = rule;
        this.position = position;
    }

    Rule rule() {
        return rule;
    }

    Position position() {
        return position;
    }
}
