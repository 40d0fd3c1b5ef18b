package dev.gitops.validator.domain.traffic;

import static dev.gitops.validator.finding.Rule.error;

import dev.gitops.validator.check.Check;
import dev.gitops.validator.check.CheckContext;
import dev.gitops.validator.check.Findings;
import dev.gitops.validator.finding.Location;
import dev.gitops.validator.finding.Rule;
import dev.gitops.validator.resource.Resource;
import dev.gitops.validator.source.FieldPath;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * TRAFFIC013: what a failover SECONDARY record answers with is declared in the tree. The secondary is
 * what Route 53 answers when the primary — both clusters — is unhealthy; a target nothing creates turns
 * that outage into NXDOMAIN for every client. The target (a CNAME value or an alias DNS name) is
 * followed through the records the tree declares (ACK {@code RecordSet}s, full names as in
 * {@link HostedZones}) until it ends at a record with literal values, at a CloudFront distribution name
 * ({@code *.cloudfront.net}) when a declared {@code Distribution} lists the secondary's name among its
 * aliases (CloudFront picks the distribution by the name asked), or at the website endpoint of an
 * S3 bucket the tree declares with a {@code website} configuration: the bucket the endpoint name starts
 * with, or, for the regional endpoint an alias names ({@code s3-website-<region>.amazonaws.com}), the
 * bucket named like the secondary's full name (S3 picks the bucket by the name the client asked for).
 */
public final class FallbackTargetCheck implements Check {

    public static final Rule SECONDARY_TARGET = error("TRAFFIC013", TrafficCheck.CATEGORY);

    private static final FieldPath REGION = FieldPath.of("metadata", "annotations", "services.k8s.aws/region");
    private static final int MAX_HOPS = 8;

    @Override
    public List<Rule> rules() {
        return List.of(SECONDARY_TARGET);
    }

    @Override
    public void run(CheckContext context, Findings findings) {
        HostedZones zones = null;
        CloudFrontDistributions cloudFront = null;
        for (Resource r : context.resources()) {
            if (!HealthGate.isRecordSet(r) || !"SECONDARY".equals(r.get(FieldPath.of("spec", "failover")))) {
                continue;
            }
            if (zones == null) {
                zones = HostedZones.of(context.resources());
                cloudFront = CloudFrontDistributions.of(context.resources());
            }
            for (Map.Entry<FieldPath, String> target : targets(r).entrySet()) {
                List<Location> via = new ArrayList<>();
                String problem = follow(target.getValue(), zones.fqdn(r), zones, cloudFront, context.resources(),
                        via, new HashSet<>());
                if (problem != null) {
                    findings.at(SECONDARY_TARGET, r, target.getKey(), "failover secondary " + r.ref().name()
                                    + " answers with " + HostedZones.normalize(target.getValue()) + ", but " + problem
                                    + ": when both clusters are unhealthy, clients get no answer",
                            "declare the fallback endpoint in the tree: a RecordSet of that name in a declared"
                                    + " hosted zone, ending at literal values, at a declared CloudFront Distribution"
                                    + " listing the record's name among its aliases, or at the website endpoint of a"
                                    + " declared S3 Bucket with a website configuration", via);
                }
            }
        }
    }

    /** The names a record answers with: its alias DNS name, or its CNAME values. */
    static Map<FieldPath, String> targets(Resource r) {
        Map<FieldPath, String> out = new java.util.LinkedHashMap<>();
        if (r.get(FieldPath.of("spec", "aliasTarget", "dnsName")) instanceof String dns) {
            out.put(FieldPath.of("spec", "aliasTarget", "dnsName"), dns);
        } else if ("CNAME".equals(r.get(FieldPath.of("spec", "recordType")))
                && r.get(FieldPath.of("spec", "resourceRecords")) instanceof List<?> values) {
            for (int i = 0; i < values.size(); i++) {
                if (values.get(i) instanceof Map<?, ?> m && m.get("value") instanceof String v) {
                    out.put(FieldPath.of("spec", "resourceRecords", i, "value"), v);
                }
            }
        }
        return out;
    }

    /** Why a name does not resolve to something the tree declares, or null when it does. */
    private static String follow(String name, String asked, HostedZones zones, CloudFrontDistributions cloudFront,
                                 List<Resource> all, List<Location> via, Set<String> seen) {
        String n = HostedZones.normalize(name);
        if (!seen.add(n) || seen.size() > MAX_HOPS) {
            return n + " resolves in a loop";
        }
        S3WebsiteEndpoints.Name website = S3WebsiteEndpoints.parse(n).orElse(null);
        if (website != null) {
            // <bucket>.s3-website(-|.)<region>.amazonaws.com; without the bucket, the regional endpoint an
            // alias names, which serves the bucket named like the name the client asked for
            String bucket = website.bucket() != null ? website.bucket() : asked;
            if (bucket == null) {
                return n + " is the website endpoint of the bucket named like the record, whose zone the tree"
                        + " does not declare";
            }
            Resource b = all.stream().filter(x -> isBucket(x) && bucket.equals(x.get(FieldPath.of("spec", "name"))))
                    .findFirst().orElse(null);
            if (b == null) {
                return n + " is the website endpoint of bucket " + bucket + ", which the tree does not declare";
            }
            if (b.get(FieldPath.of("spec", "website")) == null) {
                via.add(Findings.location(b, FieldPath.of("spec", "name"), "bucket"));
                return "bucket " + bucket + " has no website configuration: its website endpoint answers nothing";
            }
            if (b.get(REGION) instanceof String region && !region.equals(website.region())) {
                via.add(Findings.location(b, REGION, "bucket region"));
                return n + " is the website endpoint of " + website.region() + ", but bucket " + bucket
                        + " is created in " + region + " (services.k8s.aws/region): the endpoint serves only"
                        + " buckets of its own Region";
            }
            return null;
        }
        if (CloudFrontDistributions.isCloudFrontDomain(n)) {
            // CloudFront answers the name the client asked for from the distribution listing it (TRAFFIC015
            // judges that distribution's certificate)
            if (asked == null || cloudFront.serving(asked).isEmpty()) {
                return n + " is a CloudFront distribution name, but no Distribution of the tree lists "
                        + (asked == null ? "the record's name" : asked) + " among its aliases";
            }
            return null;
        }
        if (zones.zoneFor(n, false) == null && zones.zoneFor(n, true) == null) {
            return n + " is neither in a hosted zone the tree declares nor the website endpoint of a declared bucket";
        }
        List<Resource> records = zones.recordsNamed(n);
        if (records.isEmpty()) {
            return "no RecordSet of the tree is named " + n;
        }
        for (Resource record : records) {
            via.add(Findings.location(record, FieldPath.of("spec", "name"), "record " + n));
            for (String next : targets(record).values()) {
                String problem = follow(next, asked, zones, cloudFront, all, via, seen);
                if (problem != null) {
                    return problem;
                }
            }
        }
        return null;
    }

    private static boolean isBucket(Resource r) {
        return "Bucket".equals(r.kind()) && r.apiVersion() != null && r.apiVersion().startsWith("s3.services.k8s.aws/");
    }
}
