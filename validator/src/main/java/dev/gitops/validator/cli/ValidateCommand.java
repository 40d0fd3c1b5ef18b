package dev.gitops.validator.cli;

import dev.gitops.validator.check.Rule;
import dev.gitops.validator.config.ConfigException;
import dev.gitops.validator.config.ConfigLoader;
import dev.gitops.validator.config.ValidatorConfig;
import dev.gitops.validator.pipeline.CheckRegistry;
import dev.gitops.validator.pipeline.Profile;
import dev.gitops.validator.pipeline.Report;
import dev.gitops.validator.pipeline.RuleFilter;
import dev.gitops.validator.pipeline.RunRequest;
import dev.gitops.validator.pipeline.Validator;
import dev.gitops.validator.pipeline.Summary;
import dev.gitops.validator.report.Formats;
import dev.gitops.validator.transition.BaseTree;
import dev.gitops.validator.transition.Baseline;
import dev.gitops.validator.transition.TransitionCheck;
import dev.gitops.validator.report.Reporter;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code validate [PATH...]}: runs the pipeline and writes the reports. */
@Command(name = "validate", mixinStandardHelpOptions = true,
        exitCodeOnInvalidInput = 2, exitCodeOnExecutionException = 2,
        description = "Validates files and folders (.yaml, .yml, .json; - for stdin).",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:no error findings (warnings allowed unless --strict)",
            "1:at least one error finding",
            "2:usage error, unreadable input or a check that could not run"})
