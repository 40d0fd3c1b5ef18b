package dev.gitops.validator.cli;

import dev.gitops.validator.report.ToolInfo;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Entry point: {@code validator validate [options] [PATH...]}. */
@Command(name = "validator", mixinStandardHelpOptions = true, version = "gitops validator " + ToolInfo.VERSION,
        description = "Checks the GitOps tree: YAML, Kubernetes schemas, Rego policies and domain rules.",
        subcommands = {ValidateCommand.class,
            ReleaseCommands.Status.class,
            ReleaseCommands.Release.class,
            ReleaseCommands.BetaOk.class,
            ReleaseCommands.Shift.class,
            ReleaseCommands.Drain.class,
            ShutdownCommand.class,
            ReleaseCommands.Rollback.class,
            CostCommand.class,
            InfraOutputsCommand.class},
        exitCodeOnInvalidInput = 2, exitCodeOnExecutionException = 2)
public final class Main implements Runnable {

    /** The name of {@link ValidateCommand}. */
    private static final String VALIDATE = "validate";

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs the CLI and returns its exit code (0 clean, 1 error findings, 2 usage or input failure). */
    public static int run(String... args) {
        return run(System.in, new PrintWriter(System.out, true, StandardCharsets.UTF_8),
                new PrintWriter(System.err, true, StandardCharsets.UTF_8), args);
    }

    /** Runs the CLI with the given standard streams (for tests), as a one-shot run would. */
    public static int run(InputStream stdin, PrintWriter out, PrintWriter err, String... args) {
        Embedding own = Embedding.standalone();
        return run(new Embedding(stdin, own.terminal(), null), out, err, args);
    }

    /** Runs the CLI on behalf of another process: its input, terminal and shared OPA come from {@code embedding}. */
    public static int run(Embedding embedding, PrintWriter out, PrintWriter err, String... args) {
        CommandLine.IFactory factory = new CommandLine.IFactory() {
            @Override
            public <K> K create(Class<K> type) throws Exception {
                if (type == ValidateCommand.class) {
                    return type.cast(new ValidateCommand(embedding));
                }
                return CommandLine.defaultFactory().create(type);
            }
        };
        // picocli builds the model of every subcommand it is given, by reflection, before parsing: a
        // validate run (the one run on every commit) gives it validate alone.
        boolean validate = args.length > 0 && args[0].equals(VALIDATE);
        CommandLine cli = new CommandLine(validate ? new ValidateOnly() : new Main(), factory);
        cli.setOut(out);
        cli.setErr(err);
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            commandLine.getErr().println("error: internal failure: " + e);
            return 2;
        });
        int code = cli.execute(args);
        out.flush();
        err.flush();
        return code;
    }

    @Override
    public void run() {
        new CommandLine(this).usage(System.out);
    }

    /**
     * {@link Main} with its validate subcommand only: what a run whose first argument is validate
     * needs (the usage and errors of validate name it {@code validator validate} as under Main).
     */
    @Command(name = "validator", mixinStandardHelpOptions = true, version = "gitops validator " + ToolInfo.VERSION,
            subcommands = ValidateCommand.class, exitCodeOnInvalidInput = 2, exitCodeOnExecutionException = 2)
    static final class ValidateOnly {
    }
}
