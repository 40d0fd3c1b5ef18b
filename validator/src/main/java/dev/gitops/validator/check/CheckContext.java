package dev.gitops.validator.check;

import dev.gitops.validator.config.ValidatorConfig;
import dev.gitops.validator.resource.Resource;
import java.nio.file.Path;
import java.util.List;

/**
 * What a check may look at.
 *
 * @param root the repository root ({@code --root})
 * @param resources every resource of the run, in deterministic order (file, document, item)
 * @param config the repository's validator configuration
 * @param options the run's options that some checks read
 */
public record CheckContext(Path root, List<Resource> resources, ValidatorConfig config, RunOptions options) {

    public CheckContext {
        resources = List.copyOf(resources);
    }
}
