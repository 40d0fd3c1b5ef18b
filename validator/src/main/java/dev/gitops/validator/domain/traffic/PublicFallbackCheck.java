package dev.gitops.validator.domain.traffic;

import static dev.gitops.validator.finding.Rule.error;

import dev.gitops.validator.check.Check;
import dev.gitops.validator.check.CheckContext;
import dev.gitops.validator.check.Findings;
import dev.gitops.validator.finding.Rule;
import dev.gitops.validator.domain.Topology;
import dev.gitops.validator.finding.Location;
import dev.gitops.validator.model.ModelProblem;
import dev.gitops.validator.resource.Resource;
import dev.gitops.validator.source.FieldPath;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * What Route 53 answers when the live cluster is unhealthy. The public weighted records sit behind a
 * failover pair (the primary evaluates the weighted records' health, the secondary answers when none is
 * healthy), and a cluster that may not take public traffic holds its zero-weight record unhealthy with
 * its {@link HealthGate}, so that Route 53 never falls back to a sprint that has not passed beta or to a
 * drained cluster.
 *
 * <p>Applies to ACK {@code RecordSet}s; the beta and public hostnames are chosen as in {@link TrafficCheck}.
 */
public final class PublicFallbackCheck implements Check {

    public static final Rule GATED = error("TRAFFIC011", TrafficCheck.CATEGORY);
    public static final Rule FAILOVER = error("TRAFFIC012", TrafficCheck.CATEGORY);

    private static final FieldPath FAILOVER_PATH = FieldPath.of("spec", "failover");
    private static final FieldPath ALIAS = FieldPath.of("spec", "aliasTarget");

    @Override
    public List<Rule> rules() {
        return List.of(GATED, FAILOVER);
    }

    @Override
    public void run(CheckContext context, Findings findings) {
        Topology topology = Topology.of(context.config(), context.resources());
        TrafficCheck.Settings settings = context.config().settings(TrafficCheck.SECTION);
        List<String> betaHosts = settings.betaHostnames();
        List<String> publicHosts = settings.publicHostnames();
        List<Resource> weighted = new ArrayList<>();
        List<Resource> failover = new ArrayList<>();
        for (Resource r : context.resources()) {
            if (!HealthGate.isRecordSet(r)) {
                continue;
            }
            if (r.get(FAILOVER_PATH) != null) {
                failover.add(r);
            } else if (r.get(FieldPath.of("spec", "weight")) != null) {
                String name = name(r);
                boolean beta = betaHosts.isEmpty() ? name.startsWith("beta.") || name.equals("beta")
                        : betaHosts.contains(name);
                if (!beta && (publicHosts.isEmpty() || publicHosts.contains(name))) {
                    weighted.add(r);
                }
            }
        }
        Map<String, ClusterState> states = states(context, topology);
        for (Resource r : weighted) {
            gate(r, context.resources(), topology, states, findings);
        }
        failoverPairs(failover, findings);
        fronted(weighted, failover, HostedZones.of(context.resources()), findings);
    }

    private static void gate(Resource r, List<Resource> all, Topology topology, Map<String, ClusterState> states,
                             Findings findings) {
        Set<String> clusters = topology.clustersOf(r);
        if (clusters.size() != 1 || !states.containsKey(clusters.iterator().next())) {
            return;
        }
        ClusterState s = states.get(clusters.iterator().next());
        List<Resource> together = all.stream().filter(x -> topology.sameCluster(r, x)).toList();
        HealthGate gate = HealthGate.of(r, together);
        Object weight = r.get(FieldPath.of("spec", "weight"));
        long w = weight instanceof Long l ? l : 0;
        List<Location> state = List.of(Findings.location(s.source(), ClusterState.path(
                s.drained() ? "drained" : "betaValidated"), "cluster-state of " + s.cluster()));
        String why = s.drained() ? "cluster " + s.cluster() + " is drained"
                : "sprint " + s.sprint() + " on " + s.cluster() + " is not beta-validated";
        if (!HealthGate.mayServe(s)) {
            if (gate == null) {
                findings.at(GATED, r, r.get(HealthGate.REF) != null ? HealthGate.REF : FieldPath.of("spec", "weight"),
                        "public record " + name(r) + " of cluster " + s.cluster() + " can be answered although " + why
                                + ": Route 53 answers with a weight-0 record when every record with weight is unhealthy",
                        "reference a HealthCheck (spec.healthCheckRef) whose healthCheckConfig has disabled: true and"
                                + " inverted: true; ./gitops beta-ok opens it", state);
            } else if (!gate.closed()) {
                Resource hc = gate.healthCheck();
                findings.at(GATED, hc, hc.get(HealthGate.DISABLED) != null ? HealthGate.DISABLED
                                : FieldPath.of("spec", "healthCheckConfig"),
                        "health check " + hc.ref().name() + " of public record " + name(r) + " is not held unhealthy"
                                + " although " + why + ": when the live cluster fails, Route 53 answers with "
                                + s.cluster(),
                        "set healthCheckConfig disabled: true and inverted: true (./gitops release and drain do)",
                        List.of(state.getFirst(), Findings.location(r, HealthGate.REF, "the record it gates")));
            }
        } else if (gate != null && w > 0 && !gate.open()) {
            Resource hc = gate.healthCheck();
            findings.at(GATED, hc, gate.closed() || Boolean.TRUE.equals(gate.disabled()) ? HealthGate.DISABLED
                            : HealthGate.INVERTED,
                    "health check " + hc.ref().name() + " does not follow its endpoint although public record "
                            + name(r) + " carries weight " + w + (gate.closed() ? ": Route 53 never answers with it"
                            : ": Route 53 keeps answering with it when the cluster fails"),
                    "set healthCheckConfig disabled: false and inverted: false (./gitops beta-ok does)",
                    List.of(Findings.location(r, FieldPath.of("spec", "weight"), "the record it gates")));
        }
    }

