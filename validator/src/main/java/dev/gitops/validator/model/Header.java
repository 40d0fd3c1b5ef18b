package dev.gitops.validator.model;

import dev.gitops.validator.resource.Resource;
import dev.gitops.validator.source.FieldPath;
import java.util.ArrayList;
import java.util.List;

/** Reads the top level of a resource: apiVersion, kind, metadata and (optionally) status. */
final class Header {

    private Header() {
    }

    /** The root node of a resource, with apiVersion, kind and status allowed. */
    static Node root(Resource r, List<ModelProblem> problems) {
        Node root = Node.of(r.content(), FieldPath.ROOT, problems);
        root.allow("apiVersion", "kind", "status");
        return root;
    }

    static Meta meta(Node root) {
        Node m = root.object("metadata", true);
        return Meta.read(m);
    }

    static List<ModelProblem> sink() {
        return new ArrayList<>();
    }
}
