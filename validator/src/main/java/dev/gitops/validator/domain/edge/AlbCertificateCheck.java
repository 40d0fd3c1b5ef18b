package dev.gitops.validator.domain.edge;

import static dev.gitops.validator.finding.Rule.error;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gitops.validator.check.Check;
import dev.gitops.validator.check.CheckContext;
import dev.gitops.validator.check.Findings;
import dev.gitops.validator.finding.Rule;
import dev.gitops.validator.resource.JsonText;
import dev.gitops.validator.resource.Resource;
import dev.gitops.validator.source.FieldPath;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * EDGE004: the TLS certificate of an ALB is one the tree creates, and it covers every name published
 * for that ALB. An Ingress names its certificates by ARN ({@code alb.ingress.kubernetes.io/certificate-arn});
 * the ARN belongs to an ACK ACM {@code Certificate} of the tree when it is that Certificate's adopted ARN
 * ({@code services.k8s.aws/adoption-fields}). The names are those ExternalDNS publishes for the Ingress
 * (its hostname annotation) and its rules' and TLS hosts; a name is covered by a certificate name equal
 * to it or by a wildcard one label above it ({@code *.docs.example.com} covers {@code even.docs.example.com},
 * not {@code beta.internal.docs.example.com}). Not judged when the tree declares no ACM Certificate.
 */
public final class AlbCertificateCheck implements Check {

    public static final Rule CERTIFICATE = error("EDGE004", AlbIngressCheck.CATEGORY);
    static final String CERTIFICATE_ARN = AlbIngressCheck.PREFIX + "certificate-arn";
    private static final List<String> HOSTNAME = List.of("external-dns.kubernetes.io/hostname",
            "external-dns.alpha.kubernetes.io/hostname");

    @Override
    public List<Rule> rules() {
        return List.of(CERTIFICATE);
    }

    @Override
    public void run(CheckContext context, Findings findings) {
        Map<String, List<String>> namesByArn = new LinkedHashMap<>();
        boolean any = false;
        for (Resource r : context.resources()) {
            if ("Certificate".equals(r.kind()) && "acm.services.k8s.aws".equals(r.ref().group())) {
                any = true;
                String arn = adoptedArn(r);
                if (arn != null) {
                    namesByArn.put(arn, names(r));
                }
            }
        }
        if (!any) {
            return;
        }
        for (Resource r : context.resources()) {
            if ("Ingress".equals(r.kind()) && r.get(FieldPath.of("metadata", "annotations", CERTIFICATE_ARN))
                    instanceof String arns) {
                ingress(r, arns, namesByArn, findings);
            }
        }
    }

    private static void ingress(Resource ing, String arns, Map<String, List<String>> namesByArn, Findings f) {
        FieldPath at = FieldPath.of("metadata", "annotations", CERTIFICATE_ARN);
        List<String> covered = new ArrayList<>();
        boolean resolved = true;
        for (String arn : arns.split(",")) {
            String a = arn.strip();
            if (a.isEmpty()) {
                continue;
            }
            List<String> names = namesByArn.get(a);
            if (names == null) {
                resolved = false;
                f.at(CERTIFICATE, ing, at, "Ingress " + ing.ref().name() + " terminates TLS with certificate " + a
                                + ", which no ACM Certificate of the tree creates (none has it as its adopted ARN): in a"
                                + " new account the ALB has no certificate and its HTTPS listener fails",
                        "declare the certificate in the infrastructure layer (an ACK Certificate with adoption-fields "
                                + "{\"arn\": ...} and its DNS validation record), or use one that is");
            } else {
                covered.addAll(names);
            }
        }
        if (!resolved) {
            return;
        }
        for (Map.Entry<FieldPath, String> host : hosts(ing)) {
            String name = host.getValue().strip().toLowerCase(Locale.ROOT);
            if (!name.isEmpty() && covered.stream().noneMatch(c -> covers(c, name))) {
                f.at(CERTIFICATE, ing, host.getKey(), "Ingress " + ing.ref().name() + " is reached as " + name
                                + ", which its certificate does not cover (" + String.join(", ", covered)
                                + "): clients refuse the TLS handshake",
                        "add the name (or a wildcard one label above it) to the certificate, or publish a name it covers");
            }
        }
    }

    /** Whether a certificate name covers a host name: equal, or a wildcard for exactly one more label. */
    static boolean covers(String certificateName, String host) {
        String c = certificateName.toLowerCase(Locale.ROOT);
        if (c.equals(host)) {
            return true;
        }
        if (c.startsWith("*.")) {
            int dot = host.indexOf('.');
            return dot > 0 && host.substring(dot + 1).equals(c.substring(2));
        }
        return false;
    }

    /** The names the Ingress is reached as, each with the field it is written in. */
    private static List<Map.Entry<FieldPath, String>> hosts(Resource ing) {
        List<Map.Entry<FieldPath, String>> out = new ArrayList<>();
        for (String key : HOSTNAME) {
            FieldPath p = FieldPath.of("metadata", "annotations", key);
            if (ing.get(p) instanceof String v) {
                for (String h : v.split(",")) {
                    out.add(Map.entry(p, h));
                }
            }
        }
        if (ing.get(FieldPath.of("spec", "rules")) instanceof List<?> rules) {
            for (int i = 0; i < rules.size(); i++) {
                FieldPath p = FieldPath.of("spec", "rules").index(i).key("host");
                if (ing.get(p) instanceof String h) {
                    out.add(Map.entry(p, h));
                }
            }
        }
        if (ing.get(FieldPath.of("spec", "tls")) instanceof List<?> tls) {
            for (int i = 0; i < tls.size(); i++) {
                FieldPath hostsAt = FieldPath.of("spec", "tls").index(i).key("hosts");
                if (ing.get(hostsAt) instanceof List<?> hs) {
                    for (int j = 0; j < hs.size(); j++) {
                        if (hs.get(j) instanceof String h) {
                            out.add(Map.entry(hostsAt.index(j), h));
                        }
                    }
                }
            }
        }
        return out;
    }

    private static List<String> names(Resource cert) {
        List<String> out = new ArrayList<>();
        if (cert.get(FieldPath.of("spec", "domainName")) instanceof String d) {
            out.add(d);
        }
        if (cert.get(FieldPath.of("spec", "subjectAlternativeNames")) instanceof List<?> sans) {
            sans.stream().filter(String.class::isInstance).map(String.class::cast).forEach(out::add);
        }
        return out;
    }

    private static String adoptedArn(Resource cert) {
        if (cert.get(FieldPath.of("metadata", "annotations", "services.k8s.aws/adoption-fields")) instanceof String s) {
            try {
                JsonNode n = JsonText.read(s);
                return n != null && n.get("arn") != null && n.get("arn").isTextual() ? n.get("arn").asText() : null;
            } catch (IOException e) {
                return null; // ACK001 reports adoption-fields that are not JSON
            }
        }
        return null;
    }
}
