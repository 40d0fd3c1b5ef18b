package dev.gitops.validator.domain.traffic;

import dev.gitops.validator.config.ValidatorConfig;
import dev.gitops.validator.model.ModelProblem;
import dev.gitops.validator.resource.Resource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What {@code ./gitops shutdown} has taken out of the tree on purpose, for the rules that would
 * otherwise see a missing counterpart (PARITY001) or an undeployed folder (ARGOCD007): the clusters
 * whose cluster state says {@code shutDown} is {@code "edge"} or {@code "true"}, and the Applications
 * shutdown removes from them.
 */
public final class ShutdownScope {

    private final Map<String, ClusterState.Shutdown> steps;
    private final List<String> applications;

    private ShutdownScope(Map<String, ClusterState.Shutdown> steps, List<String> applications) {
        this.steps = steps;
        this.applications = applications;
    }

    /** Reads the cluster states among the resources; a state that cannot be read counts as not shut down. */
    public static ShutdownScope of(ValidatorConfig config, List<Resource> resources) {
        Map<String, ClusterState.Shutdown> steps = new TreeMap<>();
        for (Resource r : resources) {
            if (ClusterState.isClusterState(r)) {
                ClusterState s = ClusterState.read(r, new ArrayList<ModelProblem>());
                if (s != null && s.shuttingDown()) {
                    steps.put(s.cluster(), s.shutDown());
                }
            }
        }
        List<String> apps = ReleaseSettings.ifReadable(config)
                .map(ReleaseSettings::shutdownApplications)
                .orElse(List.of());
        return new ShutdownScope(steps, apps);
    }

    /** The cluster is shut down or on its way. */
    public boolean shuttingDown(String cluster) {
        return steps.containsKey(cluster);
    }

    /** Both steps are done: the cluster itself is gone, so nothing deploys its tree. */
    public boolean clusterGone(String cluster) {
        return steps.get(cluster) == ClusterState.Shutdown.DONE;
    }

    /** The cluster is shut down and the Application is one shutdown removed from it. */
    public boolean removed(String cluster, String application) {
        return shuttingDown(cluster) && applications.contains(application);
    }
}
