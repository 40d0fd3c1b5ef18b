package dev.gitops.validator.domain.traffic;

import dev.gitops.validator.model.ModelProblem;
import dev.gitops.validator.resource.Resource;
import dev.gitops.validator.source.FieldPath;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What the release commands and transition rules read from a tree: each cluster's state, the
 * weighted Route 53 records, the image references and the capacities of each cluster.
 *
 * @param states each cluster's state (a cluster whose state could not be read is absent)
 * @param records the weighted records, in tree order
 * @param images every container image reference, in tree order
 * @param capacities every capacity field of the tree, in tree order
 * @param problems what kept a state from being read, each naming the file and line
 */
public record TrafficTree(Path root, Map<Cluster, ClusterState> states, List<Sites.RecordWeight> records,
                          List<Sites.Image> images, List<Sites.Capacity> capacities, List<Resource> scalers,
                          List<Resource> betaRecords, List<String> problems) {

    private static final String[] DNS_PREFIXES = {"external-dns.kubernetes.io/", "external-dns.alpha.kubernetes.io/"};
    private static final Set<String> WORKLOADS = Set.of("Deployment", "StatefulSet", "Rollout", "ReplicaSet");

    public TrafficTree {
        states = Collections.unmodifiableMap(new EnumMap<>(states.isEmpty() ? new EnumMap<>(Cluster.class) : states));
        records = List.copyOf(records);
        images = List.copyOf(images);
        capacities = List.copyOf(capacities);
        scalers = List.copyOf(scalers);
        betaRecords = List.copyOf(betaRecords);
        problems = List.copyOf(problems);
    }

    /**
     * Reads the tree's resources. Never throws: what cannot be read is a problem. Without settings
     * (null), records are attributed to a cluster by their set identifier only.
     */
    public static TrafficTree of(Path root, List<Resource> resources, ReleaseSettings settings) {
        Map<Cluster, ClusterState> states = new EnumMap<>(Cluster.class);
        List<Sites.RecordWeight> records = new ArrayList<>();
        List<Sites.Image> images = new ArrayList<>();
        List<Sites.Capacity> capacities = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        List<Resource> scalers = new ArrayList<>();
        List<Resource> betaRecords = new ArrayList<>();
        for (Resource r : resources) {
            String api = r.apiVersion() == null ? "" : r.apiVersion();
            if ("ScaledObject".equals(r.kind()) && api.startsWith("keda.sh/")) {
                scalers.add(r);
            }
            if ("RecordSet".equals(r.kind()) && api.startsWith("route53.services.k8s.aws/")
                    && r.get(FieldPath.of("spec", "name")) instanceof String n
                    && (n.equals("beta") || n.startsWith("beta."))) {
                betaRecords.add(r);
            }
            if (ClusterState.isClusterState(r)) {
                readState(r, states, problems);
            }
            readRecords(r, settings, records, problems);
            readImages(r, r.content(), FieldPath.ROOT, images);
            readCapacities(r, capacities);
        }
        for (Cluster c : Cluster.values()) {
            if (!states.containsKey(c) && problems.stream().noneMatch(p -> p.contains("cluster '" + c.id() + "'"))) {
                problems.add("no cluster-state ConfigMap for cluster '" + c.id() + "' (expected clusters/" + c.id()
                        + "/cluster-state.yaml, see docs/gitops-tree.md)");
            }
        }
        return new TrafficTree(root, states, records, images, capacities, scalers, betaRecords, problems);
    }

    public ClusterState state(Cluster c) {
        return states.get(c);
    }

    /** Whether both states were read. */
    public boolean complete() {
        return states.size() == Cluster.values().length;
    }

    public List<Sites.RecordWeight> records(Cluster c) {
        return records.stream().filter(r -> r.cluster() == c).toList();
    }

    /** The image references of a cluster's release folder ({@code release.imagePath}). */
    public List<Sites.Image> releaseImages(Cluster c, ReleaseSettings settings) {
        String folder = settings.imageFolder(c) + "/";
        return images.stream().filter(i -> i.file().startsWith(folder)).toList();
    }

    /** The image references deployed to a cluster (its own files and the shared ones). */
    public List<Sites.Image> deployedImages(Cluster c, ReleaseSettings settings) {
        return images.stream().filter(i -> settings.deployedTo(c, i.file())).toList();
    }

    /** The KEDA ScaledObjects defined in a cluster's own files. */
    public List<Resource> scalers(Cluster c, ReleaseSettings settings) {
        return scalers.stream().filter(r -> settings.ownedBy(c, r.file().displayName())).toList();
    }

    /** The capacities defined in a cluster's own files. */
    public List<Sites.Capacity> capacities(Cluster c, ReleaseSettings settings) {
        return capacities.stream().filter(k -> settings.ownedBy(c, k.file())).toList();
    }

    /** The cluster running the newer sprint, or null when the states are incomplete or equal. */
    public Cluster newer() {
        if (!complete()) {
            return null;
        }
        int even = states.get(Cluster.EVEN).sprint();
        int odd = states.get(Cluster.ODD).sprint();
        return even == odd ? null : even > odd ? Cluster.EVEN : Cluster.ODD;
    }

    /** The split is settled: all public weight on one cluster. */
    public boolean settled() {
        return complete() && (states.get(Cluster.EVEN).weight() == 0 || states.get(Cluster.ODD).weight() == 0);
    }

    // ------------------------------------------------------------------ reading

    private static void readState(Resource r, Map<Cluster, ClusterState> states, List<String> problems) {
        List<ModelProblem> found = new ArrayList<>();
        ClusterState state = ClusterState.read(r, found);
        for (ModelProblem p : found) {
            problems.add(Sites.where(r, p.path()) + ": " + p.message());
        }
        if (state == null) {
            return;
        }
        Cluster c = Cluster.parse(state.cluster());
        ClusterState first = states.putIfAbsent(c, state);
        if (first != null) {
            problems.add(Sites.where(r, FieldPath.ROOT) + ": cluster '" + c + "' has a second cluster-state (first in "
                    + fileOf(first) + ")");
        }
    }

    /** The file a state was read from, relative to the repository root. */
    public static String fileOf(ClusterState s) {
        return s.source().file().displayName();
    }

    private static void readRecords(Resource r, ReleaseSettings settings, List<Sites.RecordWeight> out,
                                    List<String> problems) {
        String kind = r.kind();
        String api = r.apiVersion() == null ? "" : r.apiVersion();
        if ("RecordSet".equals(kind) && api.startsWith("route53.services.k8s.aws/")) {
            Object id = r.get(FieldPath.of("spec", "setIdentifier"));
            FieldPath path = FieldPath.of("spec", "weight");
            Object w = r.get(path);
            Cluster c = clusterOf(id, r, settings);
            if (c != null && w != null) {
                add(out, problems, c, r, path, w, true);
            }
            return;
        }
        if ("DNSEndpoint".equals(kind) && r.get(FieldPath.of("spec", "endpoints")) instanceof List<?> eps) {
            for (int i = 0; i < eps.size(); i++) {
                if (!(eps.get(i) instanceof Map<?, ?> ep) || !(ep.get("providerSpecific") instanceof List<?> ps)) {
                    continue;
                }
                Cluster c = clusterOf(ep.get("setIdentifier"), r, settings);
                for (int j = 0; j < ps.size(); j++) {
                    if (ps.get(j) instanceof Map<?, ?> p && "aws/weight".equals(p.get("name")) && c != null) {
                        add(out, problems, c, r, FieldPath.of("spec", "endpoints", i, "providerSpecific", j, "value"),
                                p.get("value"), false);
                    }
                }
            }
            return;
        }
        for (String prefix : DNS_PREFIXES) {
            FieldPath weight = FieldPath.of("metadata", "annotations", prefix + "aws-weight");
            Object w = r.get(weight);
            if (w != null) {
                Cluster c = clusterOf(r.get(FieldPath.of("metadata", "annotations", prefix + "set-identifier")), r,
                        settings);
                if (c != null) {
                    add(out, problems, c, r, weight, w, false);
                }
            }
        }
    }

    private static void add(List<Sites.RecordWeight> out, List<String> problems, Cluster c, Resource r, FieldPath path,
                            Object w, boolean numeric) {
        String text = w instanceof Long n ? n.toString() : w instanceof String s ? s.strip() : null;
        if (text == null || !text.matches("[0-9]{1,3}")) {
            problems.add(Sites.where(r, path) + ": the weight of " + r.ref().display() + " is not an integer: " + w);
            return;
        }
        out.add(new Sites.RecordWeight(c, r, path, Integer.parseInt(text), numeric && w instanceof Long));
    }

    /**
     * The cluster a record belongs to: its set identifier names it ({@code even}, or ending in
     * {@code -even}), or else the record is defined in that cluster's own files.
     */
    private static Cluster clusterOf(Object setIdentifier, Resource r, ReleaseSettings settings) {
        if (setIdentifier instanceof String id) {
            String s = id.strip().toLowerCase(java.util.Locale.ROOT);
            for (Cluster c : Cluster.values()) {
                if (s.equals(c.id()) || s.endsWith("-" + c.id())) {
                    return c;
                }
            }
        }
        if (settings == null) {
            return null;
        }
        String file = r.file().displayName();
        for (Cluster c : Cluster.values()) {
            if (settings.ownedBy(c, file)) {
                return c;
            }
        }
        return null;
    }

    private static void readImages(Resource r, Object node, FieldPath path, List<Sites.Image> out) {
        if (node instanceof Map<?, ?> m) {
            for (Map.Entry<?, ?> e : m.entrySet()) {
                String key = String.valueOf(e.getKey());
                FieldPath p = path.key(key);
                if ((key.equals("containers") || key.equals("initContainers")) && e.getValue() instanceof List<?> l) {
                    for (int i = 0; i < l.size(); i++) {
                        if (l.get(i) instanceof Map<?, ?> c && c.get("image") instanceof String image) {
                            out.add(new Sites.Image(r, p.index(i).key("image"), image));
                        }
                    }
                } else {
                    readImages(r, e.getValue(), p, out);
                }
            }
        } else if (node instanceof List<?> l) {
            for (int i = 0; i < l.size(); i++) {
                readImages(r, l.get(i), path.index(i), out);
            }
        }
    }

    private static void readCapacities(Resource r, List<Sites.Capacity> out) {
        String kind = r.kind();
        if (kind == null) {
            return;
        }
        if (WORKLOADS.contains(kind)) {
            FieldPath p = FieldPath.of("spec", "replicas");
            Object v = r.get(p);
            if (v != null) {
                out.add(new Sites.Capacity(r, p, v));
            }
        } else if ("NodePool".equals(kind) && r.get(FieldPath.of("spec", "limits")) instanceof Map<?, ?> limits) {
            for (Object key : limits.keySet()) {
                FieldPath p = FieldPath.of("spec", "limits", String.valueOf(key));
                out.add(new Sites.Capacity(r, p, limits.get(key)));
            }
        }
    }
}
