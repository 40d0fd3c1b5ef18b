package dev.gitops.validator.cli;

import dev.gitops.validator.domain.traffic.Cluster;
import dev.gitops.validator.load.LoadLimits;
import dev.gitops.validator.load.LoadedFile;
import dev.gitops.validator.load.YamlLoader;
import dev.gitops.validator.release.Plan;
import dev.gitops.validator.release.Refusal;
import dev.gitops.validator.release.ReleasePlanner;
import dev.gitops.validator.release.ShutdownPlanner;
import dev.gitops.validator.release.Workspace;
import dev.gitops.validator.source.SourceFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code shutdown CLUSTER [--from FILE]}: the release command that stops a drained cluster's bill. */
@Command(name = "shutdown",
        description = {"Shuts a drained cluster down in two steps, so that it stops billing (docs/release.md).",
            "Step 1 removes the cluster's Applications named in release.shutdownApplications: Argo CD on the cluster "
                    + "deletes what they deployed (ALBs, web ACL, DNS records and health check, broker volumes, "
                    + "Karpenter nodes) while the cluster still runs the controllers that delete them in AWS.",
            "Step 2, with --from FILE read from the cluster showing nothing of that is left, removes the folder "
                    + "release.shutdownInfra (the EKS cluster itself). ./gitops release brings the cluster back."})
public final class ShutdownCommand extends ReleaseCommands.Change {

    @Parameters(index = "0", paramLabel = "even|odd", converter = ReleaseCommands.ClusterArg.class,
            description = "The cluster to shut down.")
    Cluster cluster;

    @Option(names = "--from", paramLabel = "FILE",
            description = "Step 2: what is left in the cluster, from kubectl get ... -A -o yaml (step 1 prints the "
                    + "command).")
    Path from;

    @Override
    Plan plan(ReleasePlanner planner, Workspace workspace) throws Refusal {
        LoadedFile remains = null;
        if (from != null) {
            byte[] bytes;
            try {
                bytes = Files.readAllBytes(from);
            } catch (IOException e) {
                throw new Refusal(from + ": cannot read: " + e.getMessage());
            }
            remains = new YamlLoader(LoadLimits.DEFAULT)
                    .load(new SourceFile(from, from.toString()), bytes);
        }
        return new ShutdownPlanner(workspace).shutdown(cluster, remains);
    }
}
