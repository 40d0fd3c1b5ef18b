package dev.gitops.validator.domain.traffic;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.gitops.validator.resource.JsonText;
import dev.gitops.validator.resource.Resource;
import dev.gitops.validator.source.FieldPath;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The CloudFront distributions a tree declares (ACK {@code Distribution}, {@code cloudfront.services.k8s.aws},
 * cloudfront-controller {@code helm/crds/cloudfront.services.k8s.aws_distributions.yaml}) and the ACM
 * certificates (ACK {@code Certificate}) their viewer certificates name.
 *
 * <p>CloudFront picks the distribution of a request by the name the client asked for (TLS SNI, the
 * {@code Host} header) among the alternate domain names ({@code aliases}) of all distributions: an alias
 * record to any {@code *.cloudfront.net} name reaches the distribution listing the record's name, and none
 * otherwise. A distribution serves HTTPS for its aliases only with a certificate covering them; CloudFront
 * takes ACM certificates from us-east-1 only (ACM User Guide, "Supported Regions"; CloudFront Developer
 * Guide, "Requirements for using SSL/TLS certificates with CloudFront").
 *
 * @param distributions every declared distribution
 * @param certificates every declared ACM certificate
 */
public record CloudFrontDistributions(List<Resource> distributions, List<Resource> certificates) {

    /** The Region CloudFront takes ACM certificates from. */
    public static final String CERTIFICATE_REGION = "us-east-1";

    /** A distribution's default domain name, as CloudFront assigns it: {@code d111111abcdef8.cloudfront.net}. */
    public static final Pattern DOMAIN = Pattern.compile("[a-z0-9]+\\.cloudfront\\.net");

    static final FieldPath CONFIG = FieldPath.of("spec", "distributionConfig");
    static final FieldPath ALIASES = CONFIG.key("aliases").key("items");
    static final FieldPath VIEWER_CERTIFICATE = CONFIG.key("viewerCertificate");
    static final FieldPath CERTIFICATE_ARN = VIEWER_CERTIFICATE.key("acmCertificateARN");
    static final FieldPath CERTIFICATE_REF = VIEWER_CERTIFICATE.key("acmCertificateRef").key("from").key("name");
    static final FieldPath REGION = FieldPath.of("metadata", "annotations", "services.k8s.aws/region");

    public CloudFrontDistributions {
        distributions = List.copyOf(distributions);
        certificates = List.copyOf(certificates);
    }

    public static CloudFrontDistributions of(List<Resource> all) {
        List<Resource> distributions = new ArrayList<>();
        List<Resource> certificates = new ArrayList<>();
        for (Resource r : all) {
            if (isDistribution(r)) {
                distributions.add(r);
            } else if ("Certificate".equals(r.kind()) && r.apiVersion() != null
                    && r.apiVersion().startsWith("acm.services.k8s.aws/")) {
                certificates.add(r);
            }
        }
        return new CloudFrontDistributions(distributions, certificates);
    }

    public static boolean isDistribution(Resource r) {
        return "Distribution".equals(r.kind()) && r.apiVersion() != null
                && r.apiVersion().startsWith("cloudfront.services.k8s.aws/");
    }

    /** Whether a DNS name (normalized) is a distribution's default domain name. */
    public static boolean isCloudFrontDomain(String name) {
        return DOMAIN.matcher(name).matches();
    }

    /** The declared distributions listing {@code name} among their aliases (a wildcard alias covers one label). */
    public List<Resource> serving(String name) {
        return distributions.stream().filter(d -> aliasIndex(d, name) >= 0).toList();
    }

    /** The index of the alias of a distribution covering {@code name}, or -1. */
    static int aliasIndex(Resource distribution, String name) {
        if (distribution.get(ALIASES) instanceof List<?> aliases) {
            for (int i = 0; i < aliases.size(); i++) {
                if (aliases.get(i) instanceof String a && covers(a, name)) {
                    return i;
                }
            }
        }
        return -1;
    }

