package dev.gitops.validator.domain.argocd;

import java.util.List;
import java.util.Map;

/**
 * Where the Helm charts the tree installs before its first NodePool put the tolerations of the pods that
 * must be running for their Application to become Healthy, and what those tolerations are by default.
 * Recorded by hand from each chart's {@code values.yaml} (schemas/helm/ names the version read): a chart
 * not listed here cannot be judged offline and is reported as such (ARGOCD014 fails closed).
 */
final class ChartTolerations {

    /** One pod template of a chart: where its tolerations are set, and their default. */
    record Pod(String name, List<String> valuesPath, List<Map<String, String>> defaults) {
    }

    record Chart(String chart, List<Pod> pods) {
    }

    private static final List<Map<String, String>> NONE = List.of();

    private static final List<Chart> CHARTS = List.of(
            // aws/karpenter-provider-aws charts/karpenter/values.yaml: tolerations: [{key: CriticalAddonsOnly,
            // operator: Exists}] (so the controller can run on a tainted system node group).
            new Chart("karpenter", List.of(new Pod("controller", List.of("tolerations"),
                    List.of(Map.of("key", "CriticalAddonsOnly", "operator", "Exists"))))),
            // cert-manager/cert-manager deploy/charts/cert-manager/values.yaml: every component's tolerations
            // default to []; startupapicheck is a post-install Job the release waits for.
            new Chart("cert-manager", List.of(
                    new Pod("controller", List.of("tolerations"), NONE),
                    new Pod("webhook", List.of("webhook", "tolerations"), NONE),
                    new Pod("cainjector", List.of("cainjector", "tolerations"), NONE),
                    new Pod("startupapicheck", List.of("startupapicheck", "tolerations"), NONE))));

    private ChartTolerations() {
    }

    /** The recorded pods of a chart, or null when the chart is not recorded. */
    static List<Pod> of(String chart) {
        return CHARTS.stream().filter(c -> c.chart().equals(chart)).map(Chart::pods).findFirst().orElse(null);
    }

    /** The tolerations a pod gets from the Application's values, or the chart's default. */
    static Object effective(Pod pod, Object values) {
        Object v = values;
        for (String k : pod.valuesPath()) {
            if (!(v instanceof Map<?, ?> m) || !m.containsKey(k)) {
                return pod.defaults();
            }
            v = m.get(k);
        }
        return v == null ? pod.defaults() : v;
    }
}
