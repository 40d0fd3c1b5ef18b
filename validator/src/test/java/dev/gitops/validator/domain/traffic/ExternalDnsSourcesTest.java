package dev.gitops.validator.domain.traffic;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gitops.validator.config.ValidatorConfig;
import dev.gitops.validator.domain.DomainTestSupport;
import dev.gitops.validator.domain.Topology;
import dev.gitops.validator.resource.Resource;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ExternalDnsSourcesTest {

    private static final String ROUTE = """
            apiVersion: gateway.networking.k8s.io/v1
            kind: HTTPRoute
            metadata:
              name: r
              namespace: docproc
            spec:
              hostnames: [even.docs.example.com]
            """;

    private static boolean readsRoutes(String file, String installer) {
        List<Resource> all = new ArrayList<>(DomainTestSupport.load(file, installer));
        Resource route = DomainTestSupport.load("clusters/even/route.yaml", ROUTE).getFirst();
        all.add(route);
        Topology topology = Topology.of(ValidatorConfig.defaults(), all);
        return ExternalDnsSources.of(all, topology).reads(route, ExternalDnsSources.GATEWAY_HTTPROUTE);
    }

    private static String application(String values) {
        return """
                apiVersion: argoproj.io/v1alpha1
                kind: Application
                metadata:
                  name: external-dns
                  namespace: argocd
                spec:
                  source:
                    chart: external-dns
                    helm:
                      valuesObject:
                %s
                """.formatted(values.indent(8).stripTrailing());
    }

    @Test
    void theChartsSourcesListAndItsExtraArgsBothCount() {
        assertTrue(readsRoutes("clusters/even/apps/external-dns.yaml", application("sources: [ingress, gateway-httproute]")));
        assertTrue(readsRoutes("clusters/even/apps/external-dns.yaml",
                application("sources: [ingress]\nextraArgs:\n  - --source=gateway-httproute")));
        assertTrue(readsRoutes("clusters/even/apps/external-dns.yaml",
                application("sources: [ingress]\nextraArgs:\n  source: gateway-httproute")));
        assertFalse(readsRoutes("clusters/even/apps/external-dns.yaml", application("sources: [ingress, service]")));
    }

    @Test
    void anotherClustersExternalDnsDoesNotPublishTheRoute() {
        assertFalse(readsRoutes("clusters/odd/apps/external-dns.yaml", application("sources: [gateway-httproute]")));
    }

    @Test
    void aPlainDeploymentIsReadFromItsArguments() {
        String deployment = """
                apiVersion: apps/v1
                kind: Deployment
                metadata:
                  name: external-dns
                spec:
                  template:
                    spec:
                      containers:
                        - name: external-dns
                          image: registry.k8s.io/external-dns/external-dns:v0.22.0
                          args: [--source=ingress, --source=gateway-httproute, --provider=aws]
                """;
        assertTrue(readsRoutes("clusters/even/external-dns.yaml", deployment));
        assertFalse(readsRoutes("clusters/even/external-dns.yaml", deployment.replace("registry.k8s.io/external-dns/external-dns:v0.22.0", "example.com/dns-sync:v1")));
    }
}
