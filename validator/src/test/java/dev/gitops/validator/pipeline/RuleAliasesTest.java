package dev.gitops.validator.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gitops.validator.check.Check;
import dev.gitops.validator.check.CheckContext;
import dev.gitops.validator.check.Findings;
import dev.gitops.validator.check.RunOptions;
import dev.gitops.validator.config.ConfigLoader;
import dev.gitops.validator.finding.Rule;
import dev.gitops.validator.finding.RuleAliases;
import dev.gitops.validator.finding.Severity;
import dev.gitops.validator.resource.Resource;
import dev.gitops.validator.source.FieldPath;
import dev.gitops.validator.transition.StandardChecks;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A former rule id (KARP001 for KARPENTER101) still selects, configures and waives the rule. */
class RuleAliasesTest {

    @TempDir
    Path dir;

    private static final Rule LIMITS = new Rule("KARPENTER101", "policy", Severity.ERROR, "NodePools cap capacity");

    /** Reports every NodePool under the renamed id, as the Rego policy does. */
    private static final Check NODE_POOLS = new Check() {
        @Override
        public List<Rule> rules() {
            return List.of(LIMITS);
        }

        @Override
        public void run(CheckContext context, Findings findings) {
            for (Resource r : context.resources()) {
                if ("NodePool".equals(r.kind())) {
                    findings.at(LIMITS, r, FieldPath.of("spec"), "no limits", null);
                }
            }
        }
    };

    private static final String POOL = """
            apiVersion: karpenter.sh/v1
            kind: NodePool
            metadata:
              name: %s
            %s
            spec: {}
            """;

    private List<String> rules(String config, RuleFilter filter) throws Exception {
        TempRepo repo = new TempRepo(dir);
        repo.write(".gitops-validator.yaml", config);
        repo.write("pools/a.yaml", POOL.formatted("a", ""));
        repo.write("pools/b.yaml", POOL.formatted("b",
                "  annotations: {gitops.validator/waive: \"KARP001: capped by the service quota\"}"));
        Report report = new Validator(new CheckRegistry(List.of(NODE_POOLS)), TempRepo.TODAY).run(new RunRequest(dir,
                List.of(), null, ConfigLoader.load(dir, List.of()), filter, true, RunOptions.NONE));
        assertEquals(List.of(), report.fatal());
        return report.findings().stream().map(f -> f.rule() + " " + f.severity().label() + " " + f.file()).toList();
    }

    @Test
    void formerIdsNameTheirRule() {
        assertEquals("ARGOCD101", RuleAliases.current("ARGO001"));
        assertEquals("KARPENTER102", RuleAliases.current("karp002"));
        assertEquals("ARGOCD001", RuleAliases.current("ARGOCD001"));
        List<String> current = StandardChecks.all().ruleList().stream().map(Rule::id).toList();
        assertTrue(current.containsAll(RuleAliases.all().values()), "every alias names a rule: " + current);
    }

    @Test
    void annotationAndCentralWaiversAcceptTheFormerId() throws Exception {
        assertEquals(List.of("KARPENTER101 error pools/a.yaml"), rules("include: [pools]\n", RuleFilter.ALL));
        String central = """
                include: [pools]
                waivers:
                  - rule: KARP001
                    resource: {kind: NodePool, name: a}
                    reason: a static pool
                    owner: team-platform
                    expires: 2099-01-01
                """;
        assertEquals(List.of(), rules(central, RuleFilter.ALL));
    }

    @Test
    void onlySkipAndSettingsAcceptTheFormerId() throws Exception {
        RuleFilter only = RuleFilter.of(List.of("KARP001"), List.of());
        assertEquals(List.of(), only.unknown(List.of(LIMITS)));
        assertEquals(List.of("KARPENTER101 error pools/a.yaml"), rules("include: [pools]\n", only));
        assertEquals(List.of(), rules("include: [pools]\n", RuleFilter.of(List.of(), List.of("karp001"))));
        assertEquals(List.of(), rules("include: [pools]\nrules: {KARP001: off}\n", RuleFilter.ALL));
        List<String> warned = rules("include: [pools]\nrules: {KARP001: warning}\n", RuleFilter.ALL);
        assertEquals(List.of("KARPENTER101 warning pools/a.yaml"), warned);
    }
}
