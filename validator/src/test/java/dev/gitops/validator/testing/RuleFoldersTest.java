package dev.gitops.validator.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gitops.validator.finding.Rule;
import dev.gitops.validator.finding.RuleDocumentation;
import dev.gitops.validator.policy.PolicyLibrary;
import dev.gitops.validator.transition.StandardChecks;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Every registered rule has its folder: a Java rule {@code validator/rules/<ID>/} with a README
 * (packaged for --explain) whose heading {@code # ID: title} titles the rule, and allowed and denied
 * samples; a Rego rule the folder of its policy, with
 * policy, tests, README and samples.
 */
class RuleFoldersTest {

    @Test
    void everyRegisteredRuleHasItsFolderWithReadmeAndSamples() {
        PolicyLibrary policies = PolicyLibrary.standard();
        List<Rule> rules = StandardChecks.all().ruleList();
        assertTrue(rules.size() > 100, "rules registered: " + rules.size());
        List<String> missing = new ArrayList<>();
        for (Rule r : rules) {
            Optional<PolicyLibrary.Policy> policy = policies.policyOf(r.id());
            if (policy.isPresent()) {
                requireParts(policy.get().dir(), List.of("README.md", "policy.rego", "policy_test.rego",
                        "samples/allowed", "samples/denied"), missing);
                continue;
            }
            requireParts(Path.of("rules", r.id()), List.of("README.md", "samples/allowed", "samples/denied"), missing);
            String readme = RuleDocumentation.readme(r.id());
            if (readme == null) {
                missing.add(r.id() + " README is not packaged");
                continue;
            }
            if (!readme.startsWith("# " + r.id() + ": ") || r.title().equals(r.id())) {
                missing.add(r.id() + " README heading '# " + r.id() + ": title' (the rule's title)");
            }
            for (String section : List.of("**Why.**", "**Fix.**", "**Waive.**")) {
                if (!readme.contains(section)) {
                    missing.add(r.id() + " README section " + section);
                }
            }
        }
        assertEquals(List.of(), missing);
    }

    private static void requireParts(Path dir, List<String> parts, List<String> missing) {
        for (String part : parts) {
            if (!Files.exists(dir.resolve(part))) {
                missing.add(dir.resolve(part).toString());
            }
        }
    }
}
