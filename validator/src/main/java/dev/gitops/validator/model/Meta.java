package dev.gitops.validator.model;

import java.util.List;
import java.util.Map;

/** The parts of {@code metadata} the models use. */
public record Meta(String name, String namespace, Map<String, String> labels, Map<String, String> annotations,
                   List<String> finalizers) {

    static Meta read(Node n) {
        Meta m = new Meta(n.string("name"), n.string("namespace"), n.stringMap("labels"),
                n.stringMap("annotations"), n.strings("finalizers"));
        n.allow("generateName", "uid", "resourceVersion", "generation", "creationTimestamp", "deletionTimestamp",
                "deletionGracePeriodSeconds", "ownerReferences", "managedFields", "selfLink");
        n.end();
        return m;
    }

    public String annotation(String key) {
        return annotations.get(key);
    }

    public String label(String key) {
        return labels.get(key);
    }
}
