package dev.gitops.validator.domain.traffic;

import static dev.gitops.validator.finding.Rule.error;

import dev.gitops.validator.check.Check;
import dev.gitops.validator.check.CheckContext;
import dev.gitops.validator.check.Findings;
import dev.gitops.validator.domain.Topology;
import dev.gitops.validator.finding.Location;
import dev.gitops.validator.finding.Rule;
import dev.gitops.validator.model.ExternalDns;
import dev.gitops.validator.resource.Resource;
import dev.gitops.validator.source.FieldPath;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * TRAFFIC014: every Route 53 record (ACK {@code RecordSet}) in a declared hosted zone is one Route 53
 * accepts, under the name it is meant to have. Full names are computed as the route53 controller does
 * ({@link HostedZones}). A record is refused when it is a CNAME at its zone's apex, when its
 * {@code spec.name} already ends with the zone's domain (the controller appends it again), or when it is
 * an alias that also carries {@code ttl} or {@code resourceRecords}, or whose target, in a zone the tree
 * declares, names no record the tree creates there or only records of another type. Records created by
 * ExternalDNS from the hostname annotations of Ingresses and Services count as records of type A, and
 * so do the hostnames of HTTPRoutes attached to a Gateway where an ExternalDNS of the same cluster
 * reads the source {@code gateway-httproute} ({@link ExternalDnsSources}).
 * Records answering with an S3 website endpoint, in any zone, are judged by {@link S3WebsiteTargets}; aliases
 * to a CloudFront distribution name by {@link CloudFrontTargets}.
 */
public final class RecordSetCheck implements Check {

    public static final Rule RECORD = error("TRAFFIC014", TrafficCheck.CATEGORY);

    private static final Set<String> EXTERNAL_DNS_SOURCES = Set.of("Ingress", "Service");
    private static final String GATEWAY_API = "gateway.networking.k8s.io";
    private static final FieldPath NAME = FieldPath.of("spec", "name");
    private static final FieldPath TYPE = FieldPath.of("spec", "recordType");
    private static final FieldPath ALIAS = FieldPath.of("spec", "aliasTarget");
    private static final FieldPath ALIAS_NAME = ALIAS.key("dnsName");
    private static final FieldPath ALIAS_ZONE = ALIAS.key("hostedZoneID");

    /** A name the tree creates in a zone, with its type and where it is declared. */
    private record Created(String type, Location where) {
    }

    @Override
    public List<Rule> rules() {
        return List.of(RECORD);
    }

    @Override
    public void run(CheckContext context, Findings findings) {
        HostedZones zones = HostedZones.of(context.resources());
        ExternalDnsSources externalDns = null;
        for (Resource r : zones.records()) {
            S3WebsiteTargets.check(r, findings);
            CloudFrontTargets.check(r, findings);
            HostedZones.Zone zone = zones.zoneOf(r);
            if (zone == null) {
                continue; // the zone is outside the tree: its domain, and so the full name, is unknown
            }
            String type = r.get(TYPE) instanceof String t ? t : null;
            String fqdn = zones.fqdn(r);
            if (r.get(NAME) instanceof String name && zone.holds(HostedZones.normalize(name))) {
                findings.at(RECORD, r, NAME, "record name " + name + " already ends with the domain of zone "
                                + zone.domain() + ": the route53 controller appends it again and creates " + fqdn,
                        "write the name relative to the zone (" + relative(HostedZones.normalize(name), zone)
                                + "), or leave spec.name out for the apex " + zone.domain(),
                        List.of(Findings.location(zone.source(), NAME, "hosted zone")));
            }
            if ("CNAME".equals(type) && fqdn.equals(zone.domain())) {
                findings.at(RECORD, r, TYPE, "CNAME record at the apex of zone " + zone.domain() + ": Route 53"
                                + " refuses a CNAME at a zone apex, which also holds the zone's SOA and NS records",
                        "make the apex an alias record of type A (or AAAA) with spec.aliasTarget");
            }
            if (r.get(ALIAS) != null) {
                if (externalDns == null) {
                    externalDns = ExternalDnsSources.of(context.resources(),
                            Topology.of(context.config(), context.resources()));
                }
                alias(r, type, zone, zones, context.resources(), externalDns, findings);
            }
        }
    }

