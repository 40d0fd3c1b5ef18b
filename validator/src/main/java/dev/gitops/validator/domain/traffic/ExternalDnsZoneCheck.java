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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * TRAFFIC016: an ExternalDNS installation never writes a name that a private hosted zone of the tree
 * holds into a public zone. The AWS provider writes a name into every private zone it considers that
 * holds the name and into the most specific public zone holding it ({@link ExternalDnsFilters}): an
 * installation whose filters admit both the private zone {@code internal.docs.example.com} and the public
 * zone {@code docs.example.com} publishes {@code even.internal.docs.example.com}, an internal load
 * balancer's name, on the internet as well. The names are those ExternalDNS reads from the resources of
 * its cluster: the hostname annotation of Services and Ingresses, an Ingress's rule hosts (unless
 * {@code ingress-hostname-source: annotation-only}) and an HTTPRoute's hostnames, for the sources it reads.
 */
public final class ExternalDnsZoneCheck implements Check {

    public static final Rule PRIVATE_NAME_PUBLIC = error("TRAFFIC016", TrafficCheck.CATEGORY);

    @Override
    public List<Rule> rules() {
        return List.of(PRIVATE_NAME_PUBLIC);
    }

    @Override
    public void run(CheckContext context, Findings findings) {
        HostedZones zones = HostedZones.of(context.resources());
        if (zones.zones().stream().noneMatch(HostedZones.Zone::privateZone)) {
            return;
        }
        Topology topology = Topology.of(context.config(), context.resources());
        for (Resource app : context.resources()) {
            for (ExternalDnsFilters dns : ExternalDnsFilters.of(app)) {
                Set<String> clusters = topology.clustersOf(app);
                Map<String, Location> names = new LinkedHashMap<>();
                for (Resource r : context.resources()) {
                    if (!clusters.isEmpty() && topology.clustersOf(r).stream().noneMatch(clusters::contains)) {
                        continue;
                    }
                    published(r, dns.sources(), names);
                }
                names.forEach((name, where) -> check(dns, name, where, zones, findings));
            }
        }
    }

    private static void check(ExternalDnsFilters dns, String name, Location where, HostedZones zones, Findings findings) {
        if (!dns.publishes(name)) {
            return;
        }
        List<HostedZones.Zone> into = dns.zonesFor(name, zones.zones());
        HostedZones.Zone publicZone = into.stream().filter(z -> !z.privateZone()).findFirst().orElse(null);
        if (publicZone == null) {
            return;
        }
        HostedZones.Zone privateZone = zones.zones().stream()
                .filter(z -> z.privateZone() && z.holds(name) && z.domain().length() > publicZone.domain().length())
                .findFirst().orElse(null);
        if (privateZone == null) {
            return;
        }
        boolean both = into.contains(privateZone);
        List<Location> related = new ArrayList<>(List.of(where,
                Findings.location(privateZone.source(), FieldPath.of("spec", "name"), "private zone " + privateZone.domain()),
                Findings.location(publicZone.source(), FieldPath.of("spec", "name"), "public zone " + publicZone.domain())));
        findings.at(PRIVATE_NAME_PUBLIC, dns.application(), dns.values(), "ExternalDNS " + dns.application().ref().name()
                        + " writes " + name + ", a name of the private zone " + privateZone.domain() + ", into the"
                        + " public zone " + publicZone.domain() + (both ? " as well" : "") + ": the AWS provider"
                        + " writes a name into every private zone and the most specific public zone its filters admit"
                        + " (domain " + dns.domains() + ", zone ids " + dns.zoneIds() + ", zone type "
                        + (dns.zoneType().isEmpty() ? "any" : dns.zoneType()) + "), so the internal name and its"
                        + " address are published on the internet",
                "run one ExternalDNS per zone type: a public one (--aws-zone-type=public, its zone's"
                        + " --zone-id-filter, excludeDomains the private domains) and a private one"
                        + " (--aws-zone-type=private, domainFilters the private domain), each with its own txtOwnerId",
                related);
    }

    /** The names ExternalDNS reads from a resource, for the sources it reads, with where each is written. */
    private static void published(Resource r, List<String> sources, Map<String, Location> out) {
        String kind = r.kind();
        boolean ingress = "Ingress".equals(kind) && sources.contains("ingress");
        boolean service = "Service".equals(kind) && "v1".equals(r.apiVersion()) && sources.contains("service");
        boolean route = "HTTPRoute".equals(kind) && sources.contains(ExternalDnsSources.GATEWAY_HTTPROUTE);
        if (!ingress && !service && !route) {
            return;
        }
        ExternalDns dns = ExternalDns.of(r);
        if (dns != null) {
            dns.hostnames().forEach(h -> out.putIfAbsent(HostedZones.normalize(h),
                    Findings.location(r, dns.path("hostname"), "ExternalDNS hostname " + h)));
        }
        boolean annotationOnly = dns != null && "annotation-only".equals(
                r.get(dns.path("ingress-hostname-source")));
        if (ingress && !annotationOnly && r.get(FieldPath.of("spec", "rules")) instanceof List<?> rules) {
            for (int i = 0; i < rules.size(); i++) {
                if (rules.get(i) instanceof Map<?, ?> rule && rule.get("host") instanceof String host) {
                    out.putIfAbsent(HostedZones.normalize(host), Findings.location(r,
                            FieldPath.of("spec", "rules", i, "host"), "Ingress host " + host));
                }
            }
        }
        if (route && r.get(FieldPath.of("spec", "hostnames")) instanceof List<?> hosts) {
            for (int i = 0; i < hosts.size(); i++) {
                String host = String.valueOf(hosts.get(i));
                out.putIfAbsent(HostedZones.normalize(host), Findings.location(r, FieldPath.of("spec", "hostnames", i),
                        "HTTPRoute hostname " + host));
            }
        }
    }
}
