package dev.gitops.validator.domain.traffic;

import static dev.gitops.validator.finding.Rule.error;
import static dev.gitops.validator.finding.Rule.warning;

import dev.gitops.validator.check.Check;
import dev.gitops.validator.check.CheckContext;
import dev.gitops.validator.check.Findings;
import dev.gitops.validator.config.ConfigSection;
import dev.gitops.validator.domain.Topology;
import dev.gitops.validator.finding.Location;
import dev.gitops.validator.finding.Rule;
import dev.gitops.validator.model.Aws;
import dev.gitops.validator.model.ExternalDns;
import dev.gitops.validator.model.ModelKind;
import dev.gitops.validator.model.ModelProblem;
import dev.gitops.validator.model.Models;
import dev.gitops.validator.resource.Resource;
import dev.gitops.validator.source.FieldPath;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Route 53 weighted records and the cluster states: weights valid and equal to the states, record groups
 * consistent, each record owned by one cluster, drained clusters without traffic, the beta domain only at
 * the beta target, even clusters hosting even sprints.
 *
 * <p>Configuration ({@code traffic:} in .gitops-validator.yaml): {@code betaHostnames} — the internal beta
 * hostnames (default: hostnames whose first label is {@code beta}); {@code publicHostnames} — the hostnames
 * whose weights must equal the cluster-state weights (default: every weighted hostname that is not a beta
 * hostname).
 */
public final class TrafficCheck implements Check {

    public static final String CATEGORY = "traffic";
    public static final String EQUAL_SPLIT_ANNOTATION = "gitops.dev/equal-split";

    public static final Rule WEIGHT_RANGE = error("TRAFFIC001", CATEGORY);
    public static final Rule GROUP_CONSISTENT = error("TRAFFIC002", CATEGORY);
    public static final Rule ALL_ZERO = warning("TRAFFIC003", CATEGORY);
    public static final Rule HEALTH_CHECK = warning("TRAFFIC004", CATEGORY);
    public static final Rule ONE_OWNER = error("TRAFFIC005", CATEGORY);
    public static final Rule STATE_VALID = error("TRAFFIC006", CATEGORY);
    public static final Rule WEIGHT_MATCHES_STATE = error("TRAFFIC007", CATEGORY);
    public static final Rule DRAINED = error("TRAFFIC008", CATEGORY);
    public static final Rule BETA_TARGET = error("TRAFFIC009", CATEGORY);
    public static final Rule PARITY = error("TRAFFIC010", CATEGORY);

    @Override
    public List<Rule> rules() {
        return List.of(WEIGHT_RANGE, GROUP_CONSISTENT, ALL_ZERO, HEALTH_CHECK, ONE_OWNER, STATE_VALID,
                WEIGHT_MATCHES_STATE, DRAINED, BETA_TARGET, PARITY);
    }

    @Override
    public void run(CheckContext context, Findings findings) {
        Topology topology = Topology.of(context.config(), context.resources());
        Map<String, ClusterState> states = states(context, topology, findings);
        List<WeightedRecord> records = records(context);
        Settings settings = context.config().settings(SECTION);
        List<String> betaHosts = settings.betaHostnames();
        List<String> publicHosts = settings.publicHostnames();

        for (WeightedRecord r : records) {
            checkWeight(r, findings);
        }
        drainedCapacity(context, topology, states, findings);
        checkGroups(records, topology, findings);
        for (WeightedRecord r : records) {
            Set<String> clusters = topology.clustersOf(r.source());
            boolean beta = betaHosts.isEmpty() ? r.name().startsWith("beta.") : betaHosts.contains(r.name());
            for (String c : clusters) {
                ClusterState s = states.get(c);
                if (s == null) {
                    continue;
                }
                if (beta) {
                    if (!s.betaTarget()) {
                        findings.at(BETA_TARGET, r.source(), FieldPath.ROOT, "beta hostname " + r.name()
                                        + " is published by cluster " + c + ", which is not the beta target",
                                "publish the beta record only in the cluster whose cluster-state has betaTarget: \"true\"",
                                List.of(Findings.location(s.source(), ClusterState.path("betaTarget"),
                                        "cluster-state of " + c)));
                    }
                    continue;
                }
                boolean isPublic = publicHosts.isEmpty() || publicHosts.contains(r.name());
                Long w = r.weightValue();
                if (isPublic && w != null && w != s.weight()) {
                    findings.at(WEIGHT_MATCHES_STATE, r.source(), r.weightPath(), "weight " + w + " of " + r.name()
                                    + " in cluster " + c + " differs from the cluster-state weight " + s.weight(),
                            "set the record's weight to the cluster-state weight (./gitops shift changes both)",
                            List.of(Findings.location(s.source(), ClusterState.path("weight"), "cluster-state of " + c)));
                }
            }
        }
    }

