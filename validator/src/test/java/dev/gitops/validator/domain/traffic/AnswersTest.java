package dev.gitops.validator.domain.traffic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gitops.validator.domain.DomainTestSupport;
import dev.gitops.validator.resource.Resource;
import dev.gitops.validator.source.FieldPath;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AnswersTest {

    private static Resource ingress(String annotations, String spec) {
        return DomainTestSupport.load("ingress.yaml", """
                apiVersion: networking.k8s.io/v1
                kind: Ingress
                metadata:
                  name: edge
                  annotations:
                    external-dns.kubernetes.io/hostname: even.docs.example.com
                %s
                spec:
                  ingressClassName: alb
                %s
                """.formatted(annotations, spec)).getFirst();
    }

    @Test
    void listenPortsDecideWhenGiven() {
        assertEquals(FieldPath.of("metadata", "annotations", "alb.ingress.kubernetes.io/listen-ports"), Answers.listener(
                ingress("    alb.ingress.kubernetes.io/listen-ports: '[{\"HTTP\": 80}, {\"HTTPS\": 443}]'", "")));
        assertNull(Answers.listener(ingress("""
                    alb.ingress.kubernetes.io/listen-ports: '[{"HTTP": 80}]'
                    alb.ingress.kubernetes.io/certificate-arn: arn:aws:acm:eu-west-1:111122223333:certificate/x""",
                "")), "a certificate does not add an HTTPS listener that listen-ports leaves out");
        assertNull(Answers.listener(ingress("    alb.ingress.kubernetes.io/listen-ports: 'HTTPS:443'", "")),
                "listen-ports that is not JSON gives no listener");
    }

    @Test
    void withoutListenPortsACertificateOrTlsMeansHttps() {
        assertEquals(FieldPath.of("metadata", "annotations", "alb.ingress.kubernetes.io/certificate-arn"),
                Answers.listener(ingress(
                        "    alb.ingress.kubernetes.io/certificate-arn: arn:aws:acm:eu-west-1:111122223333:certificate/x",
                        "")));
        assertEquals(FieldPath.of("spec", "tls"), Answers.listener(ingress("", "  tls:\n    - hosts: [even.docs.example.com]")));
        assertNull(Answers.listener(ingress("", "")), "the controller's default listener is HTTP 80");
    }

    @Test
    void recordsAreFollowedToTheIngressAndToAwsEndpoints() {
        List<Resource> all = DomainTestSupport.load("dns.yaml", """
                apiVersion: route53.services.k8s.aws/v1alpha1
                kind: HostedZone
                metadata:
                  name: zone
                  annotations:
                    services.k8s.aws/adoption-fields: '{"id": "ZPUB"}'
                spec:
                  name: docs.example.com
                ---
                apiVersion: route53.services.k8s.aws/v1alpha1
                kind: RecordSet
                metadata:
                  name: primary
                spec:
                  hostedZoneID: ZPUB
                  recordType: A
                  aliasTarget: {dnsName: live.docs.example.com, hostedZoneID: ZPUB}
                ---
                apiVersion: route53.services.k8s.aws/v1alpha1
                kind: RecordSet
                metadata:
                  name: live
                spec:
                  hostedZoneID: ZPUB
                  name: live
                  recordType: A
                  aliasTarget: {dnsName: even.docs.example.com, hostedZoneID: ZPUB}
                ---
                apiVersion: route53.services.k8s.aws/v1alpha1
                kind: RecordSet
                metadata:
                  name: status
                spec:
                  hostedZoneID: ZPUB
                  name: status
                  recordType: CNAME
                  resourceRecords:
                    - value: d1a2b3c4d5e6f7.cloudfront.net
                    - value: status.docs.example.com.s3-website-eu-west-1.amazonaws.com
                ---
                apiVersion: networking.k8s.io/v1
                kind: Ingress
                metadata:
                  name: edge
                  annotations:
                    external-dns.kubernetes.io/hostname: even.docs.example.com
                    alb.ingress.kubernetes.io/listen-ports: '[{"HTTPS": 443}]'
                spec:
                  ingressClassName: alb
                """);
        HostedZones zones = HostedZones.of(all);
        Answers answers = new Answers(zones, all);
        Map<FieldPath, List<Answers.Endpoint>> primary = answers.of(all.get(1));
        List<Answers.Endpoint> reached = primary.get(FieldPath.of("spec", "aliasTarget", "dnsName"));
        assertEquals(1, reached.size(), reached::toString);
        assertEquals(Answers.Kind.HTTPS_LOAD_BALANCER, reached.getFirst().kind());
        assertEquals("even.docs.example.com", reached.getFirst().name());
        Map<FieldPath, List<Answers.Endpoint>> status = answers.of(all.get(3));
        assertEquals(Answers.Kind.CLOUDFRONT,
                status.get(FieldPath.of("spec", "resourceRecords", 0, "value")).getFirst().kind());
        assertEquals(Answers.Kind.S3_WEBSITE,
                status.get(FieldPath.of("spec", "resourceRecords", 1, "value")).getFirst().kind());
        assertTrue(Answers.isAlb(all.get(4)));
        assertFalse(Answers.isAlb(DomainTestSupport.load("kong.yaml", """
                apiVersion: networking.k8s.io/v1
                kind: Ingress
                metadata:
                  name: kong
                spec:
                  ingressClassName: kong
                """).getFirst()));
    }
}
