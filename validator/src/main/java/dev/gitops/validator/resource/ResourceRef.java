package dev.gitops.validator.resource;

/** Identifies a Kubernetes-style resource. Any part may be null when not known. */
public record ResourceRef(String apiVersion, String kind, String namespace, String name) {

    /** The API group: the part of apiVersion before the slash, or "" for the core group. */
    public String group() {
        if (apiVersion == null) {
            return null;
        }
        int slash = apiVersion.indexOf('/');
        return slash < 0 ? "" : apiVersion.substring(0, slash);
    }

    /** The version part of apiVersion. */
    public String version() {
        if (apiVersion == null) {
            return null;
        }
        int slash = apiVersion.indexOf('/');
        return slash < 0 ? apiVersion : apiVersion.substring(slash + 1);
    }

    /** {@code Kind/namespace/name} or {@code Kind/name} for display. */
    public String display() {
        StringBuilder b = new StringBuilder(kind == null ? "?" : kind);
        if (namespace != null && !namespace.isEmpty()) {
            b.append('/').append(namespace);
        }
        b.append('/').append(name == null ? "?" : name);
        return b.toString();
    }
}
