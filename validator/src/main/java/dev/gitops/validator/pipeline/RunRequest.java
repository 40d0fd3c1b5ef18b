package dev.gitops.validator.pipeline;

import dev.gitops.validator.check.RunOptions;
import dev.gitops.validator.config.Profile;
import dev.gitops.validator.config.ValidatorConfig;
import java.nio.file.Path;
import java.util.List;

/**
 * What to validate and how.
 *
 * @param root the repository root
 * @param paths files and folders; empty means the configuration's {@code include}; {@code -} is stdin
 * @param stdin the bytes of standard input when {@code -} is among the paths, else null
 * @param config the repository configuration
 * @param filter --only / --skip
 * @param annotationWaivers whether {@code gitops.validator/waive} annotations are honoured
 * @param options options read by individual checks
 * @param inContext whether {@code paths} are only the focus: the configured tree is loaded as context
 *     and only findings in (or referring to) the paths are reported (see {@link Focus})
 * @param profile the profile the run applies: {@code --profile}; given null, the configuration's
 *     {@code profile} (default {@code house}), resolved once here: every rule and finding is judged by it
 */
public record RunRequest(Path root, List<String> paths, byte[] stdin, ValidatorConfig config, RuleFilter filter,
                         boolean annotationWaivers, RunOptions options, boolean inContext, Profile profile) {

    public RunRequest {
        paths = List.copyOf(paths);
        if (profile == null) {
            profile = config.profile();
        }
    }

    /** A run that validates and reports exactly the given paths. */
    public RunRequest(Path root, List<String> paths, byte[] stdin, ValidatorConfig config, RuleFilter filter,
                      boolean annotationWaivers, RunOptions options) {
        this(root, paths, stdin, config, filter, annotationWaivers, options, false, null);
    }

    /** A run over the given paths, in context when {@code inContext}, with the configured profile. */
    public RunRequest(Path root, List<String> paths, byte[] stdin, ValidatorConfig config, RuleFilter filter,
                      boolean annotationWaivers, RunOptions options, boolean inContext) {
        this(root, paths, stdin, config, filter, annotationWaivers, options, inContext, null);
    }

    /** The same run applying another profile. */
    public RunRequest withProfile(Profile other) {
        return new RunRequest(root, paths, stdin, config, filter, annotationWaivers, options, inContext, other);
    }

    /** The same run with other options. */
    public RunRequest withOptions(RunOptions other) {
        return new RunRequest(root, paths, stdin, config, filter, annotationWaivers, other, inContext, profile);
    }
}
