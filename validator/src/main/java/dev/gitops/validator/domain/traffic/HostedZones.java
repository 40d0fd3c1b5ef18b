package dev.gitops.validator.domain.traffic;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.gitops.validator.resource.JsonText;
import dev.gitops.validator.resource.Resource;
import dev.gitops.validator.source.FieldPath;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * The Route 53 hosted zones a tree declares (ACK {@code HostedZone}) and the records in them (ACK
 * {@code RecordSet}), with each record's full DNS name as the route53 controller writes it: the
 * controller appends the zone's domain to {@code spec.name} (route53-controller
 * {@code pkg/resource/record_set/hooks.go}, {@code getDNSName}), and a record without a name is the zone
 * apex.
 *
 * @param zones every declared zone
 * @param records every declared record
 */
public record HostedZones(List<Zone> zones, List<Resource> records) {

    static final String HOSTED_ZONE_PREFIX = "/hostedzone/";

    /**
     * One hosted zone.
     *
     * @param source the {@code HostedZone}
     * @param domain its domain, lower case, without the trailing dot
     * @param id the zone id AWS assigned, as its {@code services.k8s.aws/adoption-fields} record it, or null
     * @param privateZone whether the zone is private (answers inside its VPCs only)
     */
    public record Zone(Resource source, String domain, String id, boolean privateZone) {

        /** Whether a name is the zone's domain or lies under it. */
        public boolean holds(String name) {
            return name.equals(domain) || name.endsWith("." + domain);
        }
    }

    public HostedZones {
        zones = List.copyOf(zones);
        records = List.copyOf(records);
    }

    public static HostedZones of(List<Resource> all) {
        List<Zone> zones = new ArrayList<>();
        List<Resource> records = new ArrayList<>();
        for (Resource r : all) {
            if (HealthGate.isRecordSet(r)) {
                records.add(r);
            } else if ("HostedZone".equals(r.kind()) && r.apiVersion() != null
                    && r.apiVersion().startsWith("route53.services.k8s.aws/")
                    && r.get(FieldPath.of("spec", "name")) instanceof String name) {
                zones.add(new Zone(r, normalize(name), adoptedId(r),
                        Boolean.TRUE.equals(r.get(FieldPath.of("spec", "hostedZoneConfig", "privateZone")))));
            }
        }
        return new HostedZones(zones, records);
    }

    /** The zone a record is written into: its {@code hostedZoneID} or the zone its {@code hostedZoneRef} names. */
    public Zone zoneOf(Resource record) {
        if (record.get(FieldPath.of("spec", "hostedZoneID")) instanceof String id) {
            String bare = bareId(id);
            return zones.stream().filter(z -> bare.equals(z.id())).findFirst().orElse(null);
        }
        if (record.get(FieldPath.of("spec", "hostedZoneRef", "from", "name")) instanceof String ref) {
            return zones.stream().filter(z -> ref.equals(z.source().ref().name())
                    && Objects.equals(z.source().ref().namespace(), record.ref().namespace())).findFirst().orElse(null);
        }
        return null;
    }

    /** The full DNS name a record gets, lower case without the trailing dot, or null when its zone is unknown. */
    public String fqdn(Resource record) {
        Zone zone = zoneOf(record);
        if (zone == null) {
            return null;
        }
        return record.get(FieldPath.of("spec", "name")) instanceof String name && !name.isBlank()
                ? normalize(name) + "." + zone.domain() : zone.domain();
    }

    /** The most specific zone holding a name, public or private as asked, or null. */
    public Zone zoneFor(String name, boolean privateZone) {
        String n = normalize(name);
        return zones.stream().filter(z -> z.privateZone() == privateZone && z.holds(n))
                .max(java.util.Comparator.comparingInt(z -> z.domain().length())).orElse(null);
    }

    /** The declared records whose full name is {@code name}. */
    public List<Resource> recordsNamed(String name) {
        String n = normalize(name);
        return records.stream().filter(r -> n.equals(fqdn(r))).toList();
    }

    /** A DNS name lower case without the trailing dot. */
    public static String normalize(String name) {
        String n = name.trim().toLowerCase(Locale.ROOT);
        return n.endsWith(".") ? n.substring(0, n.length() - 1) : n;
    }

    static String bareId(String id) {
        return id.startsWith(HOSTED_ZONE_PREFIX) ? id.substring(HOSTED_ZONE_PREFIX.length()) : id;
    }

    /** The {@code id} of the zone's {@code services.k8s.aws/adoption-fields}, or null. */
    private static String adoptedId(Resource r) {
        if (!(r.get(FieldPath.of("metadata", "annotations", "services.k8s.aws/adoption-fields")) instanceof String s)) {
            return null;
        }
        try {
            JsonNode id = JsonText.read(s).get("id");
            return id != null && id.isTextual() ? bareId(id.asText()) : null;
        } catch (JsonProcessingException e) {
            return null; // ACK001 reports an annotation that is not a JSON object
        }
    }
}