    /** Each failover name has one primary and one secondary. */
    private static void failoverPairs(List<Resource> failover, Findings findings) {
        Map<String, List<Resource>> groups = new LinkedHashMap<>();
        for (Resource r : failover) {
            groups.computeIfAbsent(zone(r) + "|" + name(r) + "|" + r.get("spec.recordType"), k -> new ArrayList<>())
                    .add(r);
        }
        for (List<Resource> group : groups.values()) {
            for (String role : List.of("PRIMARY", "SECONDARY")) {
                List<Resource> of = group.stream().filter(r -> role.equals(r.get(FAILOVER_PATH))).toList();
                if (of.size() != 1) {
                    Resource at = of.isEmpty() ? group.getFirst() : of.get(1);
                    findings.at(FAILOVER, at, FAILOVER_PATH, "failover record " + name(at) + " has " + of.size() + " "
                                    + role + " records, not one",
                            "a failover pair is one PRIMARY and one SECONDARY record of the same name and type");
                }
            }
        }
    }

    /** Every public weighted name is the alias target of a failover primary that evaluates its health. */
    private static void fronted(List<Resource> weighted, List<Resource> failover, HostedZones zones,
                                Findings findings) {
        Map<String, Resource> names = new LinkedHashMap<>();
        for (Resource r : weighted) {
            names.putIfAbsent(zone(r) + "|" + name(r), r);
        }
        for (Resource r : names.values()) {
            String fqdn = zones.fqdn(r);
            String name = fqdn != null ? fqdn : name(r);
            Resource primary = null;
            for (Resource f : failover) {
                if ("PRIMARY".equals(f.get(FAILOVER_PATH)) && f.get(ALIAS.key("dnsName")) instanceof String dns
                        && aliasNames(WeightedRecord.normalize(dns), name, fqdn != null)
                        && (!(r.get("spec.hostedZoneID") instanceof String z) || z.equals(f.get(ALIAS.key("hostedZoneID"))))) {
                    primary = f;
                }
            }
            if (primary == null) {
                findings.at(FAILOVER, r, FieldPath.of("spec", "name"), "public weighted records " + name
                                + " are not behind a failover pair: when every cluster is unhealthy Route 53 answers"
                                + " with an unhealthy one, and nothing else can answer",
                        "publish the public name as a failover pair: PRIMARY an alias to " + name
                                + " with evaluateTargetHealth: true, SECONDARY the fallback endpoint");
            } else if (!Boolean.TRUE.equals(primary.get(ALIAS.key("evaluateTargetHealth")))) {
                findings.at(FAILOVER, primary, ALIAS, "failover primary " + name(primary) + " does not evaluate the"
                                + " health of " + name + ": Route 53 never fails over to the secondary",
                        "set aliasTarget.evaluateTargetHealth: true",
                        List.of(Findings.location(r, FieldPath.of("spec", "name"), "weighted record")));
            }
        }
    }

    /**
     * An alias DNS name names a record: its full name when the record's zone is declared (as
     * {@link HostedZones} computes it), else the relative name followed by some domain.
     */
    private static boolean aliasNames(String dns, String name, boolean full) {
        return dns.equals(name) || !full && dns.startsWith(name + ".");
    }

    private static Map<String, ClusterState> states(CheckContext context, Topology topology) {
        Map<String, ClusterState> out = new TreeMap<>();
        for (Resource r : context.resources()) {
            if (!ClusterState.isClusterState(r)) {
                continue;
            }
            ClusterState s = ClusterState.read(r, new ArrayList<ModelProblem>());
            if (s == null) {
                continue; // TRAFFIC006 reports it
            }
            Set<String> deployed = topology.clustersOf(r);
            out.putIfAbsent(deployed.size() == 1 ? deployed.iterator().next() : s.cluster(), s);
        }
        return out;
    }

    private static String name(Resource r) {
        return r.get("spec.name") instanceof String n ? WeightedRecord.normalize(n) : "";
    }

    private static String zone(Resource r) {
        Object id = r.get("spec.hostedZoneID");
        return id instanceof String s ? s : String.valueOf(r.get("spec.hostedZoneRef.from.name"));
    }
}
