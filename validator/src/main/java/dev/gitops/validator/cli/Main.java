package dev.gitops.validator.cli;

import dev.gitops.validator.report.ToolInfo;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Entry point: {@code validator validate [options] [PATH...]}. */
@Command(name = "validator", mixinStandardHelpOptions = true, version = "gitops validator " + ToolInfo.VERSION,
        description = "Checks the GitOps tree: YAML, Kubernetes schemas, Rego policies and domain rules.",
        subcommands = {ValidateCommand.class},
        exitCodeOnInvalidInput = 2, exitCodeOnExecutionException = 2)
public final class Main implements Runnable {

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs the CLI and returns its exit code (0 clean, 1 error findings, 2 usage or input failure). */
    public static int run(String... args) {
        CommandLine cli = new CommandLine(new Main());
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            commandLine.getErr().println("error: internal failure: " + e);
            return 2;
        });
        return cli.execute(args);
    }

    @Override
    public void run() {
        new CommandLine(this).usage(System.out);
    }
}
