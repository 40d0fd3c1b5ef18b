package dev.gitops.validator.domain.parity;

import static dev.gitops.validator.finding.Rule.error;

import dev.gitops.validator.check.Check;
import dev.gitops.validator.check.CheckContext;
import dev.gitops.validator.check.Findings;
import dev.gitops.validator.config.ConfigSection;
import dev.gitops.validator.domain.Topology;
import dev.gitops.validator.domain.traffic.ShutdownScope;
import dev.gitops.validator.finding.Rule;
import dev.gitops.validator.model.ArgoCd.Application;
import dev.gitops.validator.model.ModelKind;
import dev.gitops.validator.model.Models;
import dev.gitops.validator.resource.Resource;
import dev.gitops.validator.source.FieldPath;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Even/odd parity: both clusters run the same applications, and each per-cluster manifest
 * ({@code clusters/<c>/**}, {@code apps/<component>/<c>/**}) has a counterpart in the other cluster that
 * differs only where the allow-list permits. The cluster name itself (as a word: {@code docproc-even},
 * {@code apps/web/even}) is expected to differ and is compared as the other cluster's name.
 *
 * <p>Configuration ({@code parity:} in .gitops-validator.yaml): {@code allow} — field path patterns that may
 * differ, added to the defaults ({@code *} one segment, {@code **} any number; e.g.
 * {@code spec.template.spec.containers[*].image}); {@code allowUnpaired} — {@code Kind/name} globs of
 * resources that may exist in one cluster only (default: beta records, {@code *beta*}).
 */
public final class ParityCheck implements Check {

    public static final String CATEGORY = "parity";
    public static final Rule SAME_APPS = error("PARITY001", CATEGORY);
    public static final Rule SAME_CONTENT = error("PARITY002", CATEGORY);

    /**
     * What may differ by default: images, sprint and version labels, weights, beta and drain flags, the
     * serving gates of the public records (TRAFFIC011), how far shutdown has gone, hostnames,
     * replica counts and KEDA pause annotations (a drained cluster), node-pool limits and the cluster's own
     * web ACL ARN (AWS assigns its id), the dates the release commands write on the cluster states (COST001-002).
     */
    static final List<String> DEFAULT_ALLOW = List.of(
            "**.image", "data.sprint", "data.weight", "data.betaTarget", "data.betaValidated", "data.drained",
            "spec.weight", "spec.healthCheckConfig.disabled", "spec.healthCheckConfig.inverted",
            "metadata.annotations[\"external-dns.kubernetes.io/aws-weight\"]",
            "metadata.annotations[\"external-dns.alpha.kubernetes.io/aws-weight\"]",
            "metadata.annotations[\"external-dns.kubernetes.io/hostname\"]",
            "metadata.annotations[\"external-dns.alpha.kubernetes.io/hostname\"]",
            "**.hostname", "**.hostnames", "**.hostnames[*]", "**.host", "spec.rules[*].host", "spec.tls[*].hosts",
            "spec.tls[*].hosts[*]", "**.replicas", "spec.minReplicaCount", "spec.maxReplicaCount",
            "spec.limits.cpu", "spec.limits.memory", "**.beta", "**.betaTarget",
            "**.labels.version", "**.labels[\"app.kubernetes.io/version\"]", "**.labels[\"gitops.dev/sprint\"]",
            "**.annotations[\"gitops.dev/sprint\"]",
            "metadata.annotations[\"alb.ingress.kubernetes.io/wafv2-acl-arn\"]",
            "metadata.annotations[\"alb.ingress.kubernetes.io/wafv2-acl-name\"]",
            "metadata.annotations[\"autoscaling.keda.sh/paused-replicas\"]",
            "metadata.annotations[\"autoscaling.keda.sh/paused\"]",
            "metadata.annotations[\"gitops.dev/beta-since\"]", "metadata.annotations[\"gitops.dev/drained-since\"]",
            "data.shutDown");
    static final List<String> DEFAULT_UNPAIRED = List.of("*/*beta*");
    private static final int MAX_DIFFS = 10;

    @Override
    public List<Rule> rules() {
        return List.of(SAME_APPS, SAME_CONTENT);
    }

    @Override
    public void run(CheckContext context, Findings findings) {
        Topology topology = Topology.of(context.config(), context.resources());
        List<String> clusters = new ArrayList<>(topology.clusters());
        if (clusters.size() != 2) {
            return;
        }
        Settings settings = context.config().settings(SECTION);
        List<PathPattern> allow = new ArrayList<>();
        for (String p : DEFAULT_ALLOW) {
            allow.add(PathPattern.of(p));
        }
        for (String p : settings.allow()) {
            allow.add(PathPattern.of(p));
        }
        List<String> unpaired = new ArrayList<>(DEFAULT_UNPAIRED);
        unpaired.addAll(settings.allowUnpaired());
        String a = clusters.get(0);
        String b = clusters.get(1);
        ShutdownScope shutdown = ShutdownScope.of(context.config(), context.resources());
        apps(context, a, b, unpaired, shutdown, findings);
        Map<String, Resource> inA = perCluster(context.resources(), topology, a);
        Map<String, Resource> inB = perCluster(context.resources(), topology, b);
        for (Map.Entry<String, Resource> e : inA.entrySet()) {
            String twinKey = Names.swap(e.getKey(), a, b);
            Resource twin = inB.get(twinKey);
            if (twin == null) {
                missing(e.getValue(), a, b, twinKey, unpaired, shutdown, findings);
                continue;
            }
            diff(e.getValue(), twin, a, b, allow, findings);
        }
        for (Map.Entry<String, Resource> e : inB.entrySet()) {
            if (!inA.containsKey(Names.swap(e.getKey(), b, a))) {
                missing(e.getValue(), b, a, Names.swap(e.getKey(), b, a), unpaired, shutdown, findings);
            }
        }
    }

    private static boolean unpairedAllowed(String id, List<String> unpaired) {
        for (String g : unpaired) {
            if (java.nio.file.FileSystems.getDefault().getPathMatcher("glob:" + g.replace("/", "\u0001"))
                    .matches(java.nio.file.Path.of(id.replace("/", "\u0001")))) {
                return true;
            }
        }
        return false;
    }

    private void apps(CheckContext context, String a, String b, List<String> unpaired, ShutdownScope shutdown,
                      Findings f) {
        Map<String, Application> appsA = new LinkedHashMap<>();
        Map<String, Application> appsB = new LinkedHashMap<>();
        for (Application app : Models.of(context.resources()).all(ModelKind.APPLICATION)) {
            String p = Topology.path(app.source());
            if (p.startsWith("clusters/" + a + "/")) {
                appsA.put(Names.swap(String.valueOf(app.name()), a, "{cluster}"), app);
            } else if (p.startsWith("clusters/" + b + "/")) {
                appsB.put(Names.swap(String.valueOf(app.name()), b, "{cluster}"), app);
            }
        }
        appsA.forEach((name, app) -> {
            if (!appsB.containsKey(name) && !unpairedAllowed("Application/" + app.name(), unpaired)
                    && !shutdown.removed(b, app.name())) {
                f.at(SAME_APPS, app.source(), FieldPath.of("metadata", "name"), "Application " + app.name()
                        + " runs in cluster " + a + " but not in cluster " + b, "add it to clusters/" + b + "/apps/");
            }
        });
        appsB.forEach((name, app) -> {
            if (!appsA.containsKey(name) && !unpairedAllowed("Application/" + app.name(), unpaired)
                    && !shutdown.removed(a, app.name())) {
                f.at(SAME_APPS, app.source(), FieldPath.of("metadata", "name"), "Application " + app.name()
                        + " runs in cluster " + b + " but not in cluster " + a, "add it to clusters/" + a + "/apps/");
            }
        });
    }

    /** Resources deployed to this cluster only, keyed by file path, kind and name. */
    private static Map<String, Resource> perCluster(List<Resource> resources, Topology topology, String cluster) {
        Map<String, Resource> out = new LinkedHashMap<>();
        for (Resource r : resources) {
            if (topology.onlyIn(r, cluster)) {
                out.putIfAbsent(key(r), r);
            }
        }
        return out;
    }

    private static String key(Resource r) {
        return Topology.path(r) + "|" + r.kind() + "|" + r.ref().name();
    }

    private void missing(Resource r, String here, String other, String twinKey, List<String> unpaired,
                         ShutdownScope shutdown, Findings f) {
        if (unpairedAllowed(r.kind() + "/" + r.ref().name(), unpaired)
                || "Application".equals(r.kind()) && shutdown.removed(other, r.ref().name())) {
            return;
        }
        String[] parts = twinKey.split("\\|");
        f.at(SAME_APPS, r, FieldPath.ROOT, r.ref().display() + " exists in cluster " + here + " but cluster " + other
                        + " has no " + parts[1] + " " + parts[2] + " in " + parts[0],
                "define the counterpart, or list it under parity.allowUnpaired in .gitops-validator.yaml");
    }

    private void diff(Resource a, Resource b, String ca, String cb, List<PathPattern> allow, Findings f) {
        List<String[]> diffs = new ArrayList<>();
        compare(a.content(), b.content(), FieldPath.ROOT, ca, cb, allow, diffs, b);
        for (int i = 0; i < diffs.size() && i < MAX_DIFFS; i++) {
            String[] d = diffs.get(i);
            FieldPath at = FieldPath.parse(d[0]);
            f.at(SAME_CONTENT, b, at, Topology.path(a) + " and " + Topology.path(b) + " differ at " + d[0] + ": "
                            + d[1] + " (" + ca + ") vs " + d[2] + " (" + cb + ")",
                    "make both clusters' copies equal, or allow the field under parity.allow in .gitops-validator.yaml",
                    List.of(Findings.location(a, at, ca + " copy")));
        }
        if (diffs.size() > MAX_DIFFS) {
            f.at(SAME_CONTENT, b, FieldPath.ROOT, (diffs.size() - MAX_DIFFS) + " more differences between "
                    + Topology.path(a) + " and " + Topology.path(b), null, List.of(Findings.location(a, FieldPath.ROOT,
                    ca + " copy")));
        }
    }

    @SuppressWarnings("unchecked")
    private void compare(Object x, Object y, FieldPath at, String ca, String cb, List<PathPattern> allow,
                         List<String[]> out, Resource anchor) {
        if (allow.stream().anyMatch(p -> p.matches(at))) {
            return;
        }
        if (x instanceof Map<?, ?> && y == null) {
            y = Map.of();
        } else if (y instanceof Map<?, ?> && x == null) {
            x = Map.of();
        }
        if (x instanceof Map<?, ?> mx && y instanceof Map<?, ?> my) {
            Set<String> keys = new LinkedHashSet<>();
            for (Object k : mx.keySet()) {
                keys.add(String.valueOf(k));
            }
            for (Object k : my.keySet()) {
                String sk = String.valueOf(k);
                String back = Names.swap(sk, cb, ca);
                if (!keys.contains(back)) {
                    keys.add(back);
                }
            }
            for (String k : keys) {
                String kb = Names.swap(k, ca, cb);
                compare(((Map<String, Object>) mx).get(k), ((Map<String, Object>) my).get(kb), at.key(kb), ca, cb,
                        allow, out, anchor);
            }
            return;
        }
        if (x instanceof List<?> lx && y instanceof List<?> ly && lx.size() == ly.size()) {
            for (int i = 0; i < lx.size(); i++) {
                compare(lx.get(i), ly.get(i), at.index(i), ca, cb, allow, out, anchor);
            }
            return;
        }
        Object expected = x instanceof String s ? Names.swap(s, ca, cb) : x;
        if (!Objects.equals(expected, y)) {
            out.add(new String[] {at.toString(), show(x), show(y)});
        }
    }

    private static String show(Object o) {
        if (o == null) {
            return "absent";
        }
        if (o instanceof Map<?, ?> || o instanceof List<?>) {
            String s = o.toString();
            return s.length() > 60 ? s.substring(0, 60) + "…" : s;
        }
        String s = o instanceof String str ? "'" + str + "'" : String.valueOf(o);
        return s.length() > 80 ? s.substring(0, 80) + "…'" : s;
    }

    /** {@code parity:} in the configuration: fields that may differ and applications that may run once. */
    record Settings(List<String> allow, List<String> allowUnpaired) {
    }

    static final ConfigSection<Settings> SECTION = new ConfigSection<>("parity",
            r -> new Settings(r.strings("allow"), r.strings("allowUnpaired")));

    @Override
    public List<ConfigSection<?>> configSections() {
        return List.of(SECTION);
    }

    /** Cluster names as words inside strings. */
    static final class Names {
        private Names() {
        }

        static String swap(String text, String from, String to) {
            if (!text.contains(from)) {
                return text; // most texts name no cluster: no pattern to compile
            }
            return Pattern.compile("(?<![A-Za-z0-9])" + Pattern.quote(from) + "(?![A-Za-z0-9])").matcher(text)
                    .replaceAll(java.util.regex.Matcher.quoteReplacement(to));
        }
    }

    /** A field-path pattern: segments, {@code *} for one segment, {@code **} for any number. */
    record PathPattern(List<Object> segments) {
        static PathPattern of(String text) {
            return new PathPattern(FieldPath.parse(text.replace("[*]", ".*")).segments());
        }

        boolean matches(FieldPath path) {
            return match(0, path.segments(), 0);
        }

        private boolean match(int i, List<Object> path, int j) {
            if (i == segments.size()) {
                return j == path.size();
            }
            Object s = segments.get(i);
            if ("**".equals(s)) {
                for (int k = j; k <= path.size(); k++) {
                    if (match(i + 1, path, k)) {
                        return true;
                    }
                }
                return false;
            }
            if (j == path.size()) {
                return false;
            }
            boolean one = "*".equals(s) || s.equals(path.get(j));
            return one && match(i + 1, path, j + 1);
        }
    }

    static Set<String> sorted(Set<String> s) {
        return new TreeSet<>(s);
    }
}