public final class ValidateCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    /** Where {@code -} reads from: standard input, or what an embedding caller gives. */
    private final InputStream stdinSource;

    public ValidateCommand() {
        this(System.in);
    }

    ValidateCommand(InputStream stdinSource) {
        this.stdinSource = stdinSource;
    }

    @Parameters(arity = "0..*", paramLabel = "PATH", description = "Files or folders; default: the configuration's include.")
    List<String> paths = new ArrayList<>();

    @Option(names = "--root", paramLabel = "DIR",
            description = "Repository root (configuration and cross-file context); default: git top level of the current folder.")
    Path root;

    @Option(names = "--in-context",
            description = "Report only findings in (or referring to) the PATHs, validated in the context of the whole "
                    + "configured tree (pre-commit, Argo CD). A changed .rego file or configuration widens the report "
                    + "to the whole tree; paths outside the tree are skipped.")
    boolean inContext;

    @Option(names = "--format", paramLabel = "FORMAT[=FILE]",
            description = "Report format: text, json, sarif, junit, github; FORMAT=FILE writes to a file. Repeatable.")
    List<String> formats = new ArrayList<>();

    @Option(names = "--no-color", description = "No colour in text output.")
    boolean noColor;

    @Option(names = "--strict", description = "Warnings fail the run too.")
    boolean strict;

    @Option(names = "--only", paramLabel = "RULES", description = "Run only these rule ids or categories (comma-separated).")
    List<String> only = new ArrayList<>();

    @Option(names = "--skip", paramLabel = "RULES", description = "Skip these rule ids or categories (comma-separated).")
    List<String> skip = new ArrayList<>();

    @Option(names = "--explain", paramLabel = "RULE", description = "Print a rule's documentation and exit.")
    String explain;

    @Option(names = "--list-rules", description = "List every rule and exit.")
    boolean listRules;

    @Option(names = "--no-annotation-waivers", description = "Ignore gitops.validator/waive annotations (for CI).")
    boolean noAnnotationWaivers;

    @Option(names = "--kubernetes-version", paramLabel = "MAJOR.MINOR", converter = KubernetesVersionOption.class,
            description = "Target Kubernetes version for schema checks; default and only supported: 1.36.")
    String kubernetesVersion;

    @Option(names = "--schema-location", paramLabel = "LOCATION",
            description = "Extra schema location for custom resources: a folder or an HTTP(S) URL template. Repeatable.")
    List<String> schemaLocations = new ArrayList<>();

    @Option(names = "--profile", paramLabel = "NAME",
            description = "Rules to apply: kubernetes (only what the API server or a controller would reject) or house "
                    + "(everything; the default). Overrides the configuration's profile.")
    String profile;

    @Option(names = "--opa-url", paramLabel = "URL", description = "Use this OPA server instead of starting a private one.")
    String opaUrl;

    @Option(names = "--opa-timeout", paramLabel = "SECONDS", description = "How long OPA may take to evaluate the policies (default 60).")
    String opaTimeout;

    @Option(names = "--base", paramLabel = "REF", description = "Also apply transition rules against this git revision.")
    String base;

    @Option(names = "--new-only", description = "With --base: report only findings the base revision did not have.")
    boolean newOnly;

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        Validator validator = new Validator(CheckRegistry.standard());
        if (listRules) {
            return RuleDocs.list(validator.registry(), spec.commandLine().getOut());
        }
        if (explain != null) {
            return RuleDocs.explain(validator.registry(), explain, spec.commandLine().getOut(), err);
        }
        Path repoRoot = root != null ? root.toAbsolutePath().normalize() : GitRoot.find(Path.of("").toAbsolutePath());
        if (!Files.isDirectory(repoRoot)) {
            err.println("error: --root " + repoRoot + " is not a folder");
            return 2;
        }
        ValidatorConfig config;
        try {
            config = ConfigLoader.load(repoRoot);
        } catch (ConfigException e) {
            err.println("error: " + e.getMessage());
            return 2;
        }
        RuleFilter filter = RuleFilter.of(only, skip);
        List<String> unknown = filter.unknown(validator.registry().ruleList());
        if (!unknown.isEmpty()) {
            err.println("error: --only/--skip name no rule or category: " + String.join(", ", unknown)
                    + " (see --list-rules)");
            return 2;
        }
        List<Output> outputs;
        try {
            outputs = outputs(validator.registry());
        } catch (IllegalArgumentException e) {
            err.println("error: " + e.getMessage());
            return 2;
        }
        byte[] stdin = null;
        if (paths.contains("-")) {
            try {
                stdin = stdinSource.readAllBytes();
            } catch (IOException e) {
                err.println("error: cannot read standard input: " + e.getMessage());
                return 2;
            }
        }
        Map<String, String> options = new LinkedHashMap<>();
        if (kubernetesVersion != null) {
            options.put("kubernetesVersion", kubernetesVersion);
        }
        if (!schemaLocations.isEmpty()) {
            options.put("schemaLocations", String.join("\n", schemaLocations));
        }
        if (profile != null) {
            try {
                options.put(Profile.KEY, Profile.parse(profile).label());
            } catch (IllegalArgumentException e) {
                err.println("error: --profile: " + e.getMessage());
                return 2;
            }
        }
        if (opaUrl != null) {
            options.put("opaUrl", opaUrl);
        }
        if (opaTimeout != null) {
            options.put("opaTimeout", opaTimeout);
        }
        if (newOnly && base == null) {
            err.println("error: --new-only needs --base REF");
            return 2;
        }
        Report report;
        try (BaseTree baseTree = base == null ? null : BaseTree.extract(repoRoot, base)) {
            if (baseTree != null) {
                options.put(TransitionCheck.BASE, base);
                options.put(TransitionCheck.BASE_DIR, baseTree.dir().toString());
            }
            report = validator.run(new RunRequest(repoRoot, paths, stdin, config, filter, !noAnnotationWaivers,
                    options, inContext));
            if (newOnly) {
                Map<String, String> baseOptions = new LinkedHashMap<>(options);
                baseOptions.remove(TransitionCheck.BASE);
                baseOptions.remove(TransitionCheck.BASE_DIR);
                List<String> basePaths = paths.stream().filter(p -> !p.equals("-"))
                        .map(p -> baseTree.dir().resolve(repoRoot.relativize(Path.of(p).toAbsolutePath().normalize())))
                        .filter(Files::exists).map(Path::toString).toList();
                Report baseReport = paths.isEmpty() || !basePaths.isEmpty()
                        ? validator.run(new RunRequest(baseTree.dir(), basePaths, null, config, filter,
                                !noAnnotationWaivers, baseOptions, inContext))
                        : new Report(List.of(), List.of(), List.of(), new Summary(0, 0, 0, 0, 0, 0));
                report = Baseline.newOnly(report, baseReport, base);
            }
        } catch (IOException e) {
            err.println("error: --base " + base + ": " + e.getMessage());
            return 2;
        }
        for (Output o : outputs) {
            try {
                o.write(report);
            } catch (IOException e) {
                err.println("error: cannot write " + o.name + " report to " + o.file + ": " + e.getMessage());
                return 2;
            }
        }
        return report.exitCode(strict);
    }

    private final class Output {
        final String name;
        final Path file;
        final Reporter reporter;

        Output(String name, Path file, Reporter reporter) {
            this.name = name;
            this.file = file;
            this.reporter = reporter;
        }

        void write(Report report) throws IOException {
            if (file == null) {
                Writer w = spec.commandLine().getOut();
                reporter.write(report, w);
                w.flush();
                return;
            }
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            try (Writer w = new OutputStreamWriter(Files.newOutputStream(file), StandardCharsets.UTF_8)) {
                reporter.write(report, w);
            }
        }
    }

    private List<Output> outputs(CheckRegistry registry) {
        List<String> given = formats.isEmpty() ? List.of("text") : formats;
        List<Output> out = new ArrayList<>();
        int toStdout = 0;
        for (String f : given) {
            int eq = f.indexOf('=');
            String name = (eq < 0 ? f : f.substring(0, eq)).strip();
            Path file = eq < 0 ? null : Path.of(f.substring(eq + 1));
            if (file == null) {
                toStdout++;
            }
            boolean color = !noColor && file == null && System.console() != null && System.getenv("NO_COLOR") == null;
            out.add(new Output(name, file, Formats.reporter(name, color, registry.rules())));
        }
        if (toStdout > 1) {
            throw new IllegalArgumentException("only one --format may write to standard output; give the others =FILE");
        }
        return out;
    }
}
