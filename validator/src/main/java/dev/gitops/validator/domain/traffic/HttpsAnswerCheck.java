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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * TRAFFIC015: every record of a name that is served over HTTPS answers with an endpoint that serves HTTPS
 * for that name. The records of one full name (a failover pair, a weighted set) answer the same clients:
 * when one of them leads to an ALB with an HTTPS listener or to a CloudFront distribution, each of them
 * must. An S3 website endpoint speaks HTTP only (HTTPS clients get a refused connection on port 443) and
 * an ALB without an HTTPS listener likewise. An alias (or CNAME) to a CloudFront distribution name is
 * judged whatever its siblings: CloudFront answers a name only from the declared {@code Distribution}
 * listing it among its aliases, with an ACM certificate of the tree from us-east-1 covering it
 * ({@link CloudFrontDistributions}); otherwise it refuses the request or the TLS handshake.
 */
public final class HttpsAnswerCheck implements Check {

    public static final Rule HTTPS_ANSWER = error("TRAFFIC015", TrafficCheck.CATEGORY);

    private static final FieldPath ENABLED = CloudFrontDistributions.CONFIG.key("enabled");

    @Override
    public List<Rule> rules() {
        return List.of(HTTPS_ANSWER);
    }

    @Override
    public void run(CheckContext context, Findings findings) {
        HostedZones zones = HostedZones.of(context.resources());
        if (zones.records().isEmpty()) {
            return;
        }
        Answers answers = new Answers(zones, context.resources());
        CloudFrontDistributions cloudFront = CloudFrontDistributions.of(context.resources());
        Map<String, List<Resource>> byName = new LinkedHashMap<>();
        for (Resource r : zones.records()) {
            String fqdn = zones.fqdn(r);
            if (fqdn != null) {
                byName.computeIfAbsent(fqdn, k -> new ArrayList<>()).add(r);
            }
        }
        Set<String> judged = new HashSet<>();
        for (Map.Entry<String, List<Resource>> name : byName.entrySet()) {
            Map<Resource, Map<FieldPath, List<Answers.Endpoint>>> reached = new LinkedHashMap<>();
            Answers.Endpoint https = null;
            for (Resource r : name.getValue()) {
                Map<FieldPath, List<Answers.Endpoint>> endpoints = answers.of(r);
                reached.put(r, endpoints);
                for (List<Answers.Endpoint> list : endpoints.values()) {
                    for (Answers.Endpoint e : list) {
                        if (https == null && (e.kind() == Answers.Kind.HTTPS_LOAD_BALANCER
                                || e.kind() == Answers.Kind.CLOUDFRONT)) {
                            https = e;
                        }
                    }
                }
            }
            for (Map.Entry<Resource, Map<FieldPath, List<Answers.Endpoint>>> r : reached.entrySet()) {
                for (Map.Entry<FieldPath, List<Answers.Endpoint>> target : r.getValue().entrySet()) {
                    for (Answers.Endpoint e : target.getValue()) {
                        judge(name.getKey(), r.getKey(), target.getKey(), e, https, cloudFront, judged, findings);
                    }
                }
            }
        }
    }

