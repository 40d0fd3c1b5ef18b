package dev.gitops.validator.domain.rollouts;

import static dev.gitops.validator.finding.Rule.error;

import dev.gitops.validator.check.Check;
import dev.gitops.validator.check.CheckContext;
import dev.gitops.validator.check.Findings;
import dev.gitops.validator.domain.Topology;
import dev.gitops.validator.domain.infra.InfraLayer;
import dev.gitops.validator.domain.infra.ScraperCheck;
import dev.gitops.validator.domain.rollouts.PromqlSelectors.LabelMatcher;
import dev.gitops.validator.domain.rollouts.PromqlSelectors.Selector;
import dev.gitops.validator.finding.Location;
import dev.gitops.validator.finding.Rule;
import dev.gitops.validator.resource.Resource;
import dev.gitops.validator.source.FieldPath;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;

/**
 * ROLLOUT023: when two or more Amazon Managed Prometheus collectors (ACK {@code Scraper}) write to one
 * workspace and an external label of their scrape configuration ({@code global.external_labels}) tells
 * them apart, every vector selector of a Prometheus query of an AnalysisTemplate or
 * ClusterAnalysisTemplate whose provider address is that workspace filters on such a label with a
 * matcher {@code =} or {@code =~} (a value that matches everything does not count). Otherwise a canary
 * gate of one cluster averages in the series of the other, which carry the same pod-template hash when
 * a template is released on both. A Scraper's workspace is its {@code workspaceRef} (resolved to the id
 * the Workspace's {@code services.k8s.aws/adoption-fields} record) or its {@code workspaceARN}; an
 * address names a workspace by its {@code /workspaces/ws-...} path. Selectors are found by
 * {@link PromqlSelectors}, not a full PromQL parser. When such a filter's value is a template argument
 * ({@code cluster="{{args.cluster}}"}), a Rollout of one cluster that passes it a literal value passes the
 * value that cluster's collector (a Scraper under {@code clusters/<cluster>/} of the infrastructure
 * layer) stamps.
 */
public final class SharedWorkspaceQueryCheck implements Check {

    public static final Rule CLUSTER_FILTER = error("ROLLOUT023", RolloutSpecCheck.CATEGORY);

    private static final String AMP = "prometheusservice.services.k8s.aws";
    private static final Pattern WORKSPACE_ARN = Pattern.compile("arn:aws[a-z-]*:aps:[a-z0-9-]+:[0-9]{12}:workspace/(.+)");
    private static final Pattern ADDRESS = Pattern.compile("/workspaces/(ws-[0-9a-zA-Z-]+)");
    private static final Pattern ARG = Pattern.compile("\\{\\{\\s*args\\.([A-Za-z0-9_.-]+)\\s*}}");
    private static final Set<String> MATCH_ALL = Set.of("", ".*", ".+", ".*?");

    /** The collectors writing to one workspace and the external labels whose values tell them apart. */
    private record SharedWorkspace(String id, List<Resource> scrapers, Set<String> labels) {
    }

    /** A template argument used as the value of a filter on a distinguishing label of a shared workspace. */
    private record FilterArg(String label, SharedWorkspace workspace) {
    }

    @Override
    public List<Rule> rules() {
        return List.of(CLUSTER_FILTER);
    }

