package dev.gitops.validator.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.gitops.validator.check.RunOptions;
import dev.gitops.validator.config.ConfigLoader;
import dev.gitops.validator.config.ValidatorConfig;
import dev.gitops.validator.finding.Finding;
import dev.gitops.validator.pipeline.CheckRegistry;
import dev.gitops.validator.pipeline.Report;
import dev.gitops.validator.pipeline.RuleFilter;
import dev.gitops.validator.pipeline.RunRequest;
import dev.gitops.validator.pipeline.Validator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;

/**
 * Runs the sample folders of rules as tests. A rule's folder holds {@code README.md} and
 * {@code samples/allowed/} and {@code samples/denied/}; each sample is a file or a folder (a small
 * repository, for cross-file rules). Each sample is validated alone, with only its rule selected:
 *
 * <ul>
 *   <li>an allowed sample yields no finding of the rule, and the run does not fail fatally;</li>
 *   <li>a denied sample yields the rule at each line its {@code # expect:} comments name:
 *       {@code # expect: RULE-ID line 12} or {@code # expect: RULE-ID line 12 path spec.replicas}.
 *       Expectations refer to the file that holds the comment, unless they name another file of
 *       the sample folder: {@code # expect: YAML013 line 1 file broken.yaml} (for files that cannot
 *       hold a comment). A denied sample without any expectation fails the test.</li>
 * </ul>
 *
 * A sample folder may hold its own {@code .gitops-validator.yaml}. A folder sample of a transition
 * rule holds the tree before the change in {@code base/} and the tree after it beside it; the rule
 * judges the change ({@code validate --base}), and expectations refer to the tree after it.
 */
public final class RuleSamples {

    private static final Pattern EXPECT = Pattern.compile(
            "#\\s*expect:\\s*([A-Za-z0-9_-]+)\\s+line\\s+(\\d+)(?:\\s+path\\s+(\\S+))?(?:\\s+file\\s+(\\S+))?");

    /** One expected finding. */
    public record Expectation(String rule, String file, int line, String path) {
    }

    /** The subfolder of a folder sample that holds the base tree of a transition rule. */
    public static final String BASE = "base";

    private RuleSamples() {
    }

    /** Dynamic tests for every rule folder under {@code rulesDir} (one container per rule). */
    public static Stream<DynamicNode> forAllRules(Path rulesDir, CheckRegistry registry) {
        if (!Files.isDirectory(rulesDir)) {
            return Stream.empty();
        }
        try (Stream<Path> dirs = Files.list(rulesDir)) {
            return dirs.filter(Files::isDirectory).sorted()
                    .map(d -> (DynamicNode) DynamicContainer.dynamicContainer(d.getFileName().toString(),
                            forRule(d.getFileName().toString(), d, registry)))
                    .toList().stream();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Dynamic tests for one rule's {@code samples/allowed} and {@code samples/denied}. */
    public static Stream<DynamicNode> forRule(String ruleId, Path ruleDir, CheckRegistry registry) {
        List<DynamicNode> tests = new ArrayList<>();
        tests.add(DynamicTest.dynamicTest("is a known rule with a README", () -> {
            assertTrue(registry.rules().containsKey(ruleId), "no check declares rule " + ruleId);
            assertTrue(Files.isRegularFile(ruleDir.resolve("README.md")), ruleId + " has no README.md");
        }));
        Path allowed = ruleDir.resolve("samples/allowed");
        Path denied = ruleDir.resolve("samples/denied");
        assertTrue(Files.isDirectory(denied), ruleId + " has no samples/denied");
        assertTrue(Files.isDirectory(allowed), ruleId + " has no samples/allowed");
        for (Path sample : list(allowed)) {
            tests.add(DynamicTest.dynamicTest("allowed " + sample.getFileName(), () -> {
                Report r = run(sample, ruleId, registry);
                assertEquals(List.of(), r.fatal(), "fatal problems");
                List<Finding> hits = r.findings().stream().filter(f -> f.rule().equals(ruleId)).toList();
                assertEquals(List.of(), hits, sample + " should not trigger " + ruleId);
            }));
        }
        for (Path sample : list(denied)) {
            tests.add(DynamicTest.dynamicTest("denied " + sample.getFileName(), () -> {
                List<Expectation> expected = expectations(sample);
                assertFalse(expected.isEmpty(), sample + " has no '# expect: " + ruleId + " line N' comment");
                Report r = run(sample, ruleId, registry);
                List<Finding> hits = r.findings().stream().filter(f -> f.rule().equals(ruleId)).toList();
                for (Expectation e : expected) {
                    boolean found = hits.stream().anyMatch(f -> f.rule().equals(e.rule()) && f.line() == e.line()
                            && f.file().equals(e.file()) && (e.path() == null || e.path().equals(f.path())));
                    if (!found) {
                        fail(sample + ": expected " + e + " but found " + hits);
                    }
                }
            }));
        }
        return tests.stream();
    }

    /** Validates one sample with only the given rules selected. */
    public static Report run(Path sample, String ruleId, CheckRegistry registry) throws Exception {
        Path root = Files.isDirectory(sample) ? sample : sample.getParent();
        ValidatorConfig config = Files.isDirectory(sample) ? ConfigLoader.load(root, registry.configSections()) : ValidatorConfig.defaults();
        List<String> paths = Files.isDirectory(sample) ? List.of() : List.of(sample.toString());
        RuleFilter filter = new RuleFilter(Set.of(ruleId), Set.of());
        RunOptions options = RunOptions.NONE;
        Path base = root.resolve(BASE);
        if (Files.isDirectory(sample) && Files.isDirectory(base)) {
            // A sample of a transition rule: base/ is the tree before the change, the rest the tree after it.
            List<String> ignore = new ArrayList<>(config.ignore());
            ignore.add(BASE + "/**");
            config = new ValidatorConfig(config.include(), ignore, config.ruleSettings(), config.limits(),
                    config.clusters(), config.sections());
            options = RunOptions.NONE.withBase(null, base);
        }
        return new Validator(registry).run(new RunRequest(root, paths, null, config, filter, true, options));
    }

    /** The {@code # expect:} comments of a sample (a file, or every manifest in a folder). */
    public static List<Expectation> expectations(Path sample) throws IOException {
        List<Expectation> out = new ArrayList<>();
        Path root = Files.isDirectory(sample) ? sample : sample.getParent();
        List<Path> files;
        try (Stream<Path> s = Files.isDirectory(sample) ? Files.walk(sample) : Stream.of(sample)) {
            files = s.filter(Files::isRegularFile).sorted().toList();
        }
        for (Path f : files) {
            String rel = root.relativize(f).toString().replace('\\', '/');
            if (Files.isDirectory(sample) && rel.startsWith(BASE + "/")) {
                continue; // the base tree's comments expect nothing
            }
            // Samples may hold invalid UTF-8 on purpose: read them leniently.
            String text = new String(Files.readAllBytes(f), java.nio.charset.StandardCharsets.UTF_8);
            for (String line : text.split("\n", -1)) {
                Matcher m = EXPECT.matcher(line);
                if (m.find()) {
                    String file = m.group(4) == null ? rel
                            : root.relativize(f.getParent().resolve(m.group(4)).normalize()).toString().replace('\\', '/');
                    out.add(new Expectation(m.group(1), file, Integer.parseInt(m.group(2)), m.group(3)));
                }
            }
        }
        return out;
    }

    /** The samples in a folder (files and folders, hidden ones left out), sorted; none if it is absent. */
    public static List<Path> list(Path dir) {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> !p.getFileName().toString().startsWith(".")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
