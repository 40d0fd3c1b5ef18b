package dev.gitops.validator.policy;

import dev.gitops.validator.finding.Rule;
import dev.gitops.validator.finding.Severity;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The repository's Rego policy library, {@code policies/}: one folder per policy,
 * {@code <area>/<policy>/}, whose README.md lists the rule ids the policy reports in a table
 * ({@code | SEC001 | error | title |}). Rules are known from the READMEs alone, without OPA.
 *
 * @param dir the library folder (what OPA loads)
 * @param policies the policy folders, sorted
 * @param files the files OPA loads, as read with the READMEs; null for {@link #none()}
 */
public record PolicyLibrary(Path dir, List<Policy> policies, PolicyFiles files) {

    /** The category of every policy rule ({@code --only policy}). */
    public static final String CATEGORY = "policy";

    /** The file that marks a folder as a policy library: the validator's entry point. */
    static final String ENTRY_POINT = "lib/report.rego";

    private static final Pattern RULE_ROW = Pattern.compile(
            "^\\|\\s*([A-Z][A-Z0-9]*[0-9]{3})\\s*\\|\\s*(error|warning|info)\\s*\\|\\s*(.+?)\\s*\\|\\s*$");

    /**
     * One policy folder.
     *
     * @param name {@code <area>.<policy>}, as the report names it
     * @param dir its folder
     * @param rules the rules its README declares
     * @param readme the README text
     */
    public record Policy(String name, Path dir, List<Rule> rules, String readme) {
    }

    public PolicyLibrary {
        policies = List.copyOf(policies);
    }

    /** An empty library: no policy rules are known, the policy check never runs. */
    public static PolicyLibrary none() {
        return new PolicyLibrary(null, List.of(), null);
    }

    /**
     * The {@linkplain PolicyFiles#fingerprint() fingerprint} of the files as read (computed when
     * asked: only a warm OPA needs it); null for {@link #none()}.
     */
    public String fingerprint() {
        return files == null ? null : files.fingerprint();
    }

    public List<Rule> rules() {
        return policies.stream().flatMap(p -> p.rules().stream()).toList();
    }

    public Optional<Policy> policyOf(String ruleId) {
        return policies.stream().filter(p -> p.rules().stream().anyMatch(r -> r.id().equals(ruleId))).findFirst();
    }

    /** Reads the library in {@code dir}: every file OPA loads, once. */
    public static PolicyLibrary read(Path dir) {
        return of(PolicyFiles.read(dir));
    }

    /** The library of these files: a policy per {@code <area>/<policy>/README.md} that declares rules. */
    public static PolicyLibrary of(PolicyFiles files) {
        List<Policy> found = new ArrayList<>();
        for (PolicyFiles.Readme readme : files.readmes()) {
            List<Rule> rules = parseRules(readme.text());
            if (!rules.isEmpty()) {
                found.add(new Policy(readme.area() + "." + readme.policy(),
                        files.dir().resolve(readme.area()).resolve(readme.policy()), rules, readme.text()));
            }
        }
        return new PolicyLibrary(files.dir(), found, files);
    }

    static List<Rule> parseRules(String readme) {
        List<Rule> rules = new ArrayList<>();
        for (String line : readme.split("\n")) {
            if (line.indexOf('|') < 0) {
                continue; // prose: only table rows can declare a rule
            }
            Matcher m = RULE_ROW.matcher(line.strip());
            if (m.matches()) {
                rules.add(new Rule(m.group(1), CATEGORY, Severity.parse(m.group(2)), m.group(3).replace("`", "")));
            }
        }
        return rules;
    }

    /**
     * Finds the repository's {@code policies/}: {@code $GITOPS_POLICIES} when set, else the nearest
     * {@code policies/} holding {@value #ENTRY_POINT} above the validator's own code (the jar lives in
     * the repository), else above the working directory. Empty when there is none.
     */
    public static Optional<Path> locate() {
        String env = System.getenv("GITOPS_POLICIES");
        if (env != null && !env.isBlank()) {
            return Optional.of(Path.of(env).toAbsolutePath().normalize());
        }
        List<Path> starts = new ArrayList<>();
        try {
            starts.add(Path.of(PolicyLibrary.class.getProtectionDomain().getCodeSource().getLocation().toURI()));
        } catch (URISyntaxException | RuntimeException e) {
            // no code location (unusual class loader): the working directory remains
        }
        starts.add(Path.of("").toAbsolutePath());
        for (Path start : starts) {
            for (Path p = start.toAbsolutePath(); p != null; p = p.getParent()) {
                Path candidate = p.resolve("policies");
                if (Files.isRegularFile(candidate.resolve(ENTRY_POINT))) {
                    return Optional.of(candidate.normalize());
                }
            }
        }
        return Optional.empty();
    }

    /** The repository's library, or {@link #none()}. */
    public static PolicyLibrary standard() {
        return locate().filter(Files::isDirectory).map(PolicyLibrary::read).orElseGet(PolicyLibrary::none);
    }
}
