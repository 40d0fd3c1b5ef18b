package dev.gitops.validator.domain.traffic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gitops.validator.check.Findings;
import dev.gitops.validator.domain.DomainTestSupport;
import dev.gitops.validator.finding.Finding;
import dev.gitops.validator.finding.Severity;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class S3WebsiteTargetsTest {

    private static List<Finding> judge(String dnsName, String zoneId) {
        String yaml = """
                apiVersion: route53.services.k8s.aws/v1alpha1
                kind: RecordSet
                metadata:
                  name: secondary
                  namespace: aws-resources
                spec:
                  hostedZoneID: Z0123456789PUBLIC
                  recordType: A
                  aliasTarget:
                    dnsName: %s
                    hostedZoneID: %s
                    evaluateTargetHealth: false
                """.formatted(dnsName, zoneId);
        Findings findings = new Findings();
        S3WebsiteTargets.check(DomainTestSupport.load("dns.yaml", yaml).getFirst(), findings);
        return findings.all();
    }

    @Test
    void theNameKeepsItsBucketFormAndRegion() {
        S3WebsiteEndpoints.Name bucket = S3WebsiteEndpoints
                .parse("docs.example.com.s3-website.eu-central-1.amazonaws.com").orElseThrow();
        assertEquals("docs.example.com", bucket.bucket());
        assertEquals("eu-central-1", bucket.region());
        assertFalse(bucket.dash());
        S3WebsiteEndpoints.Name regional = S3WebsiteEndpoints.parse("s3-website-eu-west-1.amazonaws.com").orElseThrow();
        assertNull(regional.bucket());
        assertEquals("s3-website-eu-west-1.amazonaws.com", regional.regionalHostname());
        assertTrue(S3WebsiteEndpoints.parse("docs-even.eu-west-1.elb.amazonaws.com").isEmpty());
    }

    @Test
    void theTableGivesEachRegionOneEndpointAndZone() {
        assertEquals(Optional.of(new S3WebsiteEndpoints.Endpoint("eu-west-1", "s3-website-eu-west-1.amazonaws.com",
                "Z1BKCTXD74EZPE")), S3WebsiteEndpoints.forRegion("eu-west-1"));
        assertEquals(Optional.of(new S3WebsiteEndpoints.Endpoint("eu-central-1",
                "s3-website.eu-central-1.amazonaws.com", "Z21DNDUVLTQW6Q")), S3WebsiteEndpoints.forRegion("eu-central-1"));
        assertTrue(S3WebsiteEndpoints.forRegion("us-east-2").isEmpty());
    }

    @Test
    void theRegionsEndpointWithItsZoneIsAccepted() {
        assertEquals(List.of(), judge("s3-website-eu-west-1.amazonaws.com.", "/hostedzone/Z1BKCTXD74EZPE"));
        assertEquals(List.of(), judge("s3-website.eu-central-1.amazonaws.com", "Z21DNDUVLTQW6Q"));
    }

    @Test
    void anotherRegionsZoneIsAnErrorAtTheZoneId() {
        List<Finding> found = judge("s3-website.eu-central-1.amazonaws.com", "Z1BKCTXD74EZPE");
        assertEquals(1, found.size(), found::toString);
        assertEquals(Severity.ERROR, found.getFirst().severity());
        assertEquals("spec.aliasTarget.hostedZoneID", found.getFirst().path());
        assertTrue(found.getFirst().message().contains("Z21DNDUVLTQW6Q"), found.getFirst().message());
    }

    @Test
    void theOtherFormIsAnErrorThatNamesTheRightName() {
        List<Finding> found = judge("s3-website.eu-west-1.amazonaws.com", "Z1BKCTXD74EZPE");
        assertEquals(1, found.size(), found::toString);
        assertEquals(Severity.ERROR, found.getFirst().severity());
        assertEquals("spec.aliasTarget.dnsName", found.getFirst().path());
        assertEquals("write s3-website-eu-west-1.amazonaws.com", found.getFirst().hint());
    }

    @Test
    void aRegionOutsideTheTableIsAWarningNotAGuess() {
        List<Finding> found = judge("s3-website.eu-central-2.amazonaws.com", "Z030506016YDQGETNASS");
        assertEquals(1, found.size(), found::toString);
        assertEquals(Severity.WARNING, found.getFirst().severity());
        assertTrue(found.getFirst().message().contains("Region eu-central-2"), found.getFirst().message());
    }
}
