package dev.gitops.validator.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.gitops.validator.check.RunOptions;
import dev.gitops.validator.config.ValidatorConfig;
import dev.gitops.validator.finding.Finding;
import dev.gitops.validator.finding.Rule;
import dev.gitops.validator.pipeline.CheckRegistry;
import dev.gitops.validator.pipeline.Report;
import dev.gitops.validator.pipeline.RuleFilter;
import dev.gitops.validator.pipeline.RunRequest;
import dev.gitops.validator.pipeline.Validator;
import dev.gitops.validator.testing.RuleSamples.Expectation;
import dev.gitops.validator.testing.RuleSamples;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Every policy folder under {@code policies/}, through the validator and a real OPA: each allowed
 * sample yields no finding of the policy's rules, each denied sample yields every
 * {@code # expect: RULE line N [path P]} it states, and every rule has a denied sample.
 */
class PolicySamplesTest {

    private static PolicyLibrary library;
    private static OpaServer opa;
    private static Validator validator;

    @BeforeAll
    static void startOpa() throws Exception {
        library = PolicyLibrary.standard();
        assertFalse(library.policies().isEmpty(), "no policy folders found");
        opa = OpaServer.start(TestOpa.binary(), library.dir(), Duration.ofSeconds(30));
        validator = new Validator(new CheckRegistry(List.of(new PolicyCheck(library))));
    }

    @AfterAll
    static void stopOpa() {
        if (opa != null) {
            opa.close();
        }
    }

    @TestFactory
    Stream<DynamicNode> policyFolders() {
        return library.policies().stream().map(p -> DynamicContainer.dynamicContainer(p.name(), tests(p)));
    }

    private static Stream<DynamicNode> tests(PolicyLibrary.Policy policy) {
        Set<String> ruleIds = policy.rules().stream().map(Rule::id).collect(Collectors.toSet());
        List<DynamicNode> tests = new ArrayList<>();
        tests.add(DynamicTest.dynamicTest("has policy.rego, policy_test.rego and samples", () -> {
            for (String f : List.of("policy.rego", "policy_test.rego", "samples/allowed", "samples/denied")) {
                assertTrue(Files.exists(policy.dir().resolve(f)), policy.name() + " has no " + f);
            }
            assertFalse(RuleSamples.list(policy.dir().resolve("samples/allowed")).isEmpty(), "no allowed sample");
        }));
        Set<String> exercised = new HashSet<>();
        for (Path sample : RuleSamples.list(policy.dir().resolve("samples/allowed"))) {
            tests.add(DynamicTest.dynamicTest("allowed " + sample.getFileName(), () -> {
                Report r = run(sample, ruleIds);
                assertEquals(List.of(), r.fatal(), "fatal problems");
                assertEquals(List.of(), r.findings(), sample + " should pass " + policy.name());
            }));
        }
        for (Path sample : RuleSamples.list(policy.dir().resolve("samples/denied"))) {
            List<Expectation> expected = expectations(sample);
            expected.forEach(e -> exercised.add(e.rule()));
            tests.add(DynamicTest.dynamicTest("denied " + sample.getFileName(), () -> {
                assertFalse(expected.isEmpty(), sample + " has no '# expect: RULE line N' comment");
                Report r = run(sample, ruleIds);
                assertEquals(List.of(), r.fatal(), "fatal problems");
                for (Expectation e : expected) {
                    assertTrue(ruleIds.contains(e.rule()), e.rule() + " is not a rule of " + policy.name());
                    boolean found = r.findings().stream().anyMatch(f -> f.rule().equals(e.rule())
                            && f.line() == e.line() && f.file().equals(e.file())
                            && (e.path() == null || e.path().equals(f.path())));
                    if (!found) {
                        fail(sample + ": expected " + e + " but found\n  " + r.findings().stream()
                                .map(PolicySamplesTest::describe).collect(Collectors.joining("\n  ")));
                    }
                }
            }));
        }
        tests.add(DynamicTest.dynamicTest("every rule has a denied sample", () -> {
            Set<String> missing = new HashSet<>(ruleIds);
            missing.removeAll(exercised);
            assertEquals(Set.of(), missing, "rules of " + policy.name() + " without a denied sample");
        }));
        return tests.stream();
    }

    private static Report run(Path sample, Set<String> ruleIds) {
        return validator.run(new RunRequest(sample.getParent(), List.of(sample.toString()), null,
                ValidatorConfig.defaults(), new RuleFilter(ruleIds, Set.of()), true,
                RunOptions.NONE.withOpa(opa.url().toString(), null)));
    }

    private static String describe(Finding f) {
        return f.file() + ":" + f.line() + ":" + f.column() + " " + f.rule() + " " + f.path();
    }

    private static List<Expectation> expectations(Path sample) {
        try {
            return RuleSamples.expectations(sample);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
