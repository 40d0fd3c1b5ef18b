package dev.gitops.validator.model;

import dev.gitops.validator.resource.Resource;
import java.util.List;

/**
 * ACK Route 53 {@code RecordSet} ({@code route53.services.k8s.aws/v1alpha1}, route53-controller
 * {@code apis/v1alpha1/record_set.go}) and ACK S3 {@code Bucket} ({@code s3.services.k8s.aws/v1alpha1},
 * s3-controller {@code apis/v1alpha1/bucket.go}).
 */
public final class Aws {

    public static final String ROUTE53_GROUP = "route53.services.k8s.aws";
    public static final String S3_GROUP = "s3.services.k8s.aws";

    private Aws() {
    }

    /** A Route 53 record. {@code weight} as written (an integer, or null when not set). */
    public record RecordSet(Resource source, Meta metadata, String recordName, String recordType, String hostedZone,
                            String setIdentifier, Long weight, Long ttl, List<String> values, AliasTarget aliasTarget,
                            String healthCheckId, String failover) implements TypedModel {

        static RecordSet read(Resource r, List<ModelProblem> p) {
            Node root = Header.root(r, p);
            Meta meta = Header.meta(root);
            Node spec = root.object("spec", true);
            String name = spec.string("name");
            String type = spec.oneOf("recordType", true, "A", "AAAA", "CAA", "CNAME", "DS", "MX", "NAPTR", "NS",
                    "PTR", "SOA", "SPF", "SRV", "TXT", "HTTPS", "SSHFP", "SVCB", "TLSA");
            String zone = spec.string("hostedZoneID");
            String zoneRef = spec.read("hostedZoneRef", false, z -> z.read("from", false, f -> {
                f.string("namespace");
                return f.string("name");
            }));
            String setId = spec.string("setIdentifier");
            Long weight = spec.integer("weight");
            Long ttl = spec.integer("ttl");
            List<String> values = spec.objects("resourceRecords", v -> v.requiredString("value"));
            AliasTarget alias = spec.has("aliasTarget") ? spec.read("aliasTarget", false, AliasTarget::read) : null;
            String hc = spec.string("healthCheckID");
            String failover = spec.oneOf("failover", false, "PRIMARY", "SECONDARY");
            spec.string("region");
            spec.bool("multiValueAnswer");
            spec.allow("geoLocation", "geoProximityLocation", "cidrRoutingConfig", "healthCheckRef");
            spec.end();
            root.end();
            return new RecordSet(r, meta, name, type, zone != null ? zone : zoneRef, setId, weight, ttl, values, alias,
                    hc, failover);
        }

        public boolean isWeighted() {
            return weight != null;
        }

        public boolean hasHealthCheck() {
            return healthCheckId != null || (aliasTarget != null && Boolean.TRUE.equals(aliasTarget.evaluateTargetHealth()))
                    || source().get("spec.healthCheckRef") != null;
        }
    }

    public record AliasTarget(String dnsName, String hostedZoneID, Boolean evaluateTargetHealth) {

        static AliasTarget read(Node n) {
            return new AliasTarget(n.requiredString("dnsName"), n.requiredString("hostedZoneID"),
                    n.bool("evaluateTargetHealth"));
        }
    }

    public record Bucket(Resource source, Meta metadata, String bucketName, String versioning,
                         boolean blocksAllPublicAccess) implements TypedModel {

        static Bucket read(Resource r, List<ModelProblem> p) {
            Node root = Header.root(r, p);
            Meta meta = Header.meta(root);
            Node spec = root.object("spec", true);
            String name = spec.requiredString("name");
            String versioning = spec.read("versioning", false, v -> {
                v.string("mfaDelete");
                return v.oneOf("status", false, "Enabled", "Suspended");
            });
            boolean blocks = spec.read("publicAccessBlock", false, b -> {
                boolean all = true;
                for (String k : List.of("blockPublicACLs", "ignorePublicACLs", "blockPublicPolicy",
                        "restrictPublicBuckets")) {
                    all &= Boolean.TRUE.equals(b.bool(k));
                }
                return all;
            });
            spec.read("encryption", false, e -> e.objects("rules", true, rule -> {
                rule.bool("bucketKeyEnabled");
                return rule.read("applyServerSideEncryptionByDefault", false, d -> {
                    d.string("kmsMasterKeyID");
                    return d.oneOf("sseAlgorithm", true, "AES256", "aws:kms", "aws:kms:dsse");
                });
            }));
            spec.bool("objectLockEnabledForBucket");
            spec.string("policy");
            spec.allow("accelerate", "acl", "analytics", "cors", "createBucketConfiguration", "grantFullControl",
                    "grantRead", "grantReadACP", "grantWrite", "grantWriteACP", "intelligentTiering", "inventory",
                    "lifecycle", "logging", "metrics", "notification", "objectLockConfiguration", "objectOwnership",
                    "ownershipControls", "replication", "requestPayment", "tagging", "website");
            spec.end();
            root.end();
            return new Bucket(r, meta, name, versioning, blocks);
        }
    }
}
