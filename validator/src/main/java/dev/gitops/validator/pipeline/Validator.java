package dev.gitops.validator.pipeline;

import dev.gitops.validator.check.Check;
import dev.gitops.validator.check.CheckContext;
import dev.gitops.validator.check.CheckFailedException;
import dev.gitops.validator.check.Findings;
import dev.gitops.validator.check.Rule;
import dev.gitops.validator.config.ValidatorConfig;
import dev.gitops.validator.finding.Finding;
import dev.gitops.validator.finding.Severity;
import dev.gitops.validator.load.FileCollector;
import dev.gitops.validator.load.Globs;
import dev.gitops.validator.load.LoadedFile;
import dev.gitops.validator.load.YamlLoader;
import dev.gitops.validator.resource.Resource;
import dev.gitops.validator.source.SourceFile;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
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
        List<String> fatal = new ArrayList<>();
        Profile profile = profile(request, config);

        // Checks that have at least one selected rule; slow engines start before loading, overlapping it.
        List<Check> selected = registry.checks().stream()
                .filter(c -> c.rules().stream().anyMatch(r -> enabled(r, request.filter(), config, profile)))
                .toList();

        // 1. Find the files.
        List<String> ignore = new ArrayList<>(config.ignore());
        if (config.sections().get(CentralWaivers.SECTION) instanceof String waiversFile) {
            ignore.add(waiversFile); // configuration, not a manifest
        }
        FileCollector collector = new FileCollector(root, new Globs(ignore));
        List<String> paths = new ArrayList<>();
        boolean readStdin = false;
        List<String> given = request.paths().isEmpty()
                ? config.include().stream().map(p -> root.resolve(p).toString()).toList()
                : request.paths();
        Focus focus = null;
        if (request.inContext() && !request.paths().isEmpty()) {
            focus = Focus.of(root, given.stream().filter(p -> !p.equals("-")).toList(), config, collector);
            if (focus.isEmpty() && !given.contains("-")) {
                return new Report(List.of(), List.of(), List.of(), new Summary(0, 0, 0, 0, 0, 0));
            }
            List<String> load = new ArrayList<>(focus.pathsToLoad(root, config));
            if (given.contains("-")) {
                load.add("-");
            }
            given = load;
        }
        // Started only once the run is sure to go on: a private OPA must not outlive an early return.
        selected.forEach(c -> c.prepare(request.options()));
        for (String p : given) {
            if (p.equals("-")) {
                readStdin = true;
            } else {
                paths.add(p);
            }
        }
        List<SourceFile> files = new ArrayList<>();
        try {
            files.addAll(collector.collect(paths));
        } catch (FileCollector.MissingPathException e) {
            fatal.add(e.getMessage());
        }
        if (!overlay.isEmpty()) {
            java.util.Set<String> present = new java.util.HashSet<>();
            files.removeIf(f -> overlay.containsKey(f.displayName()) && overlay.get(f.displayName()) == null);
            files.forEach(f -> present.add(f.displayName()));
            Globs ignored = new Globs(ignore);
            overlay.forEach((name, bytes) -> {
                if (bytes != null && !present.contains(name) && !ignored.matches(name)) {
                    files.add(new SourceFile(root.resolve(name), name));
                }
            });
            files.sort(java.util.Comparator.comparing(SourceFile::displayName));
        }

        // 2. Read them, in parallel; the order stays that of the sorted file list.
        YamlLoader loader = new YamlLoader(config.limits());
        List<LoadedFile> loaded = new ArrayList<>(files.parallelStream()
                .map(f -> overlay.containsKey(f.displayName()) ? loader.load(f, overlay.get(f.displayName()))
                        : loader.load(f))
                .toList());
        if (readStdin) {
            byte[] in = request.stdin() == null ? new byte[0] : request.stdin();
            loaded.add(loader.load(new SourceFile(Path.of(SourceFile.STDIN), SourceFile.STDIN), in));
        }
        List<Resource> resources = new ArrayList<>();
        List<Finding> raw = new ArrayList<>();
        List<ValidatedFile> inputs = new ArrayList<>();
        for (LoadedFile f : loaded) {
            resources.addAll(f.resources());
            inputs.add(new ValidatedFile(f.file().displayName(), f.resources().stream().map(Resource::ref).toList()));
            raw.addAll(f.findings());
            if (f.unreadable()) {
                fatal.add("cannot read " + f.file().displayName());
            }
        }

        // 3. Run the selected checks.
        CheckContext context = new CheckContext(root, resources, config, request.options());
        Findings sink = new Findings();
        List<String> checkFailures = java.util.Collections.synchronizedList(new ArrayList<>());
        selected.parallelStream().forEach(check -> {
            try {
                check.run(context, sink);
            } catch (CheckFailedException e) {
                checkFailures.add(e.getMessage());
            } catch (RuntimeException | StackOverflowError e) {
                checkFailures.add("internal error in " + check.getClass().getSimpleName() + ": " + e);
            }
        });
        fatal.addAll(checkFailures.stream().sorted().toList());
        raw.addAll(sink.all());

        // The central waivers: their own problems are findings like any other.
        CentralWaivers.Loaded central = CentralWaivers.load(root, config, LocalDate.now(clock));
        raw.addAll(central.findings());
        if (request.annotationWaivers()) {
            raw.addAll(Waivers.malformedAnnotations(resources));
        }
        fatal.addAll(central.fatal());

        // 4. Settings and filters: drop disabled rules, apply severity overrides.
        Map<String, Rule> rules = registry.rules();
        List<Finding> effective = new ArrayList<>();
        for (Finding f : raw) {
            if (focus != null && !focus.reports(f)) {
                continue;
            }
            Rule rule = rules.getOrDefault(f.rule(), new Rule(f.rule(), "other", f.severity(), f.rule()));
            if (!enabled(rule, request.filter(), config, profile)) {
                continue;
            }
            Optional<ValidatorConfig.RuleSetting> s = config.settingFor(rule.id(), rule.category());
            Severity sev = s.map(ValidatorConfig.RuleSetting::severity).orElse(null);
            effective.add(sev == null ? f : f.withSeverity(sev));
        }

        // 5. Waivers.
        Waivers.Outcome waived = new Waivers(request.annotationWaivers()).apply(effective, resources,
                central.entries());
        List<Finding> unused = new ArrayList<>();
        // Only a run over the whole configured tree can tell that a waiver matches nothing.
        if (request.paths().isEmpty() && enabled(WaiverRules.UNUSED, request.filter(), config, profile)) {
            for (CentralWaivers.Entry e : central.entries()) {
                Rule waivedRule = rules.get(e.rule());
                if (!waived.used().contains(e) && (waivedRule == null || enabled(waivedRule, request.filter(), config, profile))) {
                    Severity sev = config.settingFor(WaiverRules.UNUSED.id(), WaiverRules.CATEGORY)
                            .map(ValidatorConfig.RuleSetting::severity).orElse(WaiverRules.UNUSED.defaultSeverity());
                    unused.add(new Finding(WaiverRules.UNUSED.id(), sev, "waiver of " + e.rule()
                            + " matches no finding" + (waivedRule == null ? " (no rule has this id)" : ""),
                            e.fileName(), e.position().line(), e.position().column(), null, null,
                            "remove the waiver: what it excused is fixed", List.of()));
                }
            }
        }

        List<Finding> findings = new ArrayList<>(waived.kept());
        findings.addAll(unused);
        findings.sort(Finding.ORDER);
        List<WaivedFinding> accepted = new ArrayList<>(waived.waived());
        accepted.sort((a, b) -> Finding.ORDER.compare(a.finding(), b.finding()));
        int errors = 0;
        int warnings = 0;
        int infos = 0;
        for (Finding f : findings) {
            switch (f.severity()) {
                case ERROR -> errors++;
                case WARNING -> warnings++;
                case INFO -> infos++;
            }
        }
        Summary summary = new Summary(loaded.size(), resources.size(), errors, warnings, infos, accepted.size());
        return new Report(findings, accepted, fatal, summary, inputs);
    }

    /** The run's profile: the {@code profile} option, else the configuration's, else {@code house}. */
    private static Profile profile(RunRequest request, ValidatorConfig config) {
        String name = request.options().get(Profile.KEY);
        if (name == null && config.sections().get(Profile.KEY) instanceof String configured) {
            name = configured;
        }
        return name == null ? Profile.HOUSE : Profile.parse(name);
    }

    private static boolean enabled(Rule rule, RuleFilter filter, ValidatorConfig config, Profile profile) {
        if (!profile.applies(rule) || !filter.allows(rule)) {
            return false;
        }
        return config.settingFor(rule.id(), rule.category()).map(ValidatorConfig.RuleSetting::enabled).orElse(true);
    }
}
