package dev.gitops.validator.transition;

import dev.gitops.validator.pipeline.CheckRegistry;
import dev.gitops.validator.policy.PolicyCheck;

/** Every check of the validator: the checks of one tree, then the transition check that judges a change. */
public final class StandardChecks {

    private StandardChecks() {
    }

    public static CheckRegistry all() {
        return CheckRegistry.standard().with(new TransitionCheck());
    }

    /** Every check, the policies evaluated by {@code policies}. */
    public static CheckRegistry all(PolicyCheck policies) {
        return CheckRegistry.standard(policies).with(new TransitionCheck());
    }
}
