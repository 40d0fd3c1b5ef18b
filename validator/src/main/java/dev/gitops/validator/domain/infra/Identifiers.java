package dev.gitops.validator.domain.infra;

import dev.gitops.validator.resource.Resource;
import dev.gitops.validator.source.FieldPath;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The identifiers AWS assigns at creation, as they appear in manifests: ARNs (with the account, the
 * service and the resource), VPC and subnet ids, hosted zone ids (in a RecordSet's {@code hostedZoneID}
 * and ExternalDNS's {@code --zone-id-filter=}), Amazon Managed Prometheus workspace ids, and the DNS
 * validation record ACM assigns a certificate (a RecordSet's name {@code _<token>} and its CNAME value
 * {@code _<token>.<id>.acm-validations.aws.}), CloudFront distribution domain names
 * ({@code d111111abcdef8.cloudfront.net}) and the origin access control ids a distribution's origins name.
 */
final class Identifiers {

    /** {@code arn:partition:service:region:account:resource}. */
    static final Pattern ARN = Pattern.compile("arn:aws[a-z-]*:([a-z0-9-]+):([a-z0-9-]*):([0-9]{12}|aws|):([^\\s\"',]+)");
    static final Pattern VPC = Pattern.compile("vpc-[0-9a-f]{8,17}");
    static final Pattern SUBNET = Pattern.compile("subnet-[0-9a-f]{8,17}");
    static final Pattern WORKSPACE = Pattern.compile("/workspaces/(ws-[0-9a-f-]{36})");
    static final String ZONE_FILTER = "--zone-id-filter=";
    static final Pattern CLOUDFRONT_DOMAIN = Pattern.compile("[a-z0-9]+\\.cloudfront\\.net\\.?");
    static final Pattern ACM_VALIDATION = Pattern.compile("_[0-9a-z]+\\.[0-9a-z]+\\.acm-validations\\.aws\\.?");

    /** One identifier found: where, what kind, the text. */
    record Found(FieldPath path, String kind, String value, Matcher arn) {
    }

    private Identifiers() {
    }

    /** Every identifier in a resource's content, with the field path of the string holding it. */
    static List<Found> in(Resource r) {
        List<Found> out = new ArrayList<>();
        boolean recordSet = "RecordSet".equals(r.kind()) && "route53.services.k8s.aws".equals(r.ref().group());
        boolean distribution = "Distribution".equals(r.kind()) && "cloudfront.services.k8s.aws".equals(r.ref().group());
        r.forEachString((path, s) -> {
            Matcher arn = ARN.matcher(s);
            while (arn.find()) {
                out.add(new Found(path, "arn", arn.group(), ARN.matcher(arn.group())));
            }
            if (VPC.matcher(s).matches()) {
                out.add(new Found(path, "vpc", s, null));
            }
            Matcher subnet = SUBNET.matcher(s);
            if (subnet.matches()) {
                out.add(new Found(path, "subnet", s, null));
            }
            Matcher ws = WORKSPACE.matcher(s);
            if (ws.find()) {
                out.add(new Found(path, "workspace", ws.group(1), null));
            }
            if (s.startsWith(ZONE_FILTER)) {
                out.add(new Found(path, "zone", s.substring(ZONE_FILTER.length()), null));
            }
            if (recordSet && path.equals(FieldPath.of("spec", "hostedZoneID"))) {
                out.add(new Found(path, "zone", s, null));
            }
            if (CLOUDFRONT_DOMAIN.matcher(s).matches()) {
                out.add(new Found(path, "cloudfront-domain", s.endsWith(".") ? s.substring(0, s.length() - 1) : s,
                        null));
            }
            if (distribution && "originAccessControlID".equals(path.last()) && !s.isEmpty()) {
                out.add(new Found(path, "origin-access-control", s, null));
            }
            if (recordSet && ACM_VALIDATION.matcher(s).matches()) {
                out.add(new Found(path, "acm-validation", s, null));
            }
        });
        if (recordSet && r.get(FieldPath.of("spec", "name")) instanceof String name && name.startsWith("_")
                && out.stream().anyMatch(f -> f.kind().equals("acm-validation"))) {
            out.add(new Found(FieldPath.of("spec", "name"), "acm-validation-name", name, null));
        }
        return out;
    }

}
