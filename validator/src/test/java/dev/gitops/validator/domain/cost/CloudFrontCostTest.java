package dev.gitops.validator.domain.cost;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.gitops.validator.config.ValidatorConfig;
import dev.gitops.validator.domain.DomainTestSupport;
import dev.gitops.validator.domain.traffic.ReleaseSettings;
import java.util.List;
import org.junit.jupiter.api.Test;

class CloudFrontCostTest {

    private static final String TREE = """
            apiVersion: s3.services.k8s.aws/v1alpha1
            kind: Bucket
            metadata:
              name: maintenance
            spec:
              name: docs.example.com
            ---
            apiVersion: s3.services.k8s.aws/v1alpha1
            kind: Bucket
            metadata:
              name: documents
            spec:
              name: acme-documents
            ---
            apiVersion: cloudfront.services.k8s.aws/v1alpha1
            kind: Distribution
            metadata:
              name: maintenance
            spec:
              distributionConfig:
                origins:
                  items:
                    - id: page
                      domainName: docs.example.com.s3.eu-west-1.amazonaws.com
            """;

    @Test
    void theOriginBucketOfADistributionIsNoDocumentBucketAndTheDistributionIsListed() {
        SharedInventory shared = new TreeInventory(DomainTestSupport.load("infra.yaml", TREE),
                ReleaseSettings.of(ValidatorConfig.defaults())).shared();
        assertEquals(List.of("acme-documents"), shared.buckets().stream().map(SharedInventory.Bucket::name).toList());
        assertEquals(List.of("maintenance"), shared.distributions());
    }
}
