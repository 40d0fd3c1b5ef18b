package dev.gitops.validator.model;

import dev.gitops.validator.resource.Resource;
import java.util.ArrayList;
import java.util.List;

/**
 * The typed models of one run's resources. Only the kinds asked for are read, each resource once per
 * call; resources of other kinds are never touched.
 */
public final class Models {

    private final List<Resource> resources;

    private Models(List<Resource> resources) {
        this.resources = resources;
    }

    public static Models of(List<Resource> resources) {
        return new Models(resources);
    }

    /** Every resource of the kind, read into its model (in run order). */
    public <T extends TypedModel> List<T> all(ModelKind<T> kind) {
        List<T> out = new ArrayList<>();
        for (Resource r : resources) {
            if (kind.matches(r)) {
                out.add(kind.reader().read(r, new ArrayList<>()));
            }
        }
        return out;
    }

    /** Every resource of any of the kinds (e.g. KongPlugin and KongClusterPlugin). */
    @SafeVarargs
    public final <T extends TypedModel> List<T> all(ModelKind<? extends T>... kinds) {
        List<T> out = new ArrayList<>();
        for (Resource r : resources) {
            for (ModelKind<? extends T> k : kinds) {
                if (k.matches(r)) {
                    out.add(k.reader().read(r, new ArrayList<>()));
                }
            }
        }
        return out;
    }

    public List<Resource> resources() {
        return resources;
    }
}
