package dev.gitops.validator.transition;

import dev.gitops.validator.pipeline.CheckRegistry;

/** Every check of the validator: the checks of one tree, then the transition check that judges a change. */
public final class StandardChecks {

    private StandardChecks() {
    }

    public static CheckRegistry all() {
        return CheckRegistry.standard().with(new TransitionCheck());
    }
}
