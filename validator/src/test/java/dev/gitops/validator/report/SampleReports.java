package dev.gitops.validator.report;

import dev.gitops.validator.finding.Finding;
import dev.gitops.validator.finding.Location;
import dev.gitops.validator.finding.Rule;
import dev.gitops.validator.finding.Severity;
import dev.gitops.validator.pipeline.Report;
import dev.gitops.validator.pipeline.Summary;
import dev.gitops.validator.pipeline.ValidatedFile;
import dev.gitops.validator.pipeline.WaivedFinding;
import dev.gitops.validator.resource.ResourceRef;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Fixed reports for the golden-file tests: every kind of content a reporter must render. */
final class SampleReports {

    static final ResourceRef WEB = new ResourceRef("apps/v1", "Deployment", "shop", "web");
    static final ResourceRef SETTINGS = new ResourceRef("v1", "ConfigMap", null, "settings");
    static final ResourceRef ROUTE = new ResourceRef("route53.aws/v1", "Record", "dns", "api");

    static final Map<String, Rule> RULES = new LinkedHashMap<>();

    static {
        RULES.put("YAML001", new Rule("YAML001", "yaml", Severity.ERROR, "The file is well-formed YAML (or JSON)"));
        RULES.put("YAML008", new Rule("YAML008", "yaml", Severity.ERROR,
                "No two resources share group, kind, namespace and name"));
        RULES.put("YAML011", new Rule("YAML011", "yaml", Severity.WARNING,
                "Plain scalars mean the same in YAML 1.1 (Kubernetes) and YAML 1.2"));
        RULES.put("DEMO001", new Rule("DEMO001", "demo", Severity.INFO, "An informational rule"));
    }

    /** README texts by rule id, standing in for the packaged ones. */
    static String doc(String id) {
        return switch (id) {
            case "YAML008" -> "# YAML008: no duplicate resources\n\n**Why.** Argo CD applies only one of two "
                    + "`definitions`.\n\n**Fix.** Keep one.\n";
            case "YAML011" -> "# YAML011: YAML 1.1 ambiguity\n\n**Why.** `on` is a boolean to Kubernetes.\n";
            default -> null;
        };
    }

    static Report withFindings() {
        List<Finding> findings = List.of(
                new Finding("YAML008", Severity.ERROR, "Deployment/shop/web is already defined at apps/a.yaml:1",
                        "apps/b, c.yaml", 3, 1, WEB, null, "keep one definition",
                        List.of(new Location("apps/a.yaml", 1, 1, "first definition"))),
                new Finding("YAML011", Severity.WARNING, "'on' is read as the boolean true (YAML 1.1); 100% sure",
                        "apps/b, c.yaml", 9, 14, WEB, "spec.template.metadata.labels.debug", null, List.of()),
                new Finding("YAML001", Severity.ERROR, "YAML syntax error: mapping values are not allowed here\n"
                        + "  in <line 2> & \"quoted\"", "clusters/odd/bad:file.yaml", 2, 7, null, null, null, List.of()),
                new Finding("DEMO001", Severity.INFO, "weights sum to 100", "clusters/odd/route.yaml", 5, 3, ROUTE,
                        "spec.weight", null, List.of()));
        List<WaivedFinding> waived = List.of(new WaivedFinding(
                new Finding("YAML011", Severity.WARNING, "'yes' is read as the boolean true (YAML 1.1)",
                        "apps/settings.yaml", 6, 9, SETTINGS, "data.enabled", null, List.of()),
                "the consumer parses booleans", "annotation gitops.validator/waive"));
        List<ValidatedFile> inputs = List.of(
                new ValidatedFile("apps/a.yaml", List.of(WEB)),
                new ValidatedFile("apps/b, c.yaml", List.of(WEB, SETTINGS)),
                new ValidatedFile("apps/empty.yaml", List.of()),
                new ValidatedFile("apps/settings.yaml", List.of(SETTINGS)),
                new ValidatedFile("clusters/odd/bad:file.yaml", List.of()),
                new ValidatedFile("clusters/odd/route.yaml", List.of(ROUTE)));
        return new Report(findings, waived, List.of(), new Summary(6, 5, 2, 1, 1, 1), inputs);
    }

    static Report withFatal() {
        return new Report(List.of(), List.of(), List.of("cannot read apps/locked.yaml"), new Summary(1, 0, 0, 0, 0, 0),
                List.of(new ValidatedFile("apps/locked.yaml", List.of())));
    }

    static Report clean() {
        return new Report(List.of(), List.of(), List.of(), new Summary(1, 1, 0, 0, 0, 0),
                List.of(new ValidatedFile("apps/a.yaml", List.of(WEB))));
    }

    private SampleReports() {
    }
}
