package dev.gitops.validator.model;

import dev.gitops.validator.resource.Resource;

/** A resource read into its typed model. */
public interface TypedModel {

    /** The resource the model was read from (for positions). */
    Resource source();

    Meta metadata();

    default String name() {
        return metadata().name();
    }

    default String namespace() {
        return metadata().namespace();
    }
}
