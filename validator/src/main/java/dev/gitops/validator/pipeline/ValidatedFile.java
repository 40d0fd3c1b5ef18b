package dev.gitops.validator.pipeline;

import dev.gitops.validator.resource.ResourceRef;
import java.util.List;

/**
 * One input of a run and the resources read from it, for reports that list what passed as well as
 * what failed (JUnit).
 *
 * @param file the path as reported (relative to the root), or {@code <stdin>}
 * @param resources the resources read from it, in order
 */
public record ValidatedFile(String file, List<ResourceRef> resources) {

    public ValidatedFile {
        resources = List.copyOf(resources);
    }
}
