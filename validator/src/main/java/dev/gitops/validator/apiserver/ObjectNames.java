package dev.gitops.validator.apiserver;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Which name format the API server requires of an object's {@code metadata.name}, per kind
 * (k8s.io/kubernetes pkg/apis/&#42;/validation): most kinds take a DNS-1123 subdomain, Namespaces a DNS-1123
 * label, Services a DNS-1035 label, RBAC kinds a path segment. Custom resources take a DNS-1123 subdomain.
 */
final class ObjectNames {

    /** A name format: its description and its check. */
    record Format(String description, Function<String, List<String>> check) {
    }

    static final Format SUBDOMAIN = new Format("a DNS-1123 subdomain", NameFormats::dns1123Subdomain);
    static final Format LABEL = new Format("a DNS-1123 label", NameFormats::dns1123Label);
    static final Format DNS1035 = new Format("a DNS-1035 label", NameFormats::dns1035Label);
    static final Format PATH_SEGMENT = new Format("a path segment", NameFormats::pathSegment);

    private static final Set<String> RBAC = Set.of("Role", "ClusterRole", "RoleBinding", "ClusterRoleBinding");

    /** Kinds whose names are shorter than the format allows: the API server derives labels or names from them. */
    private static final Map<String, Integer> MAX_LENGTH = Map.of(
            "batch/CronJob", 52,   // job names add an 11-character suffix and must stay a DNS-1035-sized label
            "batch/Job", 63);      // the name is copied into the pods' job-name label

    private ObjectNames() {
    }

    static Format of(String group, String kind) {
        if (group.isEmpty() && kind.equals("Namespace")) {
            return LABEL;
        }
        if (group.isEmpty() && kind.equals("Service")) {
            return DNS1035;
        }
        if (group.equals("rbac.authorization.k8s.io") && RBAC.contains(kind)) {
            return PATH_SEGMENT;
        }
        return SUBDOMAIN;
    }

    /** The kind's own length limit, or null. */
    static Integer maxLength(String group, String kind) {
        return MAX_LENGTH.get(group + "/" + kind);
    }
}
