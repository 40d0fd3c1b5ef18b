package dev.gitops.validator.cli;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.gitops.validator.domain.cost.Comparison;
import dev.gitops.validator.domain.cost.CostInputException;
import dev.gitops.validator.domain.cost.CostReport;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code cost compare}: standalone VMs, one EKS cluster, two clusters drained or shut down between betas. */
@Command(name = "compare", mixinStandardHelpOptions = true, exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:printed", "2:usage error, or the tree, the price file or the assumptions could not be read"},
        description = "Average monthly cost of each approach over sprint cycles (standalone VMs, one EKS cluster, two "
                + "clusters with the idle one drained, two clusters with the idle one shut down), with the assumptions.")
public final class CostCompareCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    RootOption root;

    @Option(names = "--sprint-days", paramLabel = "N", defaultValue = "14", description = "Days of a sprint (default: ${DEFAULT-VALUE}).")
    int sprintDays;

    @Option(names = "--beta-days", paramLabel = "M", defaultValue = "3",
            description = "Days of a sprint with the next sprint in beta beside the live one (default: ${DEFAULT-VALUE}).")
    int betaDays;

    @Option(names = "--hours-per-month", paramLabel = "H", defaultValue = "730",
            description = "Hours in a month for hourly prices (default: ${DEFAULT-VALUE}).")
    double hoursPerMonth;

    @Option(names = "--json", description = "Machine-readable output.")
    boolean json;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        CostReport report;
        List<Comparison.Option> options;
        try {
            report = CostCommand.open(root, hoursPerMonth);
            options = Comparison.of(report, sprintDays, betaDays);
        } catch (CostInputException e) {
            err.println("error: " + e.getMessage());
            err.flush();
            return 2;
        }
        if (json) {
            json(out, report, options);
        } else {
            out.printf(Locale.ROOT, "Average monthly cost (USD) over %d-day sprints with a %d-day beta window%n",
                    sprintDays, betaDays);
            for (Comparison.Option o : options) {
                out.printf(Locale.ROOT, "  %-44s %10s%n      %s%n", o.title(),
                        CostOutput.cents(o.monthly()).toPlainString(), o.how());
            }
            out.println("assumptions:");
            out.printf(Locale.ROOT, "  sprintDays=%d, betaDays=%d, hoursPerMonth=%.0f, prices %s (%s, taken %s)%n",
                    sprintDays, betaDays, hoursPerMonth, report.prices().file(), report.prices().region(),
                    report.prices().taken());
            out.println("  " + report.assumptions().describe());
            out.println("  VMs: the live workloads' requests on whole on-demand instances of the cheapest priced type, "
                    + "no EKS control plane or system nodes, the same ALBs, WAF, volumes, NAT and DNS");
            out.println("  one cluster: the beta copy of the release workloads runs in the live cluster during the window");
            out.println("  two clusters: figures of the cluster with the most public weight, per state (./gitops cost)");
        }
        out.flush();
        return 0;
    }

    private void json(PrintWriter out, CostReport report, List<Comparison.Option> options) {
        try (JsonGenerator g = new JsonFactory().createGenerator(out)) {
            g.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
            g.useDefaultPrettyPrinter();
            g.writeStartObject();
            g.writeNumberField("sprintDays", sprintDays);
            g.writeNumberField("betaDays", betaDays);
            g.writeNumberField("hoursPerMonth", hoursPerMonth);
            g.writeStringField("pricesFile", report.prices().file());
            g.writeObjectFieldStart("assumptions");
            for (Map.Entry<String, Double> a : report.assumptions().asMap().entrySet()) {
                g.writeNumberField(a.getKey(), a.getValue());
            }
            g.writeEndObject();
            g.writeArrayFieldStart("options");
            for (Comparison.Option o : options) {
                g.writeStartObject();
                g.writeStringField("id", o.id());
                g.writeStringField("title", o.title());
                g.writeNumberField("monthly", CostOutput.cents(o.monthly()));
                g.writeStringField("how", o.how());
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        out.println();
    }
}
