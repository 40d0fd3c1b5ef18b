package dev.gitops.validator.domain;

import dev.gitops.validator.config.ValidatorConfig;
import dev.gitops.validator.load.Globs;
import dev.gitops.validator.resource.Resource;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Which clusters a resource is deployed to. From {@code clusters:} in {@code .gitops-validator.yaml} when
 * it is set; otherwise from the tree layout (docs/gitops-tree.md): {@code clusters/<c>/**} and
 * {@code apps/<component>/<c>/**} deploy to cluster {@code c}, {@code apps/<component>/base/**} to every
 * cluster.
 */
public final class Topology {

    private final Map<String, Globs> configured;
    private final Set<String> clusters;
    /** clustersOf by file: checks ask it for every pair of resources they compare. */
    private final Map<String, Set<String>> byFile = new ConcurrentHashMap<>();

    private Topology(Map<String, Globs> configured, Set<String> clusters) {
        this.configured = configured;
        this.clusters = clusters;
    }

    public static Topology of(ValidatorConfig config, List<Resource> resources) {
        Map<String, Globs> configured = new LinkedHashMap<>();
        config.clusters().forEach((name, globs) -> configured.put(name, new Globs(globs)));
        Set<String> names = new TreeSet<>(configured.keySet());
        if (names.isEmpty()) {
            for (Resource r : resources) {
                String[] parts = path(r).split("/");
                if (parts.length >= 3 && parts[0].equals("clusters")) {
                    names.add(parts[1]);
                }
            }
        }
        return new Topology(configured, Set.copyOf(names));
    }

    /** The cluster names known to this run. */
    public Set<String> clusters() {
        return new TreeSet<>(clusters);
    }

    /** The clusters the resource deploys to (empty when it is outside the cluster trees); sorted, read-only. */
    public Set<String> clustersOf(Resource r) {
        return byFile.computeIfAbsent(r.file().displayName(),
                name -> Collections.unmodifiableSortedSet(clustersOfFile(name.replace('\\', '/'))));
    }

    private TreeSet<String> clustersOfFile(String p) {
        TreeSet<String> out = new TreeSet<>();
        if (!configured.isEmpty()) {
            configured.forEach((name, g) -> {
                if (g.matches(p)) {
                    out.add(name);
                }
            });
            return out;
        }
        String[] parts = p.split("/");
        if (parts.length >= 3 && parts[0].equals("clusters") && clusters.contains(parts[1])) {
            out.add(parts[1]);
        } else if (parts.length >= 4 && parts[0].equals("apps")) {
            if (parts[2].equals("base")) {
                out.addAll(clusters);
            } else if (clusters.contains(parts[2])) {
                out.add(parts[2]);
            }
        }
        return out;
    }

    /** True when the resource deploys to exactly this one cluster (a per-cluster manifest). */
    public boolean onlyIn(Resource r, String cluster) {
        return clustersOf(r).equals(Set.of(cluster));
    }

    /**
     * True when two resources can refer to each other: they deploy to a common cluster, or either is
     * outside the cluster trees (a loose file, a sample), and their namespaces agree (an unset namespace is
     * the Application's destination namespace and agrees with any).
     */
    public boolean together(Resource a, Resource b) {
        String na = a.ref().namespace();
        String nb = b.ref().namespace();
        return (na == null || nb == null || na.equals(nb)) && sameCluster(a, b);
    }

    /** True when two resources deploy to a common cluster, or either is outside the cluster trees. */
    public boolean sameCluster(Resource a, Resource b) {
        Set<String> ca = clustersOf(a);
        Set<String> cb = clustersOf(b);
        return ca.isEmpty() || cb.isEmpty() || ca.stream().anyMatch(cb::contains);
    }

    public static String path(Resource r) {
        return r.file().displayName().replace('\\', '/');
    }
}
