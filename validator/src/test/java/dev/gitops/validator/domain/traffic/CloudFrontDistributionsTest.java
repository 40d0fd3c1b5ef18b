package dev.gitops.validator.domain.traffic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gitops.validator.domain.DomainTestSupport;
import dev.gitops.validator.resource.Resource;
import java.util.List;
import org.junit.jupiter.api.Test;

class CloudFrontDistributionsTest {

    private static final String CERTIFICATE = """
            apiVersion: acm.services.k8s.aws/v1alpha1
            kind: Certificate
            metadata:
              name: cdn
              namespace: aws-resources
              annotations:
                %s
                services.k8s.aws/adoption-fields: '{"arn": "arn:aws:acm:us-east-1:111122223333:certificate/abc"}'
            spec:
              domainName: "%s"
            ---
            """;

    private static final String DISTRIBUTION = """
            apiVersion: cloudfront.services.k8s.aws/v1alpha1
            kind: Distribution
            metadata:
              name: maintenance
              namespace: %s
            spec:
              distributionConfig:
                aliases:
                  items: [docs.example.com]
                viewerCertificate:
                  %s
            """;

    private static CloudFrontDistributions tree(String region, String certName, String namespace, String viewer) {
        String yaml = CERTIFICATE.formatted(region == null ? "gitops.dev/none: x" : "services.k8s.aws/region: " + region,
                certName) + DISTRIBUTION.formatted(namespace, viewer);
        return CloudFrontDistributions.of(DomainTestSupport.load("cdn.yaml", yaml));
    }

    private static CloudFrontDistributions.Problem problem(CloudFrontDistributions cf) {
        Resource d = cf.serving("docs.example.com").getFirst();
        return cf.certificateProblem(d, "docs.example.com");
    }

    @Test
    void aWildcardCoversExactlyOneLabel() {
        assertTrue(CloudFrontDistributions.covers("*.docs.example.com", "www.docs.example.com"));
        assertFalse(CloudFrontDistributions.covers("*.docs.example.com", "docs.example.com"));
        assertFalse(CloudFrontDistributions.covers("*.docs.example.com", "a.b.docs.example.com"));
        assertTrue(CloudFrontDistributions.covers("Docs.Example.com.", "docs.example.com"));
    }

    @Test
    void onlyDistributionNamesAreCloudFrontDomains() {
        assertTrue(CloudFrontDistributions.isCloudFrontDomain("d1a2b3c4d5e6f7.cloudfront.net"));
        assertFalse(CloudFrontDistributions.isCloudFrontDomain("cloudfront.net"));
        assertFalse(CloudFrontDistributions.isCloudFrontDomain("s3-website-eu-west-1.amazonaws.com"));
    }

    @Test
    void aCertificateOfUsEast1CoveringTheNameByReferenceOrArnServesIt() {
        assertNull(problem(tree("us-east-1", "docs.example.com", "aws-resources",
                "acmCertificateRef: {from: {name: cdn}}")));
        assertNull(problem(tree("us-east-1", "docs.example.com", "aws-resources",
                "acmCertificateARN: arn:aws:acm:us-east-1:111122223333:certificate/abc")));
    }

    @Test
    void aCertificateWithoutTheRegionAnnotationIsNotKnownToBeInUsEast1() {
        CloudFrontDistributions.Problem p = problem(tree(null, "docs.example.com", "aws-resources",
                "acmCertificateRef: {from: {name: cdn}}"));
        assertEquals("spec.distributionConfig.viewerCertificate.acmCertificateRef.from.name", p.field().toString());
        assertTrue(p.reason().contains("no services.k8s.aws/region annotation"), p.reason());
        assertTrue(problem(tree("eu-west-1", "docs.example.com", "aws-resources",
                "acmCertificateRef: {from: {name: cdn}}")).reason().contains("eu-west-1"));
    }

    @Test
    void aReferenceResolvesInTheDistributionsNamespaceOnly() {
        CloudFrontDistributions.Problem p = problem(tree("us-east-1", "docs.example.com", "other",
                "acmCertificateRef: {from: {name: cdn}}"));
        assertNull(p.certificate());
        assertTrue(p.reason().contains("does not declare in namespace other"), p.reason());
    }

    @Test
    void aCertificateForAnotherNameDoesNotServeIt() {
        CloudFrontDistributions.Problem p = problem(tree("us-east-1", "*.docs.example.com", "aws-resources",
                "acmCertificateRef: {from: {name: cdn}}"));
        assertEquals("cdn", p.certificate().ref().name());
        assertTrue(p.reason().contains("does not cover docs.example.com"), p.reason());
    }

    @Test
    void aReferenceAndAnArnTogetherAreRefused() {
        CloudFrontDistributions.Problem p = problem(tree("us-east-1", "docs.example.com", "aws-resources",
                "{acmCertificateRef: {from: {name: cdn}}, acmCertificateARN: "
                        + "arn:aws:acm:us-east-1:111122223333:certificate/abc}"));
        assertEquals("spec.distributionConfig.viewerCertificate.acmCertificateARN", p.field().toString());
        assertTrue(p.reason().contains("both"), p.reason());
    }

    @Test
    void theDefaultCertificateServesNoAlternateName() {
        CloudFrontDistributions.Problem p = problem(tree("us-east-1", "docs.example.com", "aws-resources",
                "cloudFrontDefaultCertificate: true"));
        assertEquals("spec.distributionConfig.viewerCertificate", p.field().toString());
        assertEquals(List.of(), tree("us-east-1", "docs.example.com", "aws-resources", "{}")
                .serving("www.docs.example.com"));
    }
}