    private Map<String, ClusterState> states(CheckContext context, Topology topology, Findings findings) {
        Map<String, ClusterState> states = new TreeMap<>();
        Map<String, Resource> sources = new LinkedHashMap<>();
        for (Resource r : context.resources()) {
            if (!ClusterState.isClusterState(r)) {
                continue;
            }
            List<ModelProblem> problems = new ArrayList<>();
            ClusterState s = ClusterState.read(r, problems);
            for (ModelProblem p : problems) {
                findings.at(STATE_VALID, r, p.path(), p.message(), "see docs/gitops-tree.md, 'Cluster state'");
            }
            if (s == null) {
                continue;
            }
            String folder = ClusterState.folderOf(r);
            Set<String> deployed = topology.clustersOf(r);
            String cluster = deployed.size() == 1 ? deployed.iterator().next() : folder;
            if (cluster != null && !cluster.equals(s.cluster()) && topology.clusters().contains(cluster)) {
                findings.at(PARITY, r, ClusterState.path("cluster"), "cluster-state of cluster " + cluster
                        + " says cluster: " + s.cluster(), "data.cluster names the cluster the file belongs to");
            }
            String label = s.source().ref() == null ? null : label(r);
            if (label != null && !label.equals(s.cluster())) {
                findings.at(STATE_VALID, r, FieldPath.of("metadata", "labels", ClusterState.CLUSTER_LABEL),
                        "label " + ClusterState.CLUSTER_LABEL + "=" + label + " differs from data.cluster " + s.cluster(),
                        null);
            }
            if (!ClusterState.parityOf(s.sprint()).equals(s.cluster())) {
                findings.at(PARITY, r, ClusterState.path("sprint"), "the " + s.cluster() + " cluster hosts sprint "
                        + s.sprint() + ", an " + ClusterState.parityOf(s.sprint()) + " sprint",
                        "even sprints ship to the even cluster, odd sprints to the odd cluster");
            }
            if (s.drained() && s.weight() > 0) {
                findings.at(DRAINED, r, ClusterState.path("weight"), "cluster " + s.cluster()
                        + " is drained but has weight " + s.weight(), "move the weight away before draining");
            }
            if (s.drained() && s.betaTarget()) {
                findings.at(DRAINED, r, ClusterState.path("betaTarget"), "cluster " + s.cluster()
                        + " is drained but is the beta target", null);
            }
            if (s.weight() > 0 && !s.betaValidated()) {
                findings.at(STATE_VALID, r, ClusterState.path("weight"), "cluster " + s.cluster() + " has weight "
                        + s.weight() + " but its sprint " + s.sprint() + " is not betaValidated",
                        "public traffic moves only to a sprint that passed beta");
            }
            String key = cluster == null ? s.cluster() : cluster;
            Resource first = sources.putIfAbsent(key, r);
            if (first != null) {
                findings.at(STATE_VALID, r, FieldPath.ROOT, "cluster " + key + " has a second cluster-state", null,
                        List.of(Findings.location(first, FieldPath.ROOT, "first cluster-state")));
                continue;
            }
            states.put(key, s);
        }
        if (states.size() >= 2) {
            int total = states.values().stream().mapToInt(ClusterState::weight).sum();
            if (total != ClusterState.MAX_WEIGHT) {
                ClusterState last = states.values().stream().reduce((a, b) -> b).orElseThrow();
                List<Location> related = states.values().stream().filter(x -> x != last)
                        .map(x -> Findings.location(x.source(), ClusterState.path("weight"), "weight of " + x.cluster()))
                        .toList();
                findings.at(STATE_VALID, last.source(), ClusterState.path("weight"),
                        "the clusters' weights sum to " + total + ", not 100", "weights are shares of public traffic",
                        related);
            }
            List<ClusterState> beta = states.values().stream().filter(ClusterState::betaTarget).toList();
            if (beta.size() > 1) {
                findings.at(BETA_TARGET, beta.get(1).source(), ClusterState.path("betaTarget"),
                        "more than one cluster is the beta target", null,
                        List.of(Findings.location(beta.getFirst().source(), ClusterState.path("betaTarget"),
                                "beta target " + beta.getFirst().cluster())));
            }
        }
        return states;
    }

