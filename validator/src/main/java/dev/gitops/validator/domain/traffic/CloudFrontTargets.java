package dev.gitops.validator.domain.traffic;

import dev.gitops.validator.check.Findings;
import dev.gitops.validator.resource.Resource;
import dev.gitops.validator.source.FieldPath;

/**
 * The part of TRAFFIC014 about aliases to a CloudFront distribution ({@code *.cloudfront.net}): the alias
 * names the Route 53 hosted zone of CloudFront, {@value #HOSTED_ZONE_ID}, the one zone of every
 * distribution name in the aws partition (Route 53 API Reference, {@code AliasTarget}, {@code HostedZoneId}:
 * "Specify Z2FDTNDATAQYW2. This is always the hosted zone ID when you create an alias record that routes
 * traffic to a CloudFront distribution"); Route 53 refuses an alias carrying another zone's id.
 */
final class CloudFrontTargets {

    /** The hosted zone of every CloudFront distribution name (aws partition). */
    static final String HOSTED_ZONE_ID = "Z2FDTNDATAQYW2";

    private static final FieldPath ALIAS_NAME = FieldPath.of("spec", "aliasTarget", "dnsName");
    private static final FieldPath ALIAS_ZONE = FieldPath.of("spec", "aliasTarget", "hostedZoneID");

    private CloudFrontTargets() {
    }

    /** Judges a record's alias to a CloudFront distribution name, if it has one. */
    static void check(Resource record, Findings findings) {
        if (!(record.get(ALIAS_NAME) instanceof String dns)
                || !CloudFrontDistributions.isCloudFrontDomain(HostedZones.normalize(dns))) {
            return;
        }
        if (record.get(ALIAS_ZONE) instanceof String zone && !HostedZones.bareId(zone).equals(HOSTED_ZONE_ID)) {
            findings.at(RecordSetCheck.RECORD, record, ALIAS_ZONE, "alias to the CloudFront distribution name "
                            + HostedZones.normalize(dns) + " carries hosted zone id " + zone + ", but every CloudFront"
                            + " distribution name lies in zone " + HOSTED_ZONE_ID + ": Route 53 refuses the alias",
                    "set aliasTarget.hostedZoneID to " + HOSTED_ZONE_ID + " (Route 53 API Reference, AliasTarget)");
        }
    }
}
