package dev.gitops.validator.domain.infra;

import dev.gitops.validator.check.Findings;
import dev.gitops.validator.model.ModelKind;
import dev.gitops.validator.resource.Resource;
import dev.gitops.validator.source.FieldPath;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * INFRA003: each EKS Pod Identity association of the infrastructure layer names a service account its
 * cluster runs — a ServiceAccount of the tree, or the service account a Helm chart creates as named by a
 * {@code serviceAccount.name} value (at any depth of the values, e.g. {@code controller.serviceAccount.name})
 * in the Application's destination namespace — and that service account
 * carries no IRSA annotation ({@code eks.amazonaws.com/role-arn}): with one, the EKS webhook injects web
 * identity credentials, the SDK uses them first, and the role (trusting {@code pods.eks.amazonaws.com})
 * refuses them.
 */
final class PodIdentity {

    private final InfraLayer infra;
    private final List<Resource> all;
    private final Findings findings;

    PodIdentity(InfraLayer infra, List<Resource> all, Findings findings) {
        this.infra = infra;
        this.all = all;
        this.findings = findings;
    }

    /** Where a service account is declared: the resource and the path of its annotations. */
    private record Account(Resource source, FieldPath annotations) {
    }

    void check() {
        for (Resource a : infra.associations()) {
            AwsOutputs o = infra.outputsOfEksCluster(infra.eksClusterOf(a));
            if (o == null || !(a.get(FieldPath.of("spec", "namespace")) instanceof String ns)
                    || !(a.get(FieldPath.of("spec", "serviceAccount")) instanceof String sa)) {
                continue; // INFRA001 and the schema report a dangling cluster or missing fields
            }
            List<Account> accounts = accounts(o.cluster(), ns, sa);
            if (accounts.isEmpty()) {
                findings.at(InfraCheck.POD_IDENTITY, a, FieldPath.of("spec", "serviceAccount"), "cluster " + o.cluster()
                                + " runs no service account " + ns + "/" + sa + ": the association grants its role to nobody",
                        "name the service account as the workload or chart creates it (a chart's serviceAccount.name)");
            }
            for (Account acc : accounts) {
                FieldPath irsa = acc.annotations().key(InfraCheck.IRSA);
                if (acc.source().get(irsa) != null) {
                    findings.at(InfraCheck.POD_IDENTITY, acc.source(), irsa, "service account " + ns + "/" + sa
                                    + " has an IRSA annotation although " + a.ref().display() + " grants it a role"
                                    + " through Pod Identity: the SDK takes the web identity first, and the role refuses it",
                            "remove the annotation; the role and its association are in infra/",
                            List.of(Findings.location(a, FieldPath.of("spec", "serviceAccount"), "the association")));
                }
            }
        }
    }

    /** A chart source of an Application that creates an association's service account, and where it is. */
    record ChartSource(Resource application, FieldPath source) {
    }

    /**
     * The Helm chart sources that create the service account an association names (INFRA006 compares
     * the association's role with the recorded upstream policy of that chart version).
     */
    List<ChartSource> chartSources(Resource association) {
        AwsOutputs o = infra.outputsOfEksCluster(infra.eksClusterOf(association));
        if (o == null || !(association.get(FieldPath.of("spec", "namespace")) instanceof String ns)
                || !(association.get(FieldPath.of("spec", "serviceAccount")) instanceof String sa)) {
            return List.of();
        }
        List<ChartSource> out = new ArrayList<>();
        for (Account acc : accounts(o.cluster(), ns, sa)) {
            List<Object> seg = acc.annotations().segments();
            if ("Application".equals(acc.source().kind()) && seg.size() > 2) {
                FieldPath source = "source".equals(seg.get(1)) ? FieldPath.of("spec", "source")
                        : FieldPath.of("spec", "sources", seg.get(2));
                out.add(new ChartSource(acc.source(), source));
            }
        }
        return out;
    }

    private List<Account> accounts(String cluster, String ns, String sa) {
        List<Account> out = new ArrayList<>();
        for (Resource r : infra.clusterTree(all, cluster)) {
            if ("ServiceAccount".equals(r.kind()) && "v1".equals(r.apiVersion()) && sa.equals(r.ref().name())
                    && ns.equals(r.ref().namespace())) {
                out.add(new Account(r, FieldPath.of("metadata", "annotations")));
            }
            if (ModelKind.APPLICATION.matches(r)
                    && ns.equals(r.get(FieldPath.of("spec", "destination", "namespace")))) {
                for (FieldPath values : valuesRoots(r)) {
                    serviceAccounts(r.get(values), values, sa, r, out);
                }
            }
        }
        return out;
    }

    /**
     * The {@code serviceAccount} values naming {@code sa} at any depth of a chart's values: charts with
     * several components name each one's account under the component ({@code controller.serviceAccount}).
     */
    private static void serviceAccounts(Object node, FieldPath at, String sa, Resource app, List<Account> out) {
        if (!(node instanceof Map<?, ?> m)) {
            return;
        }
        if (m.get("serviceAccount") instanceof Map<?, ?> account && sa.equals(account.get("name"))) {
            out.add(new Account(app, at.key("serviceAccount").key("annotations")));
        }
        for (Map.Entry<?, ?> e : m.entrySet()) {
            if (!"serviceAccount".equals(e.getKey())) {
                serviceAccounts(e.getValue(), at.key(String.valueOf(e.getKey())), sa, app, out);
            }
        }
    }

    private static List<FieldPath> valuesRoots(Resource r) {
        List<FieldPath> roots = new ArrayList<>(List.of(FieldPath.of("spec", "source", "helm", "valuesObject")));
        if (r.get(FieldPath.of("spec", "sources")) instanceof List<?> l) {
            for (int i = 0; i < l.size(); i++) {
                roots.add(FieldPath.of("spec", "sources", i, "helm", "valuesObject"));
            }
        }
        return roots;
    }
}
