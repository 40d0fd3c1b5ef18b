package dev.gitops.validator.domain.rollouts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gitops.validator.check.CheckContext;
import dev.gitops.validator.check.Findings;
import dev.gitops.validator.check.RunOptions;
import dev.gitops.validator.config.ValidatorConfig;
import dev.gitops.validator.domain.DomainTestSupport;
import dev.gitops.validator.finding.Finding;
import java.nio.file.Path;
import dev.gitops.validator.resource.Resource;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SharedWorkspaceQueryCheckTest {

    private static final String WS = "ws-5d3e2f10-8a7b-4c6d-9e0f-1a2b3c4d5e6f";

    private static String scraper(String name, String labels) {
        return """
                apiVersion: prometheusservice.services.k8s.aws/v1alpha1
                kind: Scraper
                metadata: {name: %s, namespace: aws-resources}
                spec:
                  destination:
                    ampConfiguration:
                      workspaceARN: arn:aws:aps:eu-west-1:111122223333:workspace/%s
                  configuration: |
                    global:
                      external_labels: %s
                    scrape_configs: [{job_name: pods}]
                ---
                """.formatted(name, WS, labels);
    }

    private static String template(String kind, String query) {
        return """
                apiVersion: argoproj.io/v1alpha1
                kind: %s
                metadata: {name: t}
                spec:
                  metrics:
                    - name: m
                      provider:
                        prometheus:
                          address: https://aps-workspaces.eu-west-1.amazonaws.com/workspaces/%s
                          query: '%s'
                """.formatted(kind, WS, query);
    }

    private static List<Finding> run(String yaml) {
        Findings f = new Findings();
        new SharedWorkspaceQueryCheck().run(new CheckContext(Path.of("."), DomainTestSupport.load("t.yaml", yaml),
                ValidatorConfig.defaults(), RunOptions.NONE), f);
        return f.all();
    }

    @Test
    void reportsTheSelectorsOfAClusterTemplateThatDoNotFilterOnTheDistinguishingLabel() {
        List<Finding> found = run(scraper("a", "{cluster: a, region: eu}") + scraper("b", "{cluster: b, region: eu}")
                + template("ClusterAnalysisTemplate", "sum(x{cluster=\"a\"}) / sum(y{region=\"eu\"}) + z"));
        assertEquals(1, found.size());
        assertEquals("ROLLOUT023", found.getFirst().rule());
        assertEquals("spec.metrics[0].provider.prometheus.query", found.getFirst().path());
        String message = found.getFirst().message();
        assertTrue(message.contains("y{region=\"eu\"}, z do not filter") && !message.contains("x{"), message);
        assertTrue(message.contains("external label cluster;"), "region is shared, so it does not tell them apart");
    }

    @Test
    void silentWhenNoLabelTellsTheCollectorsApartOrOneCollectorWrites() {
        assertEquals(List.of(), run(scraper("a", "{cluster: same}") + scraper("b", "{cluster: same}")
                + template("AnalysisTemplate", "sum(x)")));
        assertEquals(List.of(), run(scraper("a", "{cluster: a}") + template("AnalysisTemplate", "sum(x)")));
    }

    @Test
    void negativeAndMatchAllMatchersDoNotFilter() {
        List<Finding> found = run(scraper("a", "{cluster: a}") + scraper("b", "{cluster: b}")
                + template("AnalysisTemplate", "x{cluster!=\"a\"} + y{cluster=~\".*\"} + w{cluster=~\"a|b\"}"));
        assertEquals(1, found.size());
        assertTrue(found.getFirst().message().contains("x{cluster!=\"a\"}, y{cluster=~\".*\"} do not"),
                found.getFirst().message());
    }

    private static final String ROLLOUT = """
            apiVersion: argoproj.io/v1alpha1
            kind: Rollout
            metadata: {name: processor, namespace: docproc}
            spec:
              strategy:
                canary:
                  steps:
                    - setWeight: 10
                    - analysis:
                        templates: [{templateName: t}]
                        args: [{name: hash, value: abc}, {name: cluster, value: %s}]
            """;

    private static List<Finding> runTree(String evenClusterValue) {
        List<Resource> all = new ArrayList<>();
        all.addAll(DomainTestSupport.load("infra/aws/clusters/even/prometheus.yaml", scraper("a", "{cluster: docproc-even}")));
        all.addAll(DomainTestSupport.load("infra/aws/clusters/odd/prometheus.yaml", scraper("b", "{cluster: docproc-odd}")));
        all.addAll(DomainTestSupport.load("clusters/even/outputs.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: o}\n"));
        all.addAll(DomainTestSupport.load("clusters/odd/outputs.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: o}\n"));
        all.addAll(DomainTestSupport.load("apps/p/base/t.yaml", template("AnalysisTemplate",
                "sum(x{cluster=\"{{args.cluster}}\",hash=\"{{args.hash}}\"})").replace("metadata: {name: t}",
                "metadata: {name: t, namespace: docproc}")));
        all.addAll(DomainTestSupport.load("apps/p/even/rollout.yaml", ROLLOUT.formatted(evenClusterValue)));
        Findings f = new Findings();
        new SharedWorkspaceQueryCheck().run(new CheckContext(Path.of("."), all, ValidatorConfig.defaults(),
                RunOptions.NONE), f);
        return f.all();
    }

    @Test
    void aRolloutPassesItsOwnClustersLabelValueToTheFilterArgument() {
        assertEquals(List.of(), runTree("docproc-even"));
        List<Finding> found = runTree("docproc-odd");
        assertEquals(1, found.size());
        assertEquals("spec.strategy.canary.steps[1].analysis.args[1].value", found.getFirst().path());
        assertTrue(found.getFirst().message().contains("stamps cluster=docproc-even"), found.getFirst().message());
    }
}
