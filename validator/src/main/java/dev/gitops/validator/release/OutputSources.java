package dev.gitops.validator.release;

import dev.gitops.validator.resource.Resource;
import dev.gitops.validator.source.FieldPath;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Where each recorded output ({@code clusters/<c>/aws-outputs.yaml}, key under {@code data}) comes
 * from: the ACK kind under {@code infra/} that creates it, which of the declared objects of that kind
 * it is, and the status field its controller publishes the identifier in.
 *
 * <p>The schemas in {@code schemas/} type the ACK kinds' {@code spec} strictly and {@code status}
 * loosely; every status field read here, for the outputs and for the {@code adoption-fields} of the
 * retained objects ({@link InfraOutputs}), is the json name of a field of the controller's status
 * struct, checked against these files of the aws-controllers-k8s repositories:
 *
 * <table>
 * <caption>Status fields read, and where they are declared</caption>
 * <tr><th>field</th><th>kind</th><th>declared in</th></tr>
 * <tr><td>{@code ackResourceMetadata.arn}, {@code .ownerAccountID}, {@code .region}</td><td>every kind</td>
 *     <td>runtime {@code apis/core/v1alpha1/resource_metadata.go} (ResourceMetadata)</td></tr>
 * <tr><td>{@code vpcID}</td><td>VPC</td><td>ec2-controller {@code apis/v1alpha1/vpc.go} (VPCStatus)</td></tr>
 * <tr><td>{@code subnetID}</td><td>Subnet</td><td>ec2-controller {@code apis/v1alpha1/subnet.go}</td></tr>
 * <tr><td>{@code internetGatewayID}</td><td>InternetGateway</td>
 *     <td>ec2-controller {@code apis/v1alpha1/internet_gateway.go}</td></tr>
 * <tr><td>{@code routeTableID}</td><td>RouteTable</td><td>ec2-controller {@code apis/v1alpha1/route_table.go}</td></tr>
 * <tr><td>{@code allocationID}</td><td>ElasticIPAddress</td>
 *     <td>ec2-controller {@code apis/v1alpha1/elastic_ip_address.go}</td></tr>
 * <tr><td>{@code natGatewayID}</td><td>NATGateway</td><td>ec2-controller {@code apis/v1alpha1/nat_gateway.go}</td></tr>
 * <tr><td>{@code id}</td><td>SecurityGroup</td><td>ec2-controller {@code apis/v1alpha1/security_group.go}</td></tr>
 * <tr><td>{@code id} ({@code /hostedzone/<id>})</td><td>HostedZone</td>
 *     <td>route53-controller {@code apis/v1alpha1/hosted_zone.go}</td></tr>
 * <tr><td>{@code keyID}</td><td>Key</td><td>kms-controller {@code apis/v1alpha1/key.go}</td></tr>
 * <tr><td>{@code domainValidations[].resourceRecord.name}, {@code .value}</td><td>Certificate</td>
 *     <td>acm-controller {@code apis/v1alpha1/certificate.go} (CertificateStatus.DomainValidations,
 *     present in current releases) and {@code types.go} (DomainValidation, ResourceRecord)</td></tr>
 * <tr><td>{@code domainName}, {@code id}</td><td>Distribution</td>
 *     <td>cloudfront-controller {@code helm/crds/cloudfront.services.k8s.aws_distributions.yaml} at cd0c5f3
 *     (DistributionStatus)</td></tr>
 * <tr><td>{@code id}</td><td>OriginAccessControl</td>
 *     <td>cloudfront-controller {@code helm/crds/cloudfront.services.k8s.aws_originaccesscontrols.yaml} at cd0c5f3
 *     (OriginAccessControlStatus)</td></tr>
 * <tr><td>{@code workspaceID}</td><td>Workspace</td>
 *     <td>prometheusservice-controller {@code apis/v1alpha1/workspace.go}</td></tr>
 * </table>
 *
 * <p>No status field of the eks, iam, sqs, eventbridge or wafv2 kinds is read: the names of their
 * resources (cluster, roles, queue, rules, web ACLs) are the repository's choice. An {@code adoption-fields}
 * {@code name} (Bucket, Role) is such a name and has no status field; see {@link #assignedByAws}.
 */
final class OutputSources {

    static final String EC2 = "ec2.services.k8s.aws";
    static final String ROUTE53 = "route53.services.k8s.aws";
    static final String KMS = "kms.services.k8s.aws";
    static final String ACM = "acm.services.k8s.aws";
    static final String AMP = "prometheusservice.services.k8s.aws";
    static final String CLOUDFRONT = "cloudfront.services.k8s.aws";

    /** What a status says about one output: its value, or why there is none. */
    record Reading(String value, String problem) {

        static Reading of(String value, String field) {
            return value == null || value.isBlank() ? new Reading(null, "no " + field + " yet (not created?)")
                    : new Reading(value, null);
        }
    }

    /**
     * One output key.
     *
     * @param key the key under the ConfigMap's {@code data}
     * @param group the ACK API group of the kind that creates it
     * @param kind the ACK kind
     * @param selects which of the declared objects of the kind it is (by their spec)
     * @param field the status field, as printed to the user
     * @param read reads the value from an object's status
     * @param copied whether every copy of the old value in the tree is this identifier (false for
     *     values that also occur as parts of unrelated strings, such as a region name)
     */
    record Source(String key, String group, String kind, Predicate<Resource> selects, String field,
                  Function<Resource, Reading> read, boolean copied) {

        String describe() {
            return kind + " (" + group + ")";
        }
    }

    private OutputSources() {
    }

    /** The certificates' object names in infra/aws/acm/certificates.yaml. */
    static final String PUBLIC_CERTIFICATE = "docs-example-com";
    static final String INTERNAL_CERTIFICATE = "internal-docs-example-com";
    static final String MAINTENANCE_CERTIFICATE = "docs-example-com-cloudfront";

    private static Predicate<Resource> named(String name) {
        return r -> name.equals(r.ref().name());
    }

    static final List<Source> ALL = List.of(
            // ackResourceMetadata.ownerAccountID: the account the VPC (every ACK object) was created in.
            status("accountId", EC2, "VPC", r -> true, "status.ackResourceMetadata.ownerAccountID", true),
            // ackResourceMetadata.region: the region the VPC was created in.
            status("region", EC2, "VPC", r -> true, "status.ackResourceMetadata.region", false),
            // VPCStatus.VPCID (json vpcID).
            status("vpcId", EC2, "VPC", r -> true, "status.vpcID", true),
            // HostedZoneStatus.ID (json id): "/hostedzone/<id>" as Route 53 returns it.
            zone("publicHostedZoneId", false),
            zone("privateHostedZoneId", true),
            // ackResourceMetadata.arn of the Key (KeyStatus.KeyID is its last segment).
            status("kmsKeyArn", KMS, "Key", r -> true, "status.ackResourceMetadata.arn", true),
            // ackResourceMetadata.arn of each Certificate (infra/aws/acm/certificates.yaml, by name).
            status("publicCertificateArn", ACM, "Certificate", named(PUBLIC_CERTIFICATE),
                    "status.ackResourceMetadata.arn", true),
            status("internalCertificateArn", ACM, "Certificate", named(INTERNAL_CERTIFICATE),
                    "status.ackResourceMetadata.arn", true),
            status("maintenanceCertificateArn", ACM, "Certificate", named(MAINTENANCE_CERTIFICATE),
                    "status.ackResourceMetadata.arn", true),
            // CertificateStatus.DomainValidations[].ResourceRecord (json domainValidations[].resourceRecord):
            // one record per validated name; docs.example.com and *.docs.example.com share it.
            validation("publicCertificateValidationName", PUBLIC_CERTIFICATE, "name"),
            validation("publicCertificateValidationValue", PUBLIC_CERTIFICATE, "value"),
            validation("internalCertificateValidationName", INTERNAL_CERTIFICATE, "name"),
            validation("internalCertificateValidationValue", INTERNAL_CERTIFICATE, "value"),
            // The maintenance page (infra/aws/maintenance/): OriginAccessControlStatus.ID (json id), the
            // Distribution's ackResourceMetadata.arn and DistributionStatus.DomainName (json domainName).
            status("maintenanceOriginAccessControlId", CLOUDFRONT, "OriginAccessControl", r -> true, "status.id", true),
            status("maintenanceDistributionArn", CLOUDFRONT, "Distribution", r -> true,
                    "status.ackResourceMetadata.arn", true),
            status("maintenanceDistributionDomainName", CLOUDFRONT, "Distribution", r -> true, "status.domainName",
                    true),
            // WorkspaceStatus.WorkspaceID (json workspaceID).
            status("ampWorkspaceId", AMP, "Workspace", r -> true, "status.workspaceID", true));

    /**
     * Whether an {@code adoption-fields} key is an identifier AWS assigns, published in the status. A
     * {@code name} is chosen by the repository (the spec's name; BucketStatus and RoleStatus have no
     * such field).
     */
    static boolean assignedByAws(String adoptionField) {
        return !"name".equals(adoptionField);
    }

    private static Source status(String key, String group, String kind, Predicate<Resource> selects, String field,
                                 boolean copied) {
        return new Source(key, group, kind, selects, field, r -> Reading.of(string(r.get(field)), field), copied);
    }

    private static Source zone(String key, boolean privateZone) {
        Predicate<Resource> selects = r -> privateZone
                == Boolean.TRUE.equals(r.get(FieldPath.of("spec", "hostedZoneConfig", "privateZone")));
        return new Source(key, ROUTE53, "HostedZone", selects, "status.id", r -> {
            String id = string(r.get("status.id"));
            return Reading.of(id == null ? null : id.substring(id.lastIndexOf('/') + 1), "status.id");
        }, true);
    }

    private static Source validation(String key, String certificate, String part) {
        String field = "status.domainValidations[].resourceRecord." + part;
        return new Source(key, ACM, "Certificate", named(certificate), field, r -> {
            Set<String> records = new LinkedHashSet<>();
            if (r.get("status.domainValidations") instanceof List<?> l) {
                for (Object v : l) {
                    if (v instanceof Map<?, ?> m && m.get("resourceRecord") instanceof Map<?, ?> rr
                            && rr.get(part) instanceof String s && !s.isBlank()) {
                        records.add(s);
                    }
                }
            }
            if (records.size() > 1) {
                return new Reading(null, "ACM assigned " + records.size() + " different validation records ("
                        + String.join(", ", records) + "); the outputs record one");
            }
            return Reading.of(records.isEmpty() ? null : records.iterator().next(), field);
        }, true);
    }

    private static String string(Object o) {
        return o instanceof String s ? s : null;
    }
}
