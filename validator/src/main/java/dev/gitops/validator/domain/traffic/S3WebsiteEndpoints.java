package dev.gitops.validator.domain.traffic;

import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Amazon S3 website endpoint of each AWS Region and the Route 53 hosted zone an alias to it must
 * name, as the AWS General Reference lists them: "Amazon Simple Storage Service endpoints and quotas",
 * table "Amazon S3 website endpoints" (https://docs.aws.amazon.com/general/latest/gr/s3.html#s3_website_region_endpoints).
 *
 * <p>The endpoint's form depends on the Region: the older Regions use a dash
 * ({@code s3-website-eu-west-1.amazonaws.com}), the others a dot ({@code s3-website.eu-central-1.amazonaws.com});
 * the form of the other kind does not resolve. Regions whose row could not be read consistently when
 * this table was written are left out (us-east-2, whose endpoint form the transcriptions of the page
 * disagree on; ap-southeast-4, ap-southeast-5, ca-west-1, eu-central-2, il-central-1, me-central-1,
 * whose endpoint names were not found; the China and other partitions, whose names do not end in
 * {@code amazonaws.com}): {@link #forRegion} answers empty for them and the rule says the Region is
 * unknown instead of guessing. Add a Region from the page, never from another Region's pattern.
 */
public final class S3WebsiteEndpoints {

    /**
     * A Region's website endpoint.
     *
     * @param region the Region code
     * @param hostname the regional endpoint, e.g. {@code s3-website-eu-west-1.amazonaws.com}
     * @param hostedZoneId the Route 53 hosted zone of the endpoint, which an alias to it names
     */
    public record Endpoint(String region, String hostname, String hostedZoneId) {
    }

    /**
     * An S3 website endpoint name: {@code [<bucket>.]s3-website<sep><region>.amazonaws.com}, with the
     * separator (dash or dot) kept so that the form can be compared with the Region's.
     */
    static final Pattern NAME = Pattern.compile("(?:(.+)\\.)?s3-website([.-])([a-z0-9-]+)\\.amazonaws\\.com");

    private static final Map<String, Endpoint> BY_REGION = Map.ofEntries(
            dash("us-east-1", "Z3AQBSTGFYJSTF"),
            dash("us-west-1", "Z2F56UZL2M1ACD"),
            dash("us-west-2", "Z3BJ6K6RIION7M"),
            dash("us-gov-west-1", "Z31GFT0UA1I2HV"),
            dot("us-gov-east-1", "Z2NIFVYYW2VKV1"),
            dot("ca-central-1", "Z1QDHH18159H29"),
            dash("sa-east-1", "Z7KQH4QJS55SO"),
            dash("eu-west-1", "Z1BKCTXD74EZPE"),
            dot("eu-west-2", "Z3GKZC51ZF0DB4"),
            dot("eu-west-3", "Z3R1K369G5AVDG"),
            dot("eu-central-1", "Z21DNDUVLTQW6Q"),
            dot("eu-north-1", "Z3BAZG2TWCNX0D"),
            dot("eu-south-1", "Z30OZKI7KPW7MI"),
            dot("eu-south-2", "Z0081959F7139GRJC19J"),
            dot("af-south-1", "Z83WF9RJE8B12"),
            dot("me-south-1", "Z1MPMWCPA7YB62"),
            dot("ap-east-1", "ZNB98KWMFR0R6"),
            dot("ap-south-1", "Z11RGJOFQNVJUP"),
            dot("ap-south-2", "Z02976202B4EZMXIPMXF7"),
            dash("ap-northeast-1", "Z2M4EHUR26P7ZW"),
            dot("ap-northeast-2", "Z3W03O7B5YMIYP"),
            dot("ap-northeast-3", "Z2YQB5RD63NC85"),
            dash("ap-southeast-1", "Z3O0J2DXBE1FTB"),
            dash("ap-southeast-2", "Z1WCIGYICN2BYD"),
            dot("ap-southeast-3", "Z01846753K324LI26A3VV"));

    /**
     * A name parsed as an S3 website endpoint.
     *
     * @param bucket the bucket the name starts with, or null for the regional endpoint
     * @param region the Region the name carries
     * @param dash whether the Region follows {@code s3-website} with a dash (else a dot)
     */
    public record Name(String bucket, String region, boolean dash) {

        /** The regional endpoint this name's form writes for its Region. */
        public String regionalHostname() {
            return "s3-website" + (dash ? "-" : ".") + region + ".amazonaws.com";
        }
    }

    private S3WebsiteEndpoints() {
    }

    /** The website endpoint of a Region, or empty when the Region is not in the table. */
    public static Optional<Endpoint> forRegion(String region) {
        return Optional.ofNullable(BY_REGION.get(region));
    }

    /** A DNS name (lower case, no trailing dot) parsed as an S3 website endpoint, or empty. */
    public static Optional<Name> parse(String name) {
        Matcher m = NAME.matcher(name);
        return m.matches() ? Optional.of(new Name(m.group(1), m.group(3), "-".equals(m.group(2)))) : Optional.empty();
    }

    private static Map.Entry<String, Endpoint> dash(String region, String zone) {
        return Map.entry(region, new Endpoint(region, "s3-website-" + region + ".amazonaws.com", zone));
    }

    private static Map.Entry<String, Endpoint> dot(String region, String zone) {
        return Map.entry(region, new Endpoint(region, "s3-website." + region + ".amazonaws.com", zone));
    }
}
