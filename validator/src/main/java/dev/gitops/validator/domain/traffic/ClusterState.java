package dev.gitops.validator.domain.traffic;

import dev.gitops.validator.model.ModelProblem;
import dev.gitops.validator.resource.Resource;
import dev.gitops.validator.source.FieldPath;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The release state of one cluster, declared in {@code clusters/<cluster>/cluster-state.yaml} (a ConfigMap
 * named {@code cluster-state}; see docs/gitops-tree.md).
 *
 * @param cluster {@code even} or {@code odd}: the parity of the sprints the cluster hosts
 * @param sprint the sprint deployed in the cluster
 * @param weight the public Route 53 weight, 0..100; the clusters' weights sum to 100
 * @param betaTarget beta testers reach this cluster on the internal domain
 * @param betaValidated the sprint passed beta; only then may weight move here
 * @param drained workloads and node pools are scaled down; weight must be 0
 * @param shutDown how far {@code ./gitops shutdown} has gone (optional key, {@code "false"} when absent)
 * @param source the ConfigMap it was read from (null when built in code)
 */
public record ClusterState(String cluster, int sprint, int weight, boolean betaTarget, boolean betaValidated,
                           boolean drained, Shutdown shutDown, Resource source) {

    /**
     * The two steps of {@code ./gitops shutdown} (docs/release.md, "Shutting a cluster down"). The
     * edge goes first, while the cluster still runs the controllers that delete what it created in
     * AWS (ALBs, web ACL, DNS records, broker volumes, Karpenter nodes); the cluster itself second.
     */
    public enum Shutdown {
        /** Not shut down: the cluster and its whole tree exist. */
        NO("false"),
        /** The billable edge is removed from the tree; the EKS cluster still runs. */
        EDGE("edge"),
        /** The edge and the cluster's infrastructure are removed from the tree. */
        DONE("true");

        private final String value;

        Shutdown(String value) {
            this.value = value;
        }

        /** The value in the cluster-state ConfigMap. */
        public String value() {
            return value;
        }

        static Shutdown parse(String s) {
            for (Shutdown x : values()) {
                if (x.value.equals(s)) {
                    return x;
                }
            }
            return null;
        }
    }

    /** The cluster is shut down or on its way: part of its tree is removed on purpose. */
    public boolean shuttingDown() {
        return shutDown != Shutdown.NO;
    }

    public static final String NAME = "cluster-state";
    public static final String CLUSTER_LABEL = "gitops.dev/cluster";
    public static final Set<String> CLUSTERS = Set.of("even", "odd");
    public static final int MAX_WEIGHT = 100;
    private static final Pattern DIGITS = Pattern.compile("[0-9]+");
    private static final Set<String> KEYS = Set.of("cluster", "sprint", "weight", "betaTarget", "betaValidated",
            "drained", "shutDown");

    /** The parity a sprint number requires: even sprints run on {@code even}, odd ones on {@code odd}. */
    public static String parityOf(int sprint) {
        return sprint % 2 == 0 ? "even" : "odd";
    }

    /** True when the resource is a cluster-state ConfigMap. */
    public static boolean isClusterState(Resource r) {
        return "ConfigMap".equals(r.kind()) && "v1".equals(r.apiVersion()) && NAME.equals(r.ref().name());
    }

    /** The folder a cluster-state resource lives in ({@code clusters/even/cluster-state.yaml} → even), or null. */
    public static String folderOf(Resource r) {
        String name = r.file().displayName().replace('\\', '/');
        int slash = name.lastIndexOf('/');
        if (slash < 0) {
            return null;
        }
        String dir = name.substring(0, slash);
        int prev = dir.lastIndexOf('/');
        return dir.substring(prev + 1);
    }

    /** The field of {@code data} a value lives in, for findings. */
    public static FieldPath path(String key) {
        return FieldPath.of("data", key);
    }

    /** This state with another weight (and drained cleared when the weight becomes positive). */
    public ClusterState withWeight(int newWeight) {
        return new ClusterState(cluster, sprint, newWeight, betaTarget, betaValidated, drained && newWeight == 0,
                shutDown, source);
    }

    /**
     * Reads a cluster-state ConfigMap. Problems (missing keys, values that are not what the contract says)
     * are added to {@code problems} at {@code data.<key>}; the state is null when a required value is
     * unusable.
     */
    public static ClusterState read(Resource r, List<ModelProblem> problems) {
        Object data = r.get(FieldPath.of("data"));
        if (!(data instanceof Map<?, ?> d)) {
            problems.add(new ModelProblem(ModelProblem.Kind.MISSING_FIELD, FieldPath.of("data"),
                    "cluster-state has no data (cluster, sprint, weight, betaTarget, betaValidated, drained)"));
            return null;
        }
        for (Object k : d.keySet()) {
            if (!KEYS.contains(String.valueOf(k))) {
                problems.add(new ModelProblem(ModelProblem.Kind.UNKNOWN_FIELD, path(String.valueOf(k)),
                        "unknown cluster-state key '" + k + "' (known: " + String.join(", ",
                                KEYS.stream().sorted().toList()) + ")"));
            }
        }
        int before = problems.size();
        String cluster = text(d, "cluster", problems);
        if (cluster != null && !CLUSTERS.contains(cluster)) {
            problems.add(new ModelProblem(ModelProblem.Kind.INVALID_VALUE, path("cluster"),
                    "data.cluster must be even or odd, not '" + cluster + "'"));
        }
        Integer sprint = number(d, "sprint", problems, Integer.MAX_VALUE);
        Integer weight = number(d, "weight", problems, MAX_WEIGHT);
        Boolean betaTarget = flag(d, "betaTarget", problems);
        Boolean betaValidated = flag(d, "betaValidated", problems);
        Boolean drained = flag(d, "drained", problems);
        Shutdown shutDown = Shutdown.NO;
        if (d.containsKey("shutDown")) {
            String v = text(d, "shutDown", problems);
            shutDown = v == null ? null : Shutdown.parse(v);
            if (v != null && shutDown == null) {
                problems.add(new ModelProblem(ModelProblem.Kind.INVALID_VALUE, path("shutDown"),
                        "cluster-state data.shutDown must be \"false\", \"edge\" or \"true\", not '" + v + "'"));
            }
        }
        if (problems.size() > before) {
            return null;
        }
        return new ClusterState(cluster, sprint, weight, betaTarget, betaValidated, drained, shutDown, r);
    }

    private static String text(Map<?, ?> d, String key, List<ModelProblem> problems) {
        Object v = d.get(key);
        if (v == null) {
            problems.add(new ModelProblem(ModelProblem.Kind.MISSING_FIELD, path(key),
                    "cluster-state data." + key + " is missing"));
            return null;
        }
        if (!(v instanceof String s)) {
            problems.add(new ModelProblem(ModelProblem.Kind.WRONG_TYPE, path(key),
                    "cluster-state data." + key + " must be a string (ConfigMap data), not " + v + " — quote it"));
            return null;
        }
        return s;
    }

    private static Integer number(Map<?, ?> d, String key, List<ModelProblem> problems, int max) {
        String s = text(d, key, problems);
        if (s == null) {
            return null;
        }
        if (!DIGITS.matcher(s).matches() || s.length() > 9 || Integer.parseInt(s) > max) {
            problems.add(new ModelProblem(ModelProblem.Kind.INVALID_VALUE, path(key), "cluster-state data." + key
                    + " must be an integer" + (max == Integer.MAX_VALUE ? "" : " from 0 to " + max) + ", not '" + s
                    + "'"));
            return null;
        }
        return Integer.parseInt(s);
    }

    private static Boolean flag(Map<?, ?> d, String key, List<ModelProblem> problems) {
        String s = text(d, key, problems);
        if (s == null) {
            return null;
        }
        if (!s.equals("true") && !s.equals("false")) {
            problems.add(new ModelProblem(ModelProblem.Kind.INVALID_VALUE, path(key),
                    "cluster-state data." + key + " must be \"true\" or \"false\", not '" + s + "'"));
            return null;
        }
        return Boolean.parseBoolean(s);
    }
}
