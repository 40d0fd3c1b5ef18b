package dev.gitops.validator.cli;

import dev.gitops.validator.load.LoadLimits;
import dev.gitops.validator.load.LoadedFile;
import dev.gitops.validator.load.YamlLoader;
import dev.gitops.validator.release.InfraOutputs;
import dev.gitops.validator.release.Plan;
import dev.gitops.validator.release.Refusal;
import dev.gitops.validator.release.TreeEdits;
import dev.gitops.validator.release.Workspace;
import dev.gitops.validator.source.SourceFile;
import dev.gitops.validator.transition.StandardChecks;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code infra-outputs CLUSTER --from FILE [--write]}: the recorded outputs of a cluster against the
 * status of the ACK objects on the management cluster, and with {@code --write} the change that
 * records them.
 */
@Command(name = "infra-outputs", mixinStandardHelpOptions = true, exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:the outputs equal the statuses (or, with --write, were written and the tree validates)",
            "1:they differ or a status lacks a value; with --write: refused, nothing was changed",
            "2:usage error or unreadable input"},
        description = {"Compares clusters/CLUSTER/aws-outputs.yaml with the identifiers the ACK controllers published "
                + "in the status of the objects infra/ declares (status.vpcID, status.id of the hosted zones, "
                + "status.ackResourceMetadata.arn of the key and the certificate, the certificate's "
                + "status.domainValidations[].resourceRecord, status.workspaceID, the account and region).",
            "Also compares the adoption-fields of every retained object of infra/ that FILE holds with its status.",
            "FILE is what `kubectl get vpc,subnet,hostedzone,key,certificate,workspace,... -A -o yaml` prints on the "
                    + "management cluster. With --write, sets the changed values in the outputs and replaces every copy of each "
                    + "old identifier in the tree (adoption-fields of the retained resources, ARNs, ids), if the "
                    + "result validates."})
public final class InfraOutputsCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    RootOption root;

    @Parameters(index = "0", paramLabel = "CLUSTER", description = "The cluster whose outputs to compare (even, odd).")
    String cluster;

    @Option(names = "--from", required = true, paramLabel = "FILE",
            description = "The ACK objects with their status, as `kubectl get ... -A -o yaml` prints them.")
    Path from;

    @Option(names = "--write", description = "Write the observed values into the tree (it must validate).")
    boolean write;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try {
            Workspace ws = Workspace.open(root.resolve(), StandardChecks.all());
            InfraOutputs outputs = new InfraOutputs(ws);
            InfraOutputs.Comparison c = outputs.compare(cluster, load());
            print(out, c);
            if (!write) {
                out.flush();
                return c.differs() || !c.complete() ? 1 : 0;
            }
            Plan plan = outputs.plan(c);
            if (plan.edits().isEmpty()) {
                out.println("nothing to change: the tree already records them");
                out.flush();
                return 0;
            }
            Workspace.Outcome done = ws.apply(plan, true);
            out.println(plan.title());
            Map<String, Long> perFile = new java.util.TreeMap<>();
            for (TreeEdits.Edit e : plan.edits().edits()) {
                perFile.merge(e.file(), 1L, Long::sum);
            }
            perFile.forEach((f, n) -> out.println("  wrote " + f + " (" + n + " value(s))"));
            plan.notes().forEach(n -> out.println("  note: " + n));
            out.println("review with `git diff`, then commit; the tree validates (" + new TreeSet<>(done.files().keySet())
                    .size() + " file(s) changed)");
            out.flush();
            return 0;
        } catch (InfraOutputs.BadInput e) {
            out.flush();
            err.println("error: " + e.getMessage());
            err.flush();
            return 2;
        } catch (Refusal e) {
            out.flush();
            err.println("refused: " + e.getMessage());
            err.flush();
            return 1;
        }
    }

    private LoadedFile load() throws InfraOutputs.BadInput {
        SourceFile file = new SourceFile(from, from.toString());
        try {
            byte[] bytes = Files.readAllBytes(from);
            return new YamlLoader(LoadLimits.DEFAULT).load(file, bytes);
        } catch (IOException e) {
            throw new InfraOutputs.BadInput(from + ": cannot read: " + e.getMessage());
        }
    }

    private static void print(PrintWriter out, InfraOutputs.Comparison c) {
        out.println("--- " + c.file() + " (recorded)");
        out.println("+++ status of the ACK objects (observed)");
        rows(out, c.rows(), true);
        if (!c.unread().isEmpty()) {
            out.println("not read from the status: " + String.join(", ", c.unread()));
        }
        out.println(summary(c.rows()));
        if (!c.adoptions().isEmpty()) {
            out.println("adoption-fields of the retained objects in the input:");
            rows(out, c.adoptions(), false);
            out.println("adoption-fields: " + summary(c.adoptions()));
        }
    }

    private static void rows(PrintWriter out, List<InfraOutputs.Row> rows, boolean equalToo) {
        for (InfraOutputs.Row r : rows) {
            if (r.problem() != null) {
                out.println("? " + r.key() + ": " + r.recorded() + "   # " + r.from() + ": " + r.problem());
            } else if (r.differs()) {
                out.println("- " + r.key() + ": " + r.recorded());
                out.println("+ " + r.key() + ": " + r.observed() + "   # " + r.from());
            } else if (equalToo) {
                out.println("  " + r.key() + ": " + r.recorded());
            }
        }
    }

    private static String summary(List<InfraOutputs.Row> rows) {
        long changed = rows.stream().filter(InfraOutputs.Row::differs).count();
        long missing = rows.stream().filter(r -> r.problem() != null).count();
        return changed + " differ, " + missing + " without a value, " + (rows.size() - changed - missing) + " equal";
    }
}