    private static void judge(String name, Resource record, FieldPath field, Answers.Endpoint e,
                              Answers.Endpoint https, CloudFrontDistributions cloudFront, Set<String> judged,
                              Findings findings) {
        switch (e.kind()) {
            case CLOUDFRONT -> distribution(name, record, field, e, cloudFront, judged, findings);
            case S3_WEBSITE -> {
                if (https != null) {
                    findings.at(HTTPS_ANSWER, record, field, "record " + record.ref().name() + " of " + name
                                    + " answers with the S3 website endpoint " + e.name() + ", which speaks HTTP only,"
                                    + " while " + name + " is served over HTTPS (" + https.where().description()
                                    + "): HTTPS clients get a refused connection on port 443 instead of the page,"
                                    + " and the website's error document answers 403, not 503",
                            "put a CloudFront distribution in front of the bucket: alias " + name + " to the"
                                    + " distribution's domain name (hosted zone Z2FDTNDATAQYW2), list " + name
                                    + " among its aliases with an ACM certificate of us-east-1 covering it, and"
                                    + " answer the maintenance page with a 503 custom error response",
                            related(e, https));
                }
            }
            case HTTP_LOAD_BALANCER -> {
                if (https != null) {
                    findings.at(HTTPS_ANSWER, record, field, "record " + record.ref().name() + " of " + name
                                    + " answers with a load balancer without an HTTPS listener (" + e.where().description()
                                    + "), while " + name + " is served over HTTPS (" + https.where().description()
                                    + "): HTTPS clients get a refused connection whenever Route 53 answers with it",
                            "give the Ingress an HTTPS listener (alb.ingress.kubernetes.io/listen-ports with HTTPS"
                                    + " 443 and a certificate covering " + name + ")", related(e, https));
                }
            }
            case HTTPS_LOAD_BALANCER -> {
                // serves HTTPS; which certificate covers the name is EDGE004's for the internal names
            }
        }
    }

    /** An answer by CloudFront: the distribution listing the name, enabled, with a certificate covering it. */
    private static void distribution(String name, Resource record, FieldPath field, Answers.Endpoint e,
                                     CloudFrontDistributions cloudFront, Set<String> judged, Findings findings) {
        List<Resource> serving = cloudFront.serving(name);
        if (serving.size() != 1) {
            String problem = serving.isEmpty()
                    ? "no Distribution of the tree lists " + name + " among its aliases: CloudFront answers a name"
                    + " only for the distribution listing it, and refuses the request (HTTP 403) otherwise"
                    : serving.size() + " Distributions of the tree list " + name + " among their aliases: CloudFront"
                    + " accepts an alternate domain name on one distribution only (CNAMEAlreadyExists)";
            findings.at(HTTPS_ANSWER, record, field, "record " + record.ref().name() + " of " + name
                            + " answers with the CloudFront name " + e.name() + ", but " + problem,
                    "declare one Distribution with " + name + " in spec.distributionConfig.aliases.items",
                    serving.stream().map(d -> Findings.location(d, CloudFrontDistributions.ALIASES,
                            "Distribution " + d.ref().name())).toList());
            return;
        }
        Resource d = serving.getFirst();
        if (!judged.add(d.ref() + "|" + name)) {
            return;
        }
        Location asked = Findings.location(record, field, "record " + record.ref().name() + " of " + name);
        if (Boolean.FALSE.equals(d.get(ENABLED))) {
            findings.at(HTTPS_ANSWER, d, ENABLED, "Distribution " + d.ref().name() + " serves " + name + " for record "
                    + record.ref().name() + ", but it is disabled: CloudFront answers nothing for it",
                    "set spec.distributionConfig.enabled: true", List.of(asked));
        }
        CloudFrontDistributions.Problem p = cloudFront.certificateProblem(d, name);
        if (p != null) {
            List<Location> related = new ArrayList<>(List.of(asked));
            if (p.certificate() != null) {
                related.add(Findings.location(p.certificate(), FieldPath.of("spec", "domainName"),
                        "Certificate " + p.certificate().ref().name()));
            }
            findings.at(HTTPS_ANSWER, d, p.field(), "Distribution " + d.ref().name() + " serves " + name
                            + " (record " + record.ref().name() + "), but " + p.reason()
                            + ": HTTPS clients of " + name + " fail the TLS handshake or the distribution is refused",
                    "name an ACM Certificate of the tree (viewerCertificate.acmCertificateRef) annotated"
                            + " services.k8s.aws/region: us-east-1 whose domainName or subjectAlternativeNames cover "
                            + name + ", DNS-validated in the zone (INFRA004)", related);
        }
    }

    private static List<Location> related(Answers.Endpoint e, Answers.Endpoint https) {
        List<Location> out = new ArrayList<>();
        out.add(e.where());
        out.add(https.where());
        return out;
    }
}
