package dev.gitops.validator.cli;

import dev.gitops.validator.check.RunOptions;
import dev.gitops.validator.config.ConfigException;
import dev.gitops.validator.config.ConfigLoader;
import dev.gitops.validator.config.ValidatorConfig;
import dev.gitops.validator.pipeline.Baseline;
import dev.gitops.validator.pipeline.CheckRegistry;
import dev.gitops.validator.config.Profile;
import dev.gitops.validator.pipeline.Report;
import dev.gitops.validator.pipeline.RuleFilter;
import dev.gitops.validator.pipeline.RunRequest;
import dev.gitops.validator.pipeline.Validator;
import dev.gitops.validator.policy.PolicyCheck;
import dev.gitops.validator.report.Formats;
import dev.gitops.validator.report.Reporter;
import dev.gitops.validator.transition.StandardChecks;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
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

    /** Standard input, the terminal and a shared OPA: this process's own, or what an embedding caller gives. */
    private final Embedding embedding;

    public ValidateCommand() {
        this(Embedding.standalone());
    }

    ValidateCommand(Embedding embedding) {
        this.embedding = embedding;
    }

    @Parameters(arity = "0..*", paramLabel = "PATH", description = "Files or folders; default: the configuration's include.")
    List<String> paths = new ArrayList<>();

    @Mixin
    RootOption root;

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

    /** A reason to stop with exit code 2 (usage error, unreadable input); the message is printed. */
    private static final class UsageException extends Exception {
        UsageException(String message) {
            super(message);
        }
    }

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        Validator validator = new Validator(StandardChecks.all(PolicyCheck.standard(embedding.opa())));
        if (listRules) {
            return RuleDocs.list(validator.registry(), spec.commandLine().getOut());
        }
        if (explain != null) {
            return RuleDocs.explain(validator.registry(), explain, spec.commandLine().getOut(), err);
        }
        try {
            Path repoRoot = repoRoot();
            ValidatorConfig config = config(repoRoot, validator.registry());
            RuleFilter filter = filter(validator.registry());
            List<Output> outputs = outputs(validator.registry());
            byte[] stdin = stdin();
            if (newOnly && base == null) {
                throw new UsageException("--new-only needs --base REF");
            }
            Report report = run(validator, new RunRequest(repoRoot, paths, stdin, config, filter, !noAnnotationWaivers,
                    options(), inContext, profile()));
            for (Output o : outputs) {
                o.write(report);
            }
            return report.exitCode(strict);
        } catch (UsageException e) {
            err.println("error: " + e.getMessage());
            return 2;
        }
    }

    private Path repoRoot() throws UsageException {
        Path repoRoot = root.resolve();
        if (!Files.isDirectory(repoRoot)) {
            throw new UsageException("--root " + repoRoot + " is not a folder");
        }
        return repoRoot;
    }

    private static ValidatorConfig config(Path repoRoot, CheckRegistry registry) throws UsageException {
        try {
            return ConfigLoader.load(repoRoot, registry.configSections());
        } catch (ConfigException e) {
            throw new UsageException(e.getMessage());
        }
    }

    private RuleFilter filter(CheckRegistry registry) throws UsageException {
        RuleFilter filter = RuleFilter.of(only, skip);
        List<String> unknown = filter.unknown(registry.ruleList());
        if (!unknown.isEmpty()) {
            throw new UsageException("--only/--skip name no rule or category: " + String.join(", ", unknown)
                    + " (see --list-rules)");
        }
        return filter;
    }

    /** {@code --profile}, or null for the configuration's. */
    private Profile profile() throws UsageException {
        try {
            return profile == null ? null : Profile.parse(profile);
        } catch (IllegalArgumentException e) {
            throw new UsageException("--profile: " + e.getMessage());
        }
    }

    private byte[] stdin() throws UsageException {
        if (!paths.contains("-")) {
            return null;
        }
        try {
            return embedding.stdin().readAllBytes();
        } catch (IOException e) {
            throw new UsageException("cannot read standard input: " + e.getMessage());
        }
    }

    private RunOptions options() {
        return new RunOptions(kubernetesVersion, schemaLocations, opaUrl, opaTimeout, null, null, null);
    }

    /** The run, against the base revision when {@code --base} names one. */
    private Report run(Validator validator, RunRequest request) throws UsageException {
        if (base == null) {
            return validator.run(request);
        }
        try {
            return Baseline.run(validator, request, base, newOnly);
        } catch (IOException e) {
            throw new UsageException("--base " + base + ": " + e.getMessage());
        }
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

        void write(Report report) throws UsageException {
            try {
                writeTo(report);
            } catch (IOException e) {
                throw new UsageException("cannot write " + name + " report to " + file + ": " + e.getMessage());
            }
        }

        private void writeTo(Report report) throws IOException {
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

    private List<Output> outputs(CheckRegistry registry) throws UsageException {
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
            boolean color = !noColor && file == null && embedding.terminal();
            try {
                out.add(new Output(name, file, Formats.reporter(name, color, registry.rules())));
            } catch (IllegalArgumentException e) {
                throw new UsageException(e.getMessage());
            }
        }
        if (toStdout > 1) {
            throw new UsageException("only one --format may write to standard output; give the others =FILE");
        }
        return out;
    }
}
