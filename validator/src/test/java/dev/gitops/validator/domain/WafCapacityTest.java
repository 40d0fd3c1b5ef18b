package dev.gitops.validator.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.gitops.validator.check.CheckContext;
import dev.gitops.validator.check.Findings;
import dev.gitops.validator.check.RunOptions;
import dev.gitops.validator.config.ValidatorConfig;
import dev.gitops.validator.domain.waf.WafCheck;
import dev.gitops.validator.finding.Finding;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WafCapacityTest {

    private static List<Finding> run(String yaml, Map<String, Object> waf) {
        ValidatorConfig base = ValidatorConfig.defaults();
        ValidatorConfig config = new ValidatorConfig(base.include(), base.ignore(), base.ruleSettings(), base.limits(),
                base.clusters(), Map.of("waf", waf));
        Findings f = new Findings();
        new WafCheck().run(new CheckContext(Path.of("."), DomainTestSupport.load("w.yaml", yaml), config, RunOptions.NONE), f);
        return f.all();
    }

    private static final String ACL = """
            apiVersion: wafv2.services.k8s.aws/v1alpha1
            kind: WebACL
            metadata: {name: a}
            spec:
              name: a
              scope: REGIONAL
              defaultAction: {allow: {}}
              visibilityConfig: {metricName: a, sampledRequestsEnabled: true, cloudWatchMetricsEnabled: true}
              rules:
                - name: crs
                  priority: 0
                  overrideAction: {none: {}}
                  statement:
                    managedRuleGroupStatement:
                      vendorName: AWS
                      name: AWSManagedRulesCommonRuleSet
                      ruleActionOverrides: [{name: SizeRestrictions_BODY, actionToUse: {count: {}}}]
                  visibilityConfig: {metricName: crs, sampledRequestsEnabled: true, cloudWatchMetricsEnabled: true}
                - name: rate
                  priority: 1
                  action: {block: {}}
                  statement:
                    rateBasedStatement:
                      limit: 1000
                      aggregateKeyType: IP
                      scopeDownStatement: |
                        sqliMatchStatement:
                          sensitivityLevel: HIGH
                          fieldToMatch: {allQueryArguments: {}}
                          textTransformations: [{type: URL_DECODE, priority: 0}, {type: NONE, priority: 1}]
                  ruleLabels: [{name: a}, {name: b}]
                  visibilityConfig: {metricName: rate, sampledRequestsEnabled: true, cloudWatchMetricsEnabled: true}
            """;

    @Test
    void capacityAddsManagedGroupsNestedStatementsModifiersAndLabels() {
        // 700 (common rule set) + 2 (rate-based) + 30 (SQLi HIGH) + 10 (all query arguments)
        // + 10 (one transformation other than NONE) + 1 (two labels) = 753
        List<Finding> f = run(ACL, Map.of("includedCapacity", 752));
        assertEquals(List.of("WAF007"), f.stream().map(Finding::rule).toList());
        assertEquals(true, f.getFirst().message().contains("needs 753 WCU"), f.getFirst().message());
        assertEquals(List.of(), run(ACL, Map.of("includedCapacity", 753)));
        assertEquals(List.of("WAF006"), run(ACL, Map.of("maxCapacity", 700)).stream().map(Finding::rule).toList());
    }
}
