package dev.gitops.validator.check;

import dev.gitops.validator.config.ValidatorConfig;
import dev.gitops.validator.resource.Resource;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * What a check may look at.
 *
 * @param root the repository root ({@code --root})
 * @param resources every resource of the run, in deterministic order (file, document, item)
 * @param config the repository's validator configuration
 * @param options run options that some checks read (e.g. {@code kubernetesVersion}, {@code opaUrl},
 *     {@code base}); keys are documented by the checks that read them
 */
public record CheckContext(Path root, List<Resource> resources, ValidatorConfig config, Map<String, String> options) {

    public CheckContext {
        resources = List.copyOf(resources);
        options = Map.copyOf(options);
    }

    public String option(String key, String fallback) {
        return options.getOrDefault(key, fallback);
    }
}
