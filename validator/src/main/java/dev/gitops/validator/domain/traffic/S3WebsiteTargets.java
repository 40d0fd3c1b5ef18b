package dev.gitops.validator.domain.traffic;

import dev.gitops.validator.check.Findings;
import dev.gitops.validator.finding.Severity;
import dev.gitops.validator.resource.Resource;
import dev.gitops.validator.source.FieldPath;
import java.util.Map;
import java.util.Optional;

/**
 * The part of TRAFFIC014 about records answering with an S3 website endpoint: the endpoint name has
 * the form of its Region ({@code s3-website-<region>} or {@code s3-website.<region>}; the other form
 * does not resolve), and an alias to it names the Route 53 hosted zone of that Region's endpoint —
 * Route 53 refuses an alias whose {@code hostedZoneID} is not the target's zone. The endpoints and
 * zones are those of {@link S3WebsiteEndpoints}; a Region outside that table is a warning: it can be
 * neither confirmed nor refused offline.
 */
final class S3WebsiteTargets {

    private static final FieldPath ALIAS_NAME = FieldPath.of("spec", "aliasTarget", "dnsName");
    private static final FieldPath ALIAS_ZONE = FieldPath.of("spec", "aliasTarget", "hostedZoneID");

    private S3WebsiteTargets() {
    }

    /** Judges every S3 website endpoint a record answers with (its alias, or its CNAME values). */
    static void check(Resource record, Findings findings) {
        for (Map.Entry<FieldPath, String> target : FallbackTargetCheck.targets(record).entrySet()) {
            String name = HostedZones.normalize(target.getValue());
            Optional<S3WebsiteEndpoints.Name> parsed = S3WebsiteEndpoints.parse(name);
            if (parsed.isEmpty()) {
                continue;
            }
            S3WebsiteEndpoints.Name endpoint = parsed.get();
            boolean alias = target.getKey().equals(ALIAS_NAME);
            Optional<S3WebsiteEndpoints.Endpoint> known = S3WebsiteEndpoints.forRegion(endpoint.region());
            if (known.isEmpty()) {
                findings.add(Findings.of(RecordSetCheck.RECORD, record, target.getKey(), name + " names the S3 website"
                                + " endpoint of Region " + endpoint.region() + ", which is unknown to the validator's"
                                + " table of S3 website endpoints: its name form"
                                + (alias ? " and the hosted zone id the alias must carry" : "") + " cannot be checked",
                        "check the Region's row of \"Amazon S3 website endpoints\" in the AWS General Reference"
                                + " (https://docs.aws.amazon.com/general/latest/gr/s3.html#s3_website_region_endpoints)"
                                + " and add it to S3WebsiteEndpoints", java.util.List.of())
                        .withSeverity(Severity.WARNING));
                continue;
            }
            S3WebsiteEndpoints.Endpoint expected = known.get();
            if (!endpoint.regionalHostname().equals(expected.hostname())) {
                String right = endpoint.bucket() == null ? expected.hostname()
                        : endpoint.bucket() + "." + expected.hostname();
                findings.at(RecordSetCheck.RECORD, record, target.getKey(), name + " is not the S3 website endpoint"
                                + " of " + endpoint.region() + ": that Region's endpoint is " + expected.hostname()
                                + " (" + (expected.hostname().startsWith("s3-website-") ? "dash" : "dot")
                                + " form), and the name written does not resolve",
                        "write " + right);
            }
            if (alias && record.get(ALIAS_ZONE) instanceof String zone
                    && !HostedZones.bareId(zone).equals(expected.hostedZoneId())) {
                findings.at(RecordSetCheck.RECORD, record, ALIAS_ZONE, "alias to the S3 website endpoint of "
                                + endpoint.region() + " carries hosted zone id " + zone + ", but that endpoint's"
                                + " zone is " + expected.hostedZoneId() + ": Route 53 refuses the alias",
                        "set aliasTarget.hostedZoneID to " + expected.hostedZoneId() + " (AWS General Reference,"
                                + " \"Amazon S3 website endpoints\")");
            }
        }
    }
}
