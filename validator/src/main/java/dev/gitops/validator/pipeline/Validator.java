package dev.gitops.validator.pipeline;

import dev.gitops.validator.check.Check;
import dev.gitops.validator.check.CheckContext;
import dev.gitops.validator.check.CheckFailedException;
import dev.gitops.validator.check.Findings;
import dev.gitops.validator.config.ValidatorConfig;
import dev.gitops.validator.finding.Finding;
import dev.gitops.validator.finding.Rule;
import dev.gitops.validator.finding.Severity;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The pipeline: load → resources with positions → checks → findings (settings, waivers) → report. */
public final class Validator {

    private final CheckRegistry registry;
    private final Clock clock;

    public Validator(CheckRegistry registry) {
        this(registry, Clock.systemUTC());
    }

    /** A validator whose notion of today (for waiver expiry) comes from the clock. */
    public Validator(CheckRegistry registry, Clock clock) {
        this.registry = registry;
        this.clock = clock;
    }

    public CheckRegistry registry() {
        return registry;
    }

    /**
     * Runs a validation. Never throws for bad input; a path that does not exist is reported as
     * fatal (exit 2).
     */
    public Report run(RunRequest request) {
        return run(request, Map.of());
    }

    /**
     * Runs a validation of the tree as it would be after an edit: {@code overlay} maps display
     * names (paths relative to the root) to the content to read instead of the file on disk; a null
     * content means the file is deleted, and a name not on disk is a new file. Used to judge an edit
     * before writing it.
     */
    public Report run(RunRequest request, Map<String, byte[]> overlay) {
        ValidatorConfig config = request.config();
        Path root = request.root().toAbsolutePath().normalize();
        TreeReader reader = new TreeReader(root, config);
        List<String> paths = request.paths().isEmpty() ? reader.includedPaths() : request.paths();
        Focus focus = null;
        if (request.inContext() && !request.paths().isEmpty()) {
            focus = Focus.of(root, paths.stream().filter(p -> !p.equals("-")).toList(), config, reader.collector());
            if (focus.isEmpty() && !paths.contains("-")) {
                return Report.empty();
            }
            paths = focusedPaths(focus, root, config, paths);
        }
        // Checks with at least one selected rule; slow engines start before loading, overlapping it,
        // but only once the run is sure to go on: a private OPA must not outlive an early return.
        List<Check> selected = selectedChecks(request);
        selected.forEach(c -> c.prepare(request.options()));

        TreeReader.Tree tree = reader.read(paths, request.stdin(), overlay);
        List<String> fatal = new ArrayList<>(tree.fatal());
        List<Finding> raw = new ArrayList<>(tree.findings());
        raw.addAll(runChecks(selected, new CheckContext(root, tree.resources(), config, request.options()), fatal));

        // The central waivers: their own problems are findings like any other.
        CentralWaivers.Loaded central = CentralWaivers.load(root, config, LocalDate.now(clock));
        raw.addAll(central.findings());
        if (request.annotationWaivers()) {
            raw.addAll(Waivers.malformedAnnotations(tree.resources()));
        }
        fatal.addAll(central.fatal());

        List<Finding> effective = applySettings(raw, focus, request);
        Waivers.Outcome waived = new Waivers(request.annotationWaivers()).apply(effective, tree.resources(),
                central.entries());
        List<Finding> findings = new ArrayList<>(waived.kept());
        findings.addAll(unusedWaivers(central.entries(), waived, request));
        findings.sort(Finding.ORDER);
        List<WaivedFinding> accepted = new ArrayList<>(waived.waived());
        accepted.sort((a, b) -> Finding.ORDER.compare(a.finding(), b.finding()));
        Summary summary = Summary.of(tree.files().size(), tree.resources().size(), findings, accepted.size());
        return new Report(findings, accepted, fatal, summary, tree.inputs());
    }

