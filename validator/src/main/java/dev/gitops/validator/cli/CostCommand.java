package dev.gitops.validator.cli;

import dev.gitops.validator.domain.cost.CostInputException;
import dev.gitops.validator.domain.cost.CostReport;
import dev.gitops.validator.release.Refusal;
import dev.gitops.validator.release.Workspace;
import dev.gitops.validator.transition.StandardChecks;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code cost}: what each cluster costs a month in each state, line by line, from the tree and the price file. */
@Command(name = "cost", mixinStandardHelpOptions = true, exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:printed", "2:usage error, or the tree, the price file or the assumptions could not be read"},
        description = {"Monthly cost of each cluster (even, odd) in each state (live, beta, drained, shut-down), line by "
                + "line, plus the platform's shared lines and today's run rate. Prices: cost/prices-eu-west-1.yaml; "
                + "traffic and volumes: cost/assumptions.yaml; nothing is fetched."},
        subcommands = CostCompareCommand.class)
public final class CostCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    RootOption root;

    @Option(names = "--json", description = "Machine-readable output (same as --format json).")
    boolean json;

    @Option(names = "--format", paramLabel = "text|json|html", description = "Output format (default: text). html is "
            + "one self-contained page (inline SVG bars per line item and state, no script or external asset).")
    String format;

    @Option(names = "--hours-per-month", paramLabel = "H", defaultValue = "730",
            description = "Hours in a month for hourly prices (default: ${DEFAULT-VALUE}).")
    double hoursPerMonth;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        String f = json ? "json" : format == null ? "text" : format;
        if (!f.equals("text") && !f.equals("json") && !f.equals("html")) {
            err.println("error: --format is text, json or html, not '" + f + "'");
            err.flush();
            return 2;
        }
        CostReport report;
        try {
            report = open(root, hoursPerMonth);
        } catch (CostInputException e) {
            err.println("error: " + e.getMessage());
            err.flush();
            return 2;
        }
        switch (f) {
            case "json" -> CostOutput.json(out, report);
            case "html" -> CostHtml.write(out, report);
            default -> CostOutput.text(out, report);
        }
        out.flush();
        return 0;
    }

    /** The cost report of the tree under the root. */
    static CostReport open(RootOption root, double hoursPerMonth) throws CostInputException {
        Workspace ws;
        try {
            ws = Workspace.open(root.resolve(), StandardChecks.all());
        } catch (Refusal e) {
            throw new CostInputException(e.getMessage());
        }
        return CostReport.of(ws.root(), ws.resources(), ws.settings(), ws.tree(), hoursPerMonth);
    }
}
