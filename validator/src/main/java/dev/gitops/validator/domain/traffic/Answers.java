package dev.gitops.validator.domain.traffic;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.gitops.validator.check.Findings;
import dev.gitops.validator.finding.Location;
import dev.gitops.validator.model.ExternalDns;
import dev.gitops.validator.resource.JsonText;
import dev.gitops.validator.resource.Resource;
import dev.gitops.validator.source.FieldPath;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The endpoints a Route 53 record answers with, as far as the tree declares them: its targets (alias DNS
 * name, CNAME values) are followed through the declared records ({@link HostedZones}) to the names
 * ExternalDNS publishes for Ingresses of the AWS Load Balancer Controller, to Amazon S3 website endpoints
 * and to CloudFront distribution names. Anything else (literal addresses, names outside the declared
 * zones, other controllers) is not an endpoint whose protocols the tree says, and is left out.
 */
final class Answers {

    /** What serves the requests. */
    enum Kind {
        /** An ALB with an HTTPS listener. */
        HTTPS_LOAD_BALANCER,
        /** An ALB without an HTTPS listener. */
        HTTP_LOAD_BALANCER,
        /** An Amazon S3 website endpoint: HTTP only. */
        S3_WEBSITE,
        /** A CloudFront distribution's domain name: which distribution answers depends on the name asked. */
        CLOUDFRONT
    }

    /**
     * One endpoint reached.
     *
     * @param kind what it is
     * @param name the DNS name that reaches it
     * @param where where the tree declares it (the Ingress's listener, or the record naming the endpoint)
     */
    record Endpoint(Kind kind, String name, Location where) {
    }

    static final String ALB = "alb.ingress.kubernetes.io/";
    private static final int MAX_HOPS = 8;

    private final HostedZones zones;
    private final List<Resource> ingresses;

    Answers(HostedZones zones, List<Resource> all) {
        this.zones = zones;
        this.ingresses = all.stream().filter(r -> "Ingress".equals(r.kind()) && r.apiVersion() != null
                && r.apiVersion().startsWith("networking.k8s.io/")).toList();
    }

    /** The endpoints of each target of a record (alias DNS name, CNAME values), by the target's field. */
    Map<FieldPath, List<Endpoint>> of(Resource record) {
        Map<FieldPath, List<Endpoint>> out = new LinkedHashMap<>();
        for (Map.Entry<FieldPath, String> t : FallbackTargetCheck.targets(record).entrySet()) {
            List<Endpoint> found = new ArrayList<>();
            follow(t.getValue(), Findings.location(record, t.getKey(), "record " + zones.fqdn(record)), found,
                    new HashSet<>());
            out.put(t.getKey(), found);
        }
        return out;
    }

    private void follow(String name, Location namedAt, List<Endpoint> out, Set<String> seen) {
        String n = HostedZones.normalize(name);
        if (!seen.add(n) || seen.size() > MAX_HOPS) {
            return; // a loop: TRAFFIC013 reports it for a secondary
        }
        if (S3WebsiteEndpoints.parse(n).isPresent()) {
            out.add(new Endpoint(Kind.S3_WEBSITE, n, namedAt));
            return;
        }
        if (CloudFrontDistributions.isCloudFrontDomain(n)) {
            out.add(new Endpoint(Kind.CLOUDFRONT, n, namedAt));
            return;
        }
        for (Resource record : zones.recordsNamed(n)) {
            for (Map.Entry<FieldPath, String> next : FallbackTargetCheck.targets(record).entrySet()) {
                follow(next.getValue(), Findings.location(record, next.getKey(), "record " + n), out, seen);
            }
        }
        for (Resource ingress : ingresses) {
            ExternalDns dns = ExternalDns.of(ingress);
            if (dns != null && isAlb(ingress)
                    && dns.hostnames().stream().map(HostedZones::normalize).anyMatch(n::equals)) {
                FieldPath listener = listener(ingress);
                boolean https = listener != null;
                out.add(new Endpoint(https ? Kind.HTTPS_LOAD_BALANCER : Kind.HTTP_LOAD_BALANCER, n,
                        Findings.location(ingress, https ? listener : dns.path("hostname"), (https
                                ? "HTTPS listener of Ingress " : "Ingress without HTTPS listener ")
                                + ingress.ref().name())));
            }
        }
    }

    /** An Ingress the AWS Load Balancer Controller serves: class {@code alb}, or any of its annotations. */
    static boolean isAlb(Resource ingress) {
        if ("alb".equals(ingress.get(FieldPath.of("spec", "ingressClassName")))
                || "alb".equals(annotation(ingress, "kubernetes.io/ingress.class"))) {
            return true;
        }
        return ingress.get(FieldPath.of("metadata", "annotations")) instanceof Map<?, ?> m
                && m.keySet().stream().anyMatch(k -> String.valueOf(k).startsWith(ALB));
    }

    /**
     * The field that gives an ALB Ingress an HTTPS listener, or null: {@code listen-ports} naming HTTPS; without
     * {@code listen-ports}, the controller listens on HTTPS 443 when a certificate is named
     * ({@code certificate-arn}) or {@code spec.tls} is set, else on HTTP 80 (AWS Load Balancer Controller,
     * Ingress annotations, {@code listen-ports}).
     */
    static FieldPath listener(Resource ingress) {
        FieldPath ports = FieldPath.of("metadata", "annotations", ALB + "listen-ports");
        if (ingress.get(ports) instanceof String text) {
            try {
                JsonNode list = JsonText.read(text);
                for (JsonNode entry : list) {
                    if (entry.has("HTTPS")) {
                        return ports;
                    }
                }
            } catch (JsonProcessingException e) {
                return null; // not JSON: the controller refuses the Ingress, no listener at all
            }
            return null;
        }
        FieldPath cert = FieldPath.of("metadata", "annotations", ALB + "certificate-arn");
        if (ingress.get(cert) != null) {
            return cert;
        }
        return ingress.get(FieldPath.of("spec", "tls")) instanceof List<?> tls && !tls.isEmpty()
                ? FieldPath.of("spec", "tls") : null;
    }

    private static String annotation(Resource r, String key) {
        return r.get(FieldPath.of("metadata", "annotations", key)) instanceof String s ? s : null;
    }
}