    @Override
    public void run(CheckContext context, Findings findings) {
        Map<String, SharedWorkspace> shared = sharedWorkspaces(context.resources());
        if (shared.isEmpty()) {
            return;
        }
        Map<Resource, Map<String, FilterArg>> filterArgs = new LinkedHashMap<>();
        for (Resource t : context.resources()) {
            if (!"argoproj.io".equals(t.ref().group())
                    || !("AnalysisTemplate".equals(t.kind()) || "ClusterAnalysisTemplate".equals(t.kind()))
                    || !(t.get(FieldPath.of("spec", "metrics")) instanceof List<?> metrics)) {
                continue;
            }
            for (int i = 0; i < metrics.size(); i++) {
                FieldPath prometheus = FieldPath.of("spec", "metrics").index(i).key("provider").key("prometheus");
                if (t.get(prometheus.key("address")) instanceof String address
                        && t.get(prometheus.key("query")) instanceof String query) {
                    Matcher m = ADDRESS.matcher(address);
                    SharedWorkspace ws = m.find() ? shared.get(m.group(1)) : null;
                    if (ws != null) {
                        query(t, prometheus.key("query"), query, ws, findings);
                        for (Selector sel : PromqlSelectors.of(query)) {
                            for (LabelMatcher x : sel.matchers()) {
                                Matcher arg = ARG.matcher(x.value());
                                if (ws.labels().contains(x.label()) && x.op().equals("=") && arg.matches()) {
                                    filterArgs.computeIfAbsent(t, k -> new LinkedHashMap<>())
                                            .put(arg.group(1), new FilterArg(x.label(), ws));
                                }
                            }
                        }
                    }
                }
            }
        }
        Topology topology = Topology.of(context.config(), context.resources());
        for (Resource r : context.resources()) {
            if ("Rollout".equals(r.kind()) && "argoproj.io".equals(r.ref().group())
                    && topology.clustersOf(r).size() == 1) {
                String cluster = topology.clustersOf(r).iterator().next();
                FieldPath strategy = FieldPath.of("spec", "strategy");
                List<FieldPath> refs = new ArrayList<>(List.of(strategy.key("canary").key("analysis"),
                        strategy.key("blueGreen").key("prePromotionAnalysis"),
                        strategy.key("blueGreen").key("postPromotionAnalysis")));
                if (r.get(strategy.key("canary").key("steps")) instanceof List<?> steps) {
                    for (int i = 0; i < steps.size(); i++) {
                        refs.add(strategy.key("canary").key("steps").index(i).key("analysis"));
                    }
                }
                refs.forEach(at -> arguments(r, cluster, at, filterArgs, findings));
            }
        }
    }

    /**
     * The literal value a Rollout of {@code cluster} passes to a template argument that filters a shared
     * workspace's series is the value the cluster's own collector stamps (a collector of
     * {@code infra/.../clusters/<cluster>/}); a Rollout passing another cluster's value judges the wrong traffic.
     */
    private static void arguments(Resource r, String cluster, FieldPath at, Map<Resource, Map<String, FilterArg>> filterArgs,
                                  Findings findings) {
        if (!(r.get(at.key("templates")) instanceof List<?> templates) || !(r.get(at.key("args")) instanceof List<?> args)) {
            return;
        }
        for (Object ref : templates) {
            if (!(ref instanceof Map<?, ?> tm) || !(tm.get("templateName") instanceof String name)) {
                continue;
            }
            String kind = Boolean.TRUE.equals(tm.get("clusterScope")) ? "ClusterAnalysisTemplate" : "AnalysisTemplate";
            filterArgs.forEach((t, used) -> {
                if (!t.kind().equals(kind) || !name.equals(t.ref().name())
                        || (kind.equals("AnalysisTemplate") && !Objects.equals(t.ref().namespace(), r.ref().namespace()))) {
                    return;
                }
                for (int j = 0; j < args.size(); j++) {
                    FilterArg f = args.get(j) instanceof Map<?, ?> a && a.get("name") instanceof String n ? used.get(n) : null;
                    Object value = f == null ? null : ((Map<?, ?>) args.get(j)).get("value");
                    Resource own = f == null ? null : f.workspace().scrapers().stream()
                            .filter(s -> cluster.equals(InfraLayer.clusterOf(s))).findFirst().orElse(null);
                    String expected = own == null ? null : externalLabels(own).get(f.label());
                    if (value instanceof String v && !v.contains("{{") && expected != null && !expected.equals(v)) {
                        findings.at(CLUSTER_FILTER, r, at.key("args").index(j).key("value"), "Rollout "
                                        + r.ref().name() + " of cluster " + cluster + " passes " + v + " to template " + name
                                        + ", which filters on " + f.label() + " with it, but the collector of " + cluster
                                        + " (" + own.ref().name() + ") stamps " + f.label() + "=" + expected
                                        + ": the analysis judges another cluster's traffic, or none",
                                "pass value: " + expected, List.of(Findings.location(own,
                                        FieldPath.of("spec", "configuration"), "collector " + own.ref().name())));
                    }
                }
            });
        }
    }

