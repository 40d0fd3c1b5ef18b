package dev.gitops.validator.domain.traffic;

import dev.gitops.validator.model.Aws;
import dev.gitops.validator.model.ExternalDns;
import dev.gitops.validator.resource.Resource;
import dev.gitops.validator.source.FieldPath;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A DNS record with a routing policy, however it is declared: an ACK {@code RecordSet} or the ExternalDNS
 * annotations of a Service/Ingress/route (one per hostname).
 *
 * @param name the record name, lower case, without the trailing dot
 * @param type the record type ({@code A}, {@code CNAME}; ExternalDNS records report {@code *}: the type
 *     follows the target)
 * @param weight the weight as written, or null when the record is not weighted
 * @param weightPath where the weight is written
 * @param ttl the TTL as written, or null
 * @param healthChecked whether a health check or alias target health evaluation applies
 * @param failover PRIMARY/SECONDARY for failover records, else null
 */
public record WeightedRecord(Resource source, String zone, String name, String type, String setIdentifier,
                             FieldPath setIdentifierPath, String weight, FieldPath weightPath, String ttl,
                             FieldPath ttlPath, boolean healthChecked, String failover) {

    public String groupKey() {
        return (zone == null ? "" : zone) + "|" + name + "|" + type;
    }

    public boolean isWeighted() {
        return weight != null;
    }

    /** The weight as an integer, or null when it is not a plain integer. */
    public Long weightValue() {
        if (weight == null || !weight.matches("[0-9]{1,10}")) {
            return null;
        }
        return Long.parseLong(weight);
    }

    public static List<WeightedRecord> from(Aws.RecordSet r) {
        String name = r.recordName() == null ? "" : r.recordName();
        return List.of(new WeightedRecord(r.source(), r.hostedZone(), normalize(name), r.recordType(),
                r.setIdentifier(), FieldPath.of("spec", "setIdentifier"),
                r.weight() == null ? null : String.valueOf(r.weight()), FieldPath.of("spec", "weight"),
                r.ttl() == null ? null : String.valueOf(r.ttl()), FieldPath.of("spec", "ttl"), r.hasHealthCheck(),
                r.failover()));
    }

    public static List<WeightedRecord> from(ExternalDns e) {
        List<WeightedRecord> out = new ArrayList<>();
        for (String host : e.hostnames()) {
            out.add(new WeightedRecord(e.source(), null, normalize(host), "*", e.setIdentifier(),
                    e.path("set-identifier"), e.weight(), e.path("aws-weight"), e.ttl(), e.path("ttl"),
                    e.healthCheckId() != null, null));
        }
        return out;
    }

    static String normalize(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        return n.endsWith(".") ? n.substring(0, n.length() - 1) : n;
    }
}
