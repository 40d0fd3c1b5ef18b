package dev.gitops.validator.domain.infra;

import static dev.gitops.validator.finding.Rule.error;

import dev.gitops.validator.check.Check;
import dev.gitops.validator.check.CheckContext;
import dev.gitops.validator.check.Findings;
import dev.gitops.validator.domain.traffic.HostedZones;
import dev.gitops.validator.finding.Rule;
import dev.gitops.validator.resource.Resource;
import dev.gitops.validator.source.FieldPath;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * INFRA004: an ACM certificate requested for names in a public hosted zone the tree declares has its DNS
 * validation record declared in that zone. ACM validates a name by a CNAME
 * {@code _<token>.<name>} pointing at {@code _<token>.<id>.acm-validations.aws}; a wildcard name and its
 * base name share one record. Until the record exists the certificate stays {@code PENDING_VALIDATION}
 * (and fails after 72 hours), no listener can use it, and a renewal fails once the record is gone.
 *
 * <p>A certificate issued by a private CA ({@code spec.certificateAuthorityARN}) needs no validation;
 * names in zones the tree does not declare are validated wherever their zone is managed.
 */
public final class CertificateValidationCheck implements Check {

    public static final Rule VALIDATION_RECORD = error("INFRA004", InfraCheck.CATEGORY);

    static final String ACM_VALIDATIONS = "acm-validations.aws";

    @Override
    public List<Rule> rules() {
        return List.of(VALIDATION_RECORD);
    }

    @Override
    public void run(CheckContext context, Findings findings) {
        HostedZones zones = null;
        for (Resource cert : context.resources()) {
            if (!isCertificate(cert) || cert.get(FieldPath.of("spec", "certificateAuthorityARN")) != null) {
                continue;
            }
            if (zones == null) {
                zones = HostedZones.of(context.resources());
            }
            for (Map.Entry<String, FieldPath> name : validationNames(cert).entrySet()) {
                HostedZones.Zone zone = zones.zoneFor(name.getKey(), false);
                if (zone != null && !validated(name.getKey(), zone, zones)) {
                    findings.at(VALIDATION_RECORD, cert, name.getValue(), "certificate " + cert.ref().name()
                                    + " is validated by DNS for " + name.getKey() + " in hosted zone " + zone.domain()
                                    + ", which declares no validation record (CNAME _<token>." + name.getKey()
                                    + " to _<token>.<id>." + ACM_VALIDATIONS + "): ACM keeps the certificate"
                                    + " PENDING_VALIDATION and no load balancer can use it",
                            "declare a RecordSet in the zone, recordType CNAME, with the name and value of the"
                                    + " certificate's status.domainValidations[].resourceRecord, and record both in"
                                    + " clusters/<c>/aws-outputs.yaml",
                            List.of(Findings.location(zone.source(), FieldPath.of("spec", "name"), "hosted zone")));
                }
            }
        }
    }

    static boolean isCertificate(Resource r) {
        return "Certificate".equals(r.kind()) && r.apiVersion() != null
                && r.apiVersion().startsWith("acm.services.k8s.aws/");
    }

    /**
     * The names ACM validates by DNS, each with the field naming it first: the domain name and the
     * alternative names, a wildcard reduced to its base name (they share one record).
     */
    static Map<String, FieldPath> validationNames(Resource cert) {
        Map<String, FieldPath> out = new LinkedHashMap<>();
        if (cert.get(FieldPath.of("spec", "domainName")) instanceof String d) {
            out.putIfAbsent(base(d), FieldPath.of("spec", "domainName"));
        }
        if (cert.get(FieldPath.of("spec", "subjectAlternativeNames")) instanceof List<?> sans) {
            for (int i = 0; i < sans.size(); i++) {
                if (sans.get(i) instanceof String s) {
                    out.putIfAbsent(base(s), FieldPath.of("spec", "subjectAlternativeNames", i));
                }
            }
        }
        return out;
    }

    private static String base(String name) {
        String n = HostedZones.normalize(name);
        return n.startsWith("*.") ? n.substring(2) : n;
    }

    /** A CNAME record {@code _<token>.<name>} in the zone pointing at ACM's validation domain. */
    private static boolean validated(String name, HostedZones.Zone zone, HostedZones zones) {
        for (Resource r : zones.records()) {
            String fqdn = zones.fqdn(r);
            if (zone.equals(zones.zoneOf(r)) && "CNAME".equals(r.get(FieldPath.of("spec", "recordType")))
                    && fqdn != null && fqdn.startsWith("_") && fqdn.endsWith("." + name)
                    && fqdn.indexOf('.') == fqdn.length() - name.length() - 1 && pointsAtAcm(r)) {
                return true;
            }
        }
        return false;
    }

    private static boolean pointsAtAcm(Resource r) {
        if (!(r.get(FieldPath.of("spec", "resourceRecords")) instanceof List<?> values)) {
            return false;
        }
        return values.stream().anyMatch(v -> v instanceof Map<?, ?> m && m.get("value") instanceof String s
                && HostedZones.normalize(s).endsWith("." + ACM_VALIDATIONS));
    }
}