    /** A drained cluster runs no replicas and no node-pool capacity in its per-cluster manifests. */
    private static void drainedCapacity(CheckContext context, Topology topology, Map<String, ClusterState> states,
                                        Findings findings) {
        Models models = Models.of(context.resources());
        for (ClusterState s : states.values()) {
            if (!s.drained()) {
                continue;
            }
            List<Location> state = List.of(Findings.location(s.source(), ClusterState.path("drained"),
                    "cluster-state of " + s.cluster()));
            for (Resource r : context.resources()) {
                if (!topology.onlyIn(r, s.cluster()) || r.kind() == null || !dev.gitops.validator.model.Core.WORKLOAD_KINDS.contains(r.kind())) {
                    continue;
                }
                var w = dev.gitops.validator.model.Core.Workload.read(r);
                if (w.isWorkload() && w.replicas() != null && w.replicas() > 0) {
                    findings.at(DRAINED, r, FieldPath.of("spec", "replicas"), w.kind() + " " + w.name() + " runs "
                                    + w.replicas() + " replicas in drained cluster " + s.cluster(),
                            "./gitops drain sets per-cluster replicas and node-pool limits to 0", state);
                }
            }
            for (var pool : models.all(ModelKind.NODE_POOL)) {
                if (!topology.onlyIn(pool.source(), s.cluster())) {
                    continue;
                }
                for (var e : pool.limits().entrySet()) {
                    if (e.getValue() != null && !String.valueOf(e.getValue()).strip().matches("0+[a-zA-Z]*")) {
                        findings.at(DRAINED, pool.source(), FieldPath.of("spec", "limits", e.getKey()), "NodePool "
                                        + pool.name() + " keeps " + e.getKey() + " capacity " + e.getValue()
                                        + " in drained cluster " + s.cluster(),
                                "./gitops drain sets per-cluster replicas and node-pool limits to 0", state);
                    }
                }
            }
        }
    }

    private static String label(Resource r) {
        Object v = r.get(FieldPath.of("metadata", "labels", ClusterState.CLUSTER_LABEL));
        return v instanceof String s ? s : null;
    }

    private static List<WeightedRecord> records(CheckContext context) {
        Models models = Models.of(context.resources());
        List<WeightedRecord> out = new ArrayList<>();
        for (Aws.RecordSet r : models.all(ModelKind.RECORD_SET)) {
            out.addAll(WeightedRecord.from(r));
        }
        for (Resource r : context.resources()) {
            if (ModelKind.of(r) != null || ClusterState.isClusterState(r)) {
                continue;
            }
            ExternalDns e = ExternalDns.of(r);
            if (e != null) {
                out.addAll(WeightedRecord.from(e));
            }
        }
        return out;
    }

    private static void checkWeight(WeightedRecord r, Findings findings) {
        if (r.weight() == null) {
            // A secondary without a health check is answered whenever the primary is unhealthy, as intended.
            if (r.failover() != null && !"SECONDARY".equals(r.failover()) && !r.healthChecked()) {
                findings.at(HEALTH_CHECK, r.source(), r.setIdentifierPath().parent(), "failover record " + r.name()
                        + " has no health check", "set healthCheckID or aliasTarget.evaluateTargetHealth: true");
            }
            return;
        }
        Long w = r.weightValue();
        if (w == null || w > 255) {
            findings.at(WEIGHT_RANGE, r.source(), r.weightPath(), "weight '" + r.weight() + "' of " + r.name()
                            + " is not an integer from 0 to 255",
                    "ExternalDNS replaces a non-integer weight with 0; Route 53 rejects values above 255");
        }
        if (r.setIdentifier() == null || r.setIdentifier().isBlank()) {
            findings.at(GROUP_CONSISTENT, r.source(), r.weightPath(), "weighted record " + r.name()
                    + " has no set identifier", "set the set identifier to the cluster name (even/odd)");
        }
        if (!r.healthChecked()) {
            findings.at(HEALTH_CHECK, r.source(), r.weightPath(), "weighted record " + r.name()
                            + " has no health check, so Route 53 keeps sending traffic to an unhealthy cluster",
                    "set healthCheckID, or an alias target with evaluateTargetHealth: true");
        }
    }

