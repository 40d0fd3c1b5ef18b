package dev.gitops.validator.domain.traffic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gitops.validator.domain.DomainTestSupport;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The zones an AWS ExternalDNS writes a name into, as its domain, zone-id and zone-type filters decide (TRAFFIC016). */
class ExternalDnsFiltersTest {

    private static final HostedZones.Zone PUBLIC = new HostedZones.Zone(null, "docs.example.com", "Z0123456789PUBLIC", false);
    private static final HostedZones.Zone PRIVATE = new HostedZones.Zone(null, "internal.docs.example.com", "Z0123456789PRIVATE", true);
    private static final HostedZones.Zone APEX = new HostedZones.Zone(null, "example.com", "Z0APEX", false);
    private static final List<HostedZones.Zone> ZONES = List.of(APEX, PUBLIC, PRIVATE);

    private static ExternalDnsFilters install(String values) {
        String yaml = """
                apiVersion: argoproj.io/v1alpha1
                kind: Application
                metadata: {name: external-dns, namespace: argocd}
                spec:
                  source:
                    chart: external-dns
                    helm:
                      valuesObject:
                """ + values.indent(8);
        List<ExternalDnsFilters> all = ExternalDnsFilters.of(DomainTestSupport.load("app.yaml", yaml).getFirst());
        assertEquals(1, all.size());
        return all.getFirst();
    }

    @Test
    void aNameGoesIntoEveryPrivateZoneAndTheMostSpecificPublicOne() {
        ExternalDnsFilters dns = install("domainFilters: [docs.example.com, internal.docs.example.com]\n");
        assertEquals(List.of(PRIVATE, PUBLIC), dns.zonesFor("even.internal.docs.example.com", ZONES));
        assertEquals(List.of(PUBLIC), dns.zonesFor("even.docs.example.com", ZONES));
        assertEquals(List.of("service", "ingress"), dns.sources());
    }

    @Test
    void zoneTypeAndZoneIdFiltersNarrowTheZones() {
        ExternalDnsFilters priv = install("domainFilters: [internal.docs.example.com]\n"
                + "extraArgs: [--aws-zone-type=private, --zone-id-filter=Z0123456789PRIVATE]\n");
        assertEquals(List.of(PRIVATE), priv.zonesFor("even.internal.docs.example.com", ZONES));
        assertFalse(priv.publishes("even.docs.example.com"));
        ExternalDnsFilters pub = install("domainFilters: [docs.example.com]\nextraArgs:\n  aws-zone-type: public\n");
        assertEquals(List.of(PUBLIC), pub.zonesFor("even.internal.docs.example.com", ZONES));
        ExternalDnsFilters byId = install("extraArgs: [--zone-id-filter=Z0APEX]\n");
        assertEquals(List.of(APEX), byId.zonesFor("even.internal.docs.example.com", ZONES));
    }

    @Test
    void exclusionsDropNamesAndAParentOfAFilterIsConsidered() {
        ExternalDnsFilters dns = install("domainFilters: [docs.example.com]\nexcludeDomains: [internal.docs.example.com]\n");
        assertTrue(dns.publishes("even.docs.example.com"));
        assertFalse(dns.publishes("even.internal.docs.example.com"));
        assertFalse(dns.considers(PRIVATE));
        assertTrue(dns.considers(APEX), "example.com is a parent of the filter docs.example.com");
        ExternalDnsFilters dotted = install("domainFilters: [.docs.example.com]\n");
        assertFalse(dotted.considers(APEX), "a filter starting with a dot has no parents");
        assertFalse(dotted.publishes("docs.example.com"));
        assertTrue(dotted.publishes("even.docs.example.com"));
    }

    @Test
    void anotherProviderIsNotAnAwsInstallation() {
        String yaml = """
                apiVersion: argoproj.io/v1alpha1
                kind: Application
                metadata: {name: external-dns, namespace: argocd}
                spec:
                  source:
                    chart: external-dns
                    helm:
                      valuesObject:
                        provider: {name: cloudflare}
                """;
        assertTrue(ExternalDnsFilters.of(DomainTestSupport.load("app.yaml", yaml).getFirst()).isEmpty());
    }
}
