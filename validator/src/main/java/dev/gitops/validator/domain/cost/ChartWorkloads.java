package dev.gitops.validator.domain.cost;

import dev.gitops.validator.domain.cost.ClusterInventory.Workload;
import dev.gitops.validator.resource.Resource;
import java.util.ArrayList;
import java.util.List;

/**
 * Workloads an Argo CD Application installs from a Helm chart, read from its {@code valuesObject}
 * where the chart's value layout is known. Only charts whose pods land on Karpenter capacity are
 * listed: the Kong chart ({@code charts.konghq.com/ingress}: gateway and controller). Karpenter runs on
 * the system node group (priced as a whole); the other cluster controllers (KEDA, ACK, load balancer
 * controller, ExternalDNS, External Secrets, the RabbitMQ operators) run on Karpenter nodes and are not
 * modelled (docs/cost.md).
 */
final class ChartWorkloads {

    /** Where a chart puts one workload's replicas, requests and node selector in its values. */
    private record Part(String name, String[] replicas, String[] requests, String[] nodeSelector) {
    }

    private record Chart(String repo, String chart, List<Part> parts) {
    }

    private static final List<Chart> CHARTS = List.of(new Chart("https://charts.konghq.com", "ingress", List.of(
            new Part("gateway", new String[] {"gateway", "replicaCount"},
                    new String[] {"gateway", "resources", "requests"}, new String[] {"gateway", "nodeSelector"}),
            new Part("controller", new String[] {"controller", "replicaCount"},
                    new String[] {"controller", "ingressController", "resources", "requests"},
                    new String[] {"controller", "nodeSelector"}))));

    private ChartWorkloads() {
    }

    static List<Workload> of(Resource application) {
        Object source = Doc.at(application.content(), "spec", "source");
        String repo = Doc.string(source, "repoURL");
        String chart = Doc.string(source, "chart");
        Object values = Doc.at(source, "helm", "valuesObject");
        List<Workload> out = new ArrayList<>();
        for (Chart c : CHARTS) {
            if (!c.repo().equals(repo) || !c.chart().equals(chart)) {
                continue;
            }
            String release = Doc.string(source, "helm", "releaseName");
            for (Part p : c.parts()) {
                Long replicas = Doc.integer(values, p.replicas());
                Object requests = Doc.at(values, p.requests());
                out.add(new Workload("HelmRelease", (release == null ? chart : release) + " " + p.name(),
                        replicas == null ? 1 : replicas, TreeInventory.number(Doc.cores(Doc.at(requests, "cpu"))),
                        TreeInventory.number(Doc.gib(Doc.at(requests, "memory"))),
                        "on-demand".equals(Doc.string(Doc.at(values, p.nodeSelector()), TreeInventory.CAPACITY_TYPE)),
                        false));
            }
        }
        return out;
    }
}