    private static void query(Resource t, FieldPath at, String query, SharedWorkspace ws, Findings findings) {
        List<String> unfiltered = PromqlSelectors.of(query).stream()
                .filter(s -> s.matchers().stream().noneMatch(x -> filters(x, ws.labels())))
                .map(Selector::text).distinct().toList();
        if (unfiltered.isEmpty()) {
            return;
        }
        String labels = String.join(" or ", ws.labels());
        String names = String.join(", ", ws.scrapers().stream().map(s -> s.ref().name()).toList());
        List<Location> where = ws.scrapers().stream()
                .map(s -> Findings.location(s, FieldPath.of("spec", "configuration"), "collector " + s.ref().name()))
                .toList();
        findings.at(CLUSTER_FILTER, t, at, "the query reads workspace " + ws.id() + ", which the collectors " + names
                        + " all write to, told apart by the external label " + labels + "; selector"
                        + (unfiltered.size() > 1 ? "s " : " ") + String.join(", ", unfiltered)
                        + (unfiltered.size() > 1 ? " do" : " does") + " not filter on it, so the analysis adds up the"
                        + " series of every cluster (the same pod-template hash runs in both after a re-release or"
                        + " a rollback)",
                "add " + ws.labels().iterator().next() + "=\"{{args." + ws.labels().iterator().next()
                        + "}}\" to every selector and pass the argument per cluster from the Rollout's analysis args",
                where);
    }

    /** A matcher that keeps the series of one collector: {@code =} or {@code =~} on the label, not match-all. */
    private static boolean filters(LabelMatcher m, Set<String> labels) {
        return labels.contains(m.label()) && (m.op().equals("=") || m.op().equals("=~"))
                && !MATCH_ALL.contains(m.value());
    }

    /** Workspaces with two or more collectors, by workspace id, with the labels that tell them apart. */
    private static Map<String, SharedWorkspace> sharedWorkspaces(List<Resource> resources) {
        Map<String, List<Resource>> byWorkspace = new LinkedHashMap<>();
        for (Resource s : resources) {
            if ("Scraper".equals(s.kind()) && AMP.equals(s.ref().group())) {
                String id = workspaceOf(s, resources);
                if (id != null) {
                    byWorkspace.computeIfAbsent(id, k -> new ArrayList<>()).add(s);
                }
            }
        }
        Map<String, SharedWorkspace> out = new LinkedHashMap<>();
        byWorkspace.forEach((id, scrapers) -> {
            Set<String> labels = distinguishing(scrapers);
            if (scrapers.size() > 1 && !labels.isEmpty()) {
                out.put(id, new SharedWorkspace(id, List.copyOf(scrapers), labels));
            }
        });
        return out;
    }

    /** The external labels every collector sets, each to a value no other collector of the list sets. */
    private static Set<String> distinguishing(List<Resource> scrapers) {
        List<Map<String, String>> labels = scrapers.stream().map(SharedWorkspaceQueryCheck::externalLabels).toList();
        Set<String> out = new LinkedHashSet<>(labels.getFirst().keySet());
        for (Map<String, String> l : labels) {
            out.retainAll(l.keySet());
        }
        out.removeIf(name -> labels.stream().map(l -> l.get(name)).distinct().count() < labels.size());
        return out;
    }

    private static Map<String, String> externalLabels(Resource scraper) {
        if (!(scraper.get(FieldPath.of("spec", "configuration")) instanceof String text)) {
            return Map.of();
        }
        try {
            Object parsed = new Load(LoadSettings.builder().build()).loadFromString(text);
            Map<String, String> out = new LinkedHashMap<>();
            if (parsed instanceof Map<?, ?> m && m.get("global") instanceof Map<?, ?> g
                    && g.get("external_labels") instanceof Map<?, ?> labels) {
                labels.forEach((k, v) -> out.put(String.valueOf(k), String.valueOf(v)));
            }
            return out;
        } catch (YamlEngineException e) {
            return Map.of(); // INFRA005 reports a configuration that is not YAML
        }
    }

    /** The id of the workspace a Scraper writes to, or null when it cannot be told. */
    private static String workspaceOf(Resource s, List<Resource> resources) {
        FieldPath amp = FieldPath.of("spec", "destination", "ampConfiguration");
        if (s.get(amp.key("workspaceARN")) instanceof String arn) {
            Matcher m = WORKSPACE_ARN.matcher(arn);
            return m.matches() ? m.group(1) : null;
        }
        if (!(s.get(amp.key("workspaceRef").key("from").key("name")) instanceof String name)) {
            return null;
        }
        String ns = s.get(amp.key("workspaceRef").key("from").key("namespace")) instanceof String n ? n
                : s.ref().namespace();
        return resources.stream()
                .filter(w -> "Workspace".equals(w.kind()) && AMP.equals(w.ref().group())
                        && name.equals(w.ref().name()) && Objects.equals(ns, w.ref().namespace()))
                .map(w -> ScraperCheck.adopted(w, "workspaceID")).filter(Objects::nonNull).findFirst().orElse(null);
    }
}