    /**
     * Why a distribution cannot serve HTTPS for {@code name} with its viewer certificate, with the field
     * at fault; null when it can: the certificate is an ACM {@code Certificate} of the tree (by
     * {@code acmCertificateRef}, or by {@code acmCertificateARN} equal to a certificate's
     * {@code adoption-fields} ARN), created in us-east-1 ({@code services.k8s.aws/region}), covering the name.
     */
    public Problem certificateProblem(Resource distribution, String name) {
        Object arn = distribution.get(CERTIFICATE_ARN);
        Object ref = distribution.get(CERTIFICATE_REF);
        Resource cert;
        FieldPath at;
        if (ref != null && arn != null) {
            // cloudfront-controller pkg/resource/distribution/references.go, validateReferenceFields
            return new Problem(CERTIFICATE_ARN, null, "its viewer certificate sets both acmCertificateRef and"
                    + " acmCertificateARN, which the cloudfront controller refuses (ResourceReferenceAndIDNotSupportedFor)");
        }
        if (ref instanceof String refName) {
            at = CERTIFICATE_REF;
            cert = certificates.stream().filter(c -> refName.equals(c.ref().name())
                    && Objects.equals(c.ref().namespace(), distribution.ref().namespace())).findFirst().orElse(null);
            if (cert == null) {
                return new Problem(at, null, "its viewer certificate names Certificate " + refName
                        + ", which the tree does not declare in namespace " + distribution.ref().namespace());
            }
        } else if (arn instanceof String arnText) {
            at = CERTIFICATE_ARN;
            cert = certificates.stream().filter(c -> arnText.equals(adoptedArn(c))).findFirst().orElse(null);
            if (cert == null) {
                return new Problem(at, null, "its viewer certificate " + arnText + " is no Certificate of the tree"
                        + " (no Certificate carries that ARN in its services.k8s.aws/adoption-fields)");
            }
        } else {
            FieldPath field = distribution.get(VIEWER_CERTIFICATE) != null ? VIEWER_CERTIFICATE : CONFIG;
            return new Problem(field, null, "it has no ACM viewer certificate (acmCertificateRef or acmCertificateARN):"
                    + " CloudFront answers HTTPS only under its own *.cloudfront.net certificate, which does not"
                    + " cover " + name);
        }
        String region = cert.get(REGION) instanceof String s ? s : null;
        if (!CERTIFICATE_REGION.equals(region)) {
            return new Problem(at, cert, "Certificate " + cert.ref().name() + " is created in "
                    + (region == null ? "the acm controller's own Region (no services.k8s.aws/region annotation)"
                    : region) + ", but CloudFront takes ACM certificates from " + CERTIFICATE_REGION + " only");
        }
        if (!certificateCovers(cert, name)) {
            return new Problem(at, cert, "Certificate " + cert.ref().name() + " does not cover " + name
                    + " (spec.domainName and spec.subjectAlternativeNames)");
        }
        return null;
    }

    /**
     * Why a certificate problem holds.
     *
     * @param field the field of the distribution at fault
     * @param certificate the certificate it names, when the tree declares it
     * @param reason what is wrong
     */
    public record Problem(FieldPath field, Resource certificate, String reason) {
    }

    /** Whether a certificate's domain name or one of its alternative names covers {@code name}. */
    static boolean certificateCovers(Resource cert, String name) {
        if (cert.get(FieldPath.of("spec", "domainName")) instanceof String d && covers(d, name)) {
            return true;
        }
        return cert.get(FieldPath.of("spec", "subjectAlternativeNames")) instanceof List<?> sans
                && sans.stream().anyMatch(s -> s instanceof String t && covers(t, name));
    }

    /** Whether a certificate or alias name covers a DNS name: equal, or a wildcard covering exactly one label. */
    static boolean covers(String pattern, String name) {
        String p = HostedZones.normalize(pattern);
        String n = HostedZones.normalize(name);
        if (p.startsWith("*.")) {
            int dot = n.indexOf('.');
            return dot > 0 && n.substring(dot + 1).equals(p.substring(2));
        }
        return p.equals(n);
    }

    /** The {@code arn} of a resource's {@code services.k8s.aws/adoption-fields}, or null. */
    static String adoptedArn(Resource r) {
        if (!(r.get(FieldPath.of("metadata", "annotations", "services.k8s.aws/adoption-fields")) instanceof String s)) {
            return null;
        }
        try {
            JsonNode arn = JsonText.read(s).get("arn");
            return arn != null && arn.isTextual() ? arn.asText() : null;
        } catch (JsonProcessingException e) {
            return null; // ACK001 reports an annotation that is not a JSON object
        }
    }
}