    /** The paths an in-context run loads: the focus's context, and standard input when given. */
    private static List<String> focusedPaths(Focus focus, Path root, ValidatorConfig config, List<String> given) {
        List<String> load = new ArrayList<>(focus.pathsToLoad(root, config));
        if (given.contains("-")) {
            load.add("-");
        }
        return load;
    }

    private List<Check> selectedChecks(RunRequest request) {
        return registry.checks().stream()
                .filter(c -> c.rules().stream().anyMatch(r -> enabled(r, request)))
                .toList();
    }

    /** Runs the checks in parallel; a check that cannot run adds to {@code fatal} instead of findings. */
    private static List<Finding> runChecks(List<Check> checks, CheckContext context, List<String> fatal) {
        Findings sink = new Findings();
        List<String> failures = Collections.synchronizedList(new ArrayList<>());
        checks.parallelStream().forEach(check -> {
            try {
                check.run(context, sink);
            } catch (CheckFailedException e) {
                failures.add(e.getMessage());
            } catch (RuntimeException | StackOverflowError e) {
                failures.add("internal error in " + check.getClass().getSimpleName() + ": " + e);
            }
        });
        fatal.addAll(failures.stream().sorted().toList());
        return sink.all();
    }

    /** Settings and filters: drops what is outside the focus or of disabled rules, applies severity overrides. */
    private List<Finding> applySettings(List<Finding> raw, Focus focus, RunRequest request) {
        ValidatorConfig config = request.config();
        Map<String, Rule> rules = registry.rules();
        List<Finding> effective = new ArrayList<>();
        for (Finding f : raw) {
            if (focus != null && !focus.reports(f)) {
                continue;
            }
            Rule rule = rules.getOrDefault(f.rule(), new Rule(f.rule(), "other", f.severity(), f.rule()));
            if (!enabled(rule, request)) {
                continue;
            }
            Optional<ValidatorConfig.RuleSetting> s = config.settingFor(rule.id(), rule.category());
            Severity sev = s.map(ValidatorConfig.RuleSetting::severity).orElse(null);
            effective.add(sev == null ? f : f.withSeverity(sev));
        }
        return effective;
    }

    /**
     * WAIVE003 for each central waiver that matched nothing. Only a run over the whole configured
     * tree can tell, and only for waivers of rules that ran.
     */
    private List<Finding> unusedWaivers(List<CentralWaivers.Entry> entries, Waivers.Outcome waived,
                                        RunRequest request) {
        ValidatorConfig config = request.config();
        if (!request.paths().isEmpty() || !enabled(WaiverRules.UNUSED, request)) {
            return List.of();
        }
        Map<String, Rule> rules = registry.rules();
        Severity sev = config.settingFor(WaiverRules.UNUSED.id(), WaiverRules.CATEGORY)
                .map(ValidatorConfig.RuleSetting::severity).orElse(WaiverRules.UNUSED.defaultSeverity());
        List<Finding> unused = new ArrayList<>();
        for (CentralWaivers.Entry e : entries) {
            Rule waivedRule = rules.get(e.rule());
            if (!waived.used().contains(e) && (waivedRule == null || enabled(waivedRule, request))) {
                unused.add(new Finding(WaiverRules.UNUSED.id(), sev, "waiver of " + e.rule()
                        + " matches no finding" + (waivedRule == null ? " (no rule has this id)" : ""),
                        e.fileName(), e.position().line(), e.position().column(), null, null,
                        "remove the waiver: what it excused is fixed", List.of()));
            }
        }
        return unused;
    }

    /** True when the run applies the rule: its profile, --only/--skip and the configuration all allow it. */
    private static boolean enabled(Rule rule, RunRequest request) {
        if (!request.profile().applies(rule) || !request.filter().allows(rule)) {
            return false;
        }
        return request.config().settingFor(rule.id(), rule.category()).map(ValidatorConfig.RuleSetting::enabled).orElse(true);
    }
}
