package dev.gitops.validator.pipeline;

import dev.gitops.validator.config.ValidatorConfig;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

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
 */
public record RunRequest(Path root, List<String> paths, byte[] stdin, ValidatorConfig config, RuleFilter filter,
                         boolean annotationWaivers, Map<String, String> options) {

    public RunRequest {
        paths = List.copyOf(paths);
        options = Map.copyOf(options);
    }
}
