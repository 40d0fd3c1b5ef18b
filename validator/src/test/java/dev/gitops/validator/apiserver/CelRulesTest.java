package dev.gitops.validator.apiserver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gitops.validator.check.CheckContext;
import dev.gitops.validator.check.Findings;
import dev.gitops.validator.check.RunOptions;
import dev.gitops.validator.config.ValidatorConfig;
import dev.gitops.validator.finding.Finding;
import dev.gitops.validator.finding.Severity;
import dev.gitops.validator.load.LoadLimits;
import dev.gitops.validator.load.YamlLoader;
import dev.gitops.validator.source.SourceFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** CRD validation rules as the API server applies them, through the API server check. */
class CelRulesTest {

    private static final String CRD = """
            apiVersion: apiextensions.k8s.io/v1
            kind: CustomResourceDefinition
            metadata:
              name: gauges.example.com
            spec:
              group: example.com
              scope: Namespaced
              names: {plural: gauges, singular: gauge, kind: Gauge, listKind: GaugeList}
              versions:
                - name: v1
                  served: true
                  storage: true
                  schema:
                    openAPIV3Schema:
                      type: object
                      properties:
                        spec:
                          type: object
                          x-kubernetes-validations:
                            - rule: "self.low < self.high"
                            - rule: "self.low == oldSelf.low"
                              message: low is immutable
                            - rule: "url(self.endpoint).getScheme() == 'https'"
                            - rule: "self.unit.size() > 0"
                              message: unit is set
                            - rule: "self.low +"
                          properties:
                            low: {type: integer, default: 0}
                            high: {type: integer}
                            endpoint: {type: string}
                            unit: {type: string}
            """;

    private static List<Finding> run(String gauge) {
        YamlLoader loader = new YamlLoader(LoadLimits.DEFAULT);
        var crd = loader.load(new SourceFile(Path.of("crd.yaml"), "crd.yaml"), CRD.getBytes(StandardCharsets.UTF_8));
        var cr = loader.load(new SourceFile(Path.of("gauge.yaml"), "gauge.yaml"), gauge.getBytes(StandardCharsets.UTF_8));
        var resources = new java.util.ArrayList<>(crd.resources());
        resources.addAll(cr.resources());
        Findings findings = new Findings();
        new ApiServerCheck().run(new CheckContext(Path.of("."), resources, ValidatorConfig.defaults(), RunOptions.NONE),
                findings);
        return findings.all();
    }

    private static List<String> messages(List<Finding> findings, String rule, Severity severity) {
        return findings.stream().filter(f -> f.rule().equals(rule) && f.severity() == severity)
                .map(Finding::message).toList();
    }

    @Test
    void rulesHoldAfterDefaultingAndTransitionRulesDoNotApplyOnCreate() {
        List<Finding> f = run("""
                apiVersion: example.com/v1
                kind: Gauge
                metadata: {name: g}
                spec: {high: 5, unit: ms, endpoint: "https://example.com"}
                """);
        assertEquals(List.of(), messages(f, "API005", Severity.ERROR), "low defaults to 0 < 5; oldSelf is skipped");
    }

    @Test
    void aFalseRuleReportsItsMessageOrTheRule() {
        List<Finding> f = run("""
                apiVersion: example.com/v1
                kind: Gauge
                metadata: {name: g}
                spec: {low: 7, high: 5, unit: "", endpoint: "https://example.com"}
                """);
        assertEquals(List.of("failed rule: self.low < self.high", "unit is set"), messages(f, "API005", Severity.ERROR));
    }

    @Test
    void aMissingFieldIsAnEvaluationErrorAsInTheApiServer() {
        List<Finding> f = run("""
                apiVersion: example.com/v1
                kind: Gauge
                metadata: {name: g}
                spec: {low: 1, high: 5, endpoint: "https://example.com"}
                """);
        List<String> errors = messages(f, "API005", Severity.ERROR);
        assertEquals(1, errors.size(), errors.toString());
        assertTrue(errors.getFirst().startsWith("rule 'self.unit.size() > 0' failed to evaluate"), errors.getFirst());
    }

    @Test
    void unsupportedLibraryFunctionsWarnAndSyntaxErrorsRejectTheCrd() {
        List<Finding> f = run("""
                apiVersion: example.com/v1
                kind: Gauge
                metadata: {name: g}
                spec: {high: 5, unit: ms, endpoint: "https://example.com"}
                """);
        List<String> warnings = messages(f, "API005", Severity.WARNING);
        assertEquals(1, warnings.size(), warnings.toString());
        assertTrue(warnings.getFirst().contains("url(self.endpoint)") && warnings.getFirst().contains("offline"));
        List<String> crd = messages(f, "API006", Severity.ERROR);
        assertEquals(1, crd.size(), crd.toString());
        assertTrue(crd.getFirst().startsWith("rule 'self.low +' does not compile"), crd.getFirst());
    }
}
