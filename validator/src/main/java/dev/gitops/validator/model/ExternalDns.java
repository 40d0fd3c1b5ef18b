package dev.gitops.validator.model;

import dev.gitops.validator.resource.Resource;
import dev.gitops.validator.source.FieldPath;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * The ExternalDNS annotations of a Service, Ingress or Gateway API route (kubernetes-sigs/external-dns
 * {@code source/annotations/annotations.go}): the hostnames it publishes and, for Route 53 weighted routing,
 * its set identifier and weight. ExternalDNS v0.22 reads the prefix {@code external-dns.kubernetes.io/};
 * older releases {@code external-dns.alpha.kubernetes.io/}. The prefix found on the resource is kept so a
 * check can compare it with the deployed version.
 *
 * @param weight the {@code aws-weight} text as written (ExternalDNS treats a non-integer as 0)
 */
public record ExternalDns(Resource source, String prefix, List<String> hostnames, String setIdentifier,
                          String weight, String ttl, String healthCheckId) {

    public static final String PREFIX = "external-dns.kubernetes.io/";
    public static final String ALPHA_PREFIX = "external-dns.alpha.kubernetes.io/";

    /** The ExternalDNS annotations of a resource, or null when it has none. */
    public static ExternalDns of(Resource r) {
        Object md = r.content().get("metadata");
        if (!(md instanceof Map<?, ?> m) || !(m.get("annotations") instanceof Map<?, ?> a)) {
            return null;
        }
        String prefix = null;
        for (Object k : a.keySet()) {
            String key = String.valueOf(k);
            if (key.startsWith(PREFIX)) {
                prefix = PREFIX;
            } else if (key.startsWith(ALPHA_PREFIX) && prefix == null) {
                prefix = ALPHA_PREFIX;
            }
        }
        if (prefix == null) {
            return null;
        }
        String hosts = text(a.get(prefix + "hostname"));
        List<String> hostnames = hosts == null ? List.of()
                : Arrays.stream(hosts.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
        return new ExternalDns(r, prefix, hostnames, text(a.get(prefix + "set-identifier")),
                text(a.get(prefix + "aws-weight")), text(a.get(prefix + "ttl")),
                text(a.get(prefix + "aws-health-check-id")));
    }

    private static String text(Object o) {
        return o == null ? null : String.valueOf(o);
    }

    public FieldPath path(String annotation) {
        return FieldPath.of("metadata", "annotations", prefix + annotation);
    }
}