    private static void checkGroups(List<WeightedRecord> records, Topology topology, Findings findings) {
        Map<String, List<WeightedRecord>> byName = new LinkedHashMap<>();
        for (WeightedRecord r : records) {
            byName.computeIfAbsent(r.groupKey(), k -> new ArrayList<>()).add(r);
        }
        for (List<WeightedRecord> group : byName.values()) {
            WeightedRecord first = group.getFirst();
            Map<String, WeightedRecord> bySetId = new LinkedHashMap<>();
            for (WeightedRecord r : group) {
                if (r == first) {
                    if (r.setIdentifier() != null) {
                        bySetId.put(r.setIdentifier(), r);
                    }
                    continue;
                }
                List<Location> rel = List.of(Findings.location(first.source(), first.weightPath(),
                        "other record of " + first.name()));
                if (r.isWeighted() != first.isWeighted()) {
                    findings.at(GROUP_CONSISTENT, r.source(), r.isWeighted() ? r.weightPath() : FieldPath.ROOT,
                            "record " + r.name() + " mixes weighted and non-weighted routing with another record",
                            "all records of one name and type use the same routing policy", rel);
                }
                boolean alias = r.source().get("spec.aliasTarget") != null || first.source().get("spec.aliasTarget") != null;
                if (r.ttl() != null && first.ttl() != null && !r.ttl().equals(first.ttl())
                        || !alias && (r.ttl() == null) != (first.ttl() == null)) {
                    findings.at(GROUP_CONSISTENT, r.source(), r.ttl() == null ? r.weightPath() : r.ttlPath(),
                            "TTL " + r.ttl() + " of " + r.name() + " differs from TTL " + first.ttl()
                                    + " of the other record", "Route 53 keeps only the last TTL written; use one TTL",
                            rel);
                }
                if (r.setIdentifier() != null) {
                    WeightedRecord same = bySetId.putIfAbsent(r.setIdentifier(), r);
                    if (same != null) {
                        boolean crossCluster = !topology.clustersOf(same.source()).equals(topology.clustersOf(r.source()))
                                || topology.clustersOf(r.source()).size() > 1;
                        findings.at(crossCluster ? ONE_OWNER : GROUP_CONSISTENT, r.source(), r.setIdentifierPath(),
                                "set identifier '" + r.setIdentifier() + "' of " + r.name() + " is used by another record",
                                "each cluster owns one record, named by its own set identifier (even/odd)",
                                List.of(Findings.location(same.source(), same.setIdentifierPath(), "other record")));
                    }
                }
            }
            for (WeightedRecord r : group) {
                if (r.isWeighted() && topology.clustersOf(r.source()).size() > 1) {
                    findings.at(ONE_OWNER, r.source(), r.setIdentifierPath(), "record " + r.name() + " ("
                                    + r.setIdentifier() + ") is deployed by clusters "
                                    + topology.clustersOf(r.source()) + "; the clusters' controllers would fight over it",
                            "define the weighted record in apps/<component>/<cluster>/, once per cluster");
                }
            }
            List<WeightedRecord> weighted = group.stream().filter(WeightedRecord::isWeighted).toList();
            if (weighted.size() >= 2 && weighted.stream().allMatch(r -> Long.valueOf(0).equals(r.weightValue()))
                    && weighted.stream().noneMatch(TrafficCheck::equalSplitIntended)) {
                WeightedRecord last = weighted.getLast();
                findings.at(ALL_ZERO, last.source(), last.weightPath(), "every weighted record of " + last.name()
                                + " has weight 0: Route 53 then splits traffic evenly, it does not stop it",
                        "give the active cluster a positive weight, or annotate " + EQUAL_SPLIT_ANNOTATION
                                + ": \"true\" when an equal split is intended",
                        List.of(Findings.location(weighted.getFirst().source(), weighted.getFirst().weightPath(),
                                "other record")));
            }
        }
    }

    private static boolean equalSplitIntended(WeightedRecord r) {
        Object v = r.source().get(FieldPath.of("metadata", "annotations", EQUAL_SPLIT_ANNOTATION));
        return "true".equals(v);
    }

    /** {@code traffic:} in the configuration: the beta and public hostnames (normalized). */
    record Settings(List<String> betaHostnames, List<String> publicHostnames) {
    }

    static final ConfigSection<Settings> SECTION = new ConfigSection<>("traffic",
            r -> new Settings(normalized(r.strings("betaHostnames")), normalized(r.strings("publicHostnames"))));

    private static List<String> normalized(List<String> hostnames) {
        return hostnames.stream().map(WeightedRecord::normalize).toList();
    }

    @Override
    public List<ConfigSection<?>> configSections() {
        return List.of(SECTION);
    }
}
