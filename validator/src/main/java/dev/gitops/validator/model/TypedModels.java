package dev.gitops.validator.model;

import java.util.Set;

/**
 * The custom resource kinds that have a typed Java model in this package and are therefore
 * schema-checked offline without a CRD. Keys are {@code group/Kind}.
 */
public final class TypedModels {

    private static final Set<String> KINDS = Set.copyOf(ModelKind.ALL.stream()
            .map(k -> k.group() + "/" + k.kind()).toList());

    private TypedModels() {
    }

    /** True when {@code apiVersion}'s group and {@code kind} have a typed model. */
    public static boolean covers(String apiVersion, String kind) {
        if (apiVersion == null || kind == null) {
            return false;
        }
        int slash = apiVersion.indexOf('/');
        String group = slash < 0 ? "" : apiVersion.substring(0, slash);
        return KINDS.contains(group + "/" + kind);
    }
}