    private static void alias(Resource r, String type, HostedZones.Zone zone, HostedZones zones, List<Resource> all,
                              ExternalDnsSources externalDns, Findings findings) {
        for (String field : List.of("ttl", "resourceRecords")) {
            FieldPath path = FieldPath.of("spec", field);
            if (r.get(path) != null) {
                findings.at(RECORD, r, path, "alias record " + zones.fqdn(r) + " sets spec." + field + ": Route 53"
                                + " refuses an alias record with a TTL or values of its own (it answers with the"
                                + " target's)", "remove spec." + field + " from the alias record");
            }
        }
        if (!(r.get(ALIAS_NAME) instanceof String dns)) {
            return;
        }
        String target = HostedZones.normalize(dns);
        String aliasZoneId = r.get(ALIAS_ZONE) instanceof String id ? HostedZones.bareId(id) : null;
        HostedZones.Zone byId = aliasZoneId == null ? null
                : zones.zones().stream().filter(z -> aliasZoneId.equals(z.id())).findFirst().orElse(null);
        HostedZones.Zone byName = zones.zoneFor(target, zone.privateZone());
        HostedZones.Zone in = byId != null ? byId : byName;
        if (in == null) {
            return; // an AWS endpoint (S3 website, load balancer, CloudFront): its zone is AWS's
        }
        if (byId != null && !byId.holds(target)) {
            findings.at(RECORD, r, ALIAS_NAME, "alias target " + target + " is not a name in zone " + byId.domain()
                            + " (" + aliasZoneId + "), the zone aliasTarget.hostedZoneID names: Route 53 refuses it",
                    "name a record of zone " + byId.domain() + ", or set aliasTarget.hostedZoneID to the target's zone",
                    List.of(Findings.location(byId.source(), NAME, "hosted zone")));
            return;
        }
        if (byId == null && aliasZoneId != null && byName.id() != null) {
            findings.at(RECORD, r, ALIAS_ZONE, "alias target " + target + " lies in zone " + byName.domain() + " ("
                            + byName.id() + "), but aliasTarget.hostedZoneID is " + aliasZoneId,
                    "set aliasTarget.hostedZoneID to " + byName.id(),
                    List.of(Findings.location(byName.source(), NAME, "hosted zone")));
            return;
        }
        List<Created> created = created(target, in, zones, all, externalDns);
        if (created.isEmpty()) {
            findings.at(RECORD, r, ALIAS_NAME, "alias " + zones.fqdn(r) + " targets " + target + " in zone "
                            + in.domain() + ", but the tree creates no record of that name there: Route 53 refuses"
                            + " the alias (full names are spec.name followed by the zone's domain)",
                    "declare a RecordSet (or an ExternalDNS hostname annotation) named " + target + " in zone "
                            + in.domain() + ", or alias a name the tree creates",
                    List.of(Findings.location(in.source(), NAME, "hosted zone")));
        } else if (type != null && created.stream().noneMatch(c -> type.equals(c.type()))) {
            findings.at(RECORD, r, TYPE, "alias " + zones.fqdn(r) + " of type " + type + " targets " + target
                            + ", which the tree creates as type " + created.stream().map(Created::type).distinct()
                            .toList() + ": an alias answers with the target's records of its own type only, and"
                            + " Route 53 refuses one without them",
                    "give the alias the type of its target (" + created.getFirst().type() + ")",
                    created.stream().map(Created::where).toList());
        }
    }

    /** The records the tree creates under a full name in a zone: RecordSets and ExternalDNS hostnames. */
    private static List<Created> created(String name, HostedZones.Zone zone, HostedZones zones, List<Resource> all,
                                         ExternalDnsSources externalDns) {
        List<Created> out = new ArrayList<>();
        for (Resource record : zones.recordsNamed(name)) {
            if (zones.zoneOf(record) == zone) {
                out.add(new Created(String.valueOf(record.get(TYPE)), Findings.location(record,
                        record.get(NAME) != null ? NAME : TYPE, "record " + name)));
            }
        }
        if (zones.zoneFor(name, zone.privateZone()) != zone) {
            return out; // ExternalDNS writes a name into the most specific zone holding it
        }
        for (Resource r : all) {
            if (isHttpRoute(r)) {
                out.addAll(routeHostnames(r, name, externalDns));
                continue;
            }
            if (!EXTERNAL_DNS_SOURCES.contains(r.kind())) {
                continue;
            }
            ExternalDns dns = ExternalDns.of(r);
            if (dns != null && dns.hostnames().stream().map(HostedZones::normalize).anyMatch(name::equals)) {
                out.add(new Created("A", Findings.location(r, dns.path("hostname"), "ExternalDNS hostname " + name)));
            }
        }
        return out;
    }

    /**
     * The records ExternalDNS creates for an HTTPRoute: its {@code spec.hostnames} and hostname annotation,
     * when the route is attached to a Gateway ({@code parentRefs}) and an ExternalDNS of its cluster reads
     * {@code gateway-httproute}; none otherwise.
     */
    private static List<Created> routeHostnames(Resource route, String name, ExternalDnsSources externalDns) {
        if (!(route.get(FieldPath.of("spec", "parentRefs")) instanceof List<?> parents) || parents.isEmpty()
                || !externalDns.reads(route, ExternalDnsSources.GATEWAY_HTTPROUTE)) {
            return List.of();
        }
        List<Created> out = new ArrayList<>();
        if (route.get(FieldPath.of("spec", "hostnames")) instanceof List<?> hosts) {
            for (int i = 0; i < hosts.size(); i++) {
                if (name.equals(HostedZones.normalize(String.valueOf(hosts.get(i))))) {
                    out.add(new Created("A", Findings.location(route, FieldPath.of("spec", "hostnames", i),
                            "HTTPRoute hostname " + name + " (ExternalDNS source gateway-httproute)")));
                }
            }
        }
        ExternalDns dns = ExternalDns.of(route);
        if (dns != null && dns.hostnames().stream().map(HostedZones::normalize).anyMatch(name::equals)) {
            out.add(new Created("A", Findings.location(route, dns.path("hostname"), "ExternalDNS hostname " + name)));
        }
        return out;
    }

    private static boolean isHttpRoute(Resource r) {
        return "HTTPRoute".equals(r.kind()) && GATEWAY_API.equals(r.ref().group());
    }

    private static String relative(String name, HostedZones.Zone zone) {
        return name.equals(zone.domain()) ? "no spec.name"
                : name.substring(0, name.length() - zone.domain().length() - 1);
    }
}
