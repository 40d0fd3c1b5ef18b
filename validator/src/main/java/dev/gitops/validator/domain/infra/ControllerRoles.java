package dev.gitops.validator.domain.infra;

import dev.gitops.validator.check.Findings;
import dev.gitops.validator.resource.Resource;
import java.util.ArrayList;
import java.util.List;

/**
 * The IAM roles the controllers of each cluster run with: an EKS Pod Identity association of the
 * infrastructure layer gives its role to a service account, and the Helm chart of an Application creates
 * that service account ({@link PodIdentity#chartSources}).
 */
final class ControllerRoles {

    /** A controller's role: the cluster, the chart that runs the controller, its Application, the association. */
    record ControllerRole(String cluster, String chart, Resource application, Resource association, Resource role) {
    }

    private final List<ControllerRole> roles;

    private ControllerRoles(List<ControllerRole> roles) {
        this.roles = roles;
    }

    static ControllerRoles of(InfraLayer infra, List<Resource> all) {
        PodIdentity identity = new PodIdentity(infra, all, new Findings());
        List<ControllerRole> out = new ArrayList<>();
        for (Resource association : infra.associations()) {
            AwsOutputs o = infra.outputsOfEksCluster(infra.eksClusterOf(association));
            Resource role = RolePolicies.roleOf(association, infra);
            if (o == null || role == null) {
                continue; // INFRA001 reports a dangling cluster or role
            }
            for (PodIdentity.ChartSource cs : identity.chartSources(association)) {
                if (cs.application().get(cs.source().key("chart")) instanceof String chart) {
                    out.add(new ControllerRole(o.cluster(), chart, cs.application(), association, role));
                }
            }
        }
        return new ControllerRoles(List.copyOf(out));
    }

    /** The roles of the controllers a chart runs in a cluster (normally one). */
    List<ControllerRole> of(String cluster, String chart) {
        return roles.stream().filter(r -> r.cluster().equals(cluster) && r.chart().equals(chart)).toList();
    }
}
