package dev.gitops.validator.domain.argocd;

import static dev.gitops.validator.finding.Rule.error;

import dev.gitops.validator.check.Check;
import dev.gitops.validator.check.CheckContext;
import dev.gitops.validator.check.Findings;
import dev.gitops.validator.config.ConfigSection;
import dev.gitops.validator.finding.Rule;
import dev.gitops.validator.domain.Topology;
import dev.gitops.validator.model.ArgoCd.Application;
import dev.gitops.validator.model.ModelKind;
import dev.gitops.validator.model.Models;
import dev.gitops.validator.resource.Resource;
import dev.gitops.validator.source.FieldPath;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The traffic weights Argo Rollouts writes into the routes of a canary (HTTPRoute/GRPCRoute/TCPRoute
 * through the Gateway API plugin, Istio VirtualService, the ALB actions annotation of an Ingress) are not
 * reverted by the Argo CD Application that deploys the route: when that Application self-heals, it must
 * ignore the weights ({@code ignoreDifferences} by jqPathExpressions/jsonPointers, or, for routers built into
 * the controller, {@code managedFieldsManagers: [rollouts-controller]}) and sync with
 * {@code RespectIgnoreDifferences=true}.
 */
public final class ManagedWeightsCheck implements Check {

    public static final Rule RULE = error("ARGOCD012", ArgoCdCheck.CATEGORY);

    /** The field manager of the Argo Rollouts controller (and of its traffic-router plugins). */
    public static final String ROLLOUTS_MANAGER = "rollouts-controller";
    static final String RESPECT = "RespectIgnoreDifferences=true";
    private static final String GATEWAY_GROUP = "gateway.networking.k8s.io";

    /** A route a Rollout writes weights into, and where the weights live (jq form, indices as []). */
    record ManagedRoute(String group, String kind, String namespace, String name, String weights, Resource rollout) {

        /**
         * True when the Rollouts controller itself writes the weights (Istio, ALB). A traffic-router plugin
         * runs as its own process, whose client names a field manager of its own, so only path
         * expressions are trusted for plugin-managed routes.
         */
        boolean writtenByController() {
            return !group.equals(GATEWAY_GROUP);
        }
    }

    @Override
    public List<Rule> rules() {
        return List.of(RULE);
    }

    @Override
    public void run(CheckContext context, Findings findings) {
        Models models = Models.of(context.resources());
        List<Application> apps = models.all(ModelKind.APPLICATION);
        if (apps.isEmpty()) {
            return;
        }
        AppGraph graph = AppGraph.of(apps, context.resources(), context.config().settings(ArgoCdCheck.SECTION));
        Topology topology = Topology.of(context.config(), context.resources());
        Set<String> reported = new HashSet<>();
        for (Resource rollout : context.resources()) {
            if (!"Rollout".equals(rollout.kind())) {
                continue;
            }
            for (ManagedRoute m : managedRoutes(rollout)) {
                for (Resource route : context.resources()) {
                    if (!m.kind().equals(route.kind()) || !m.name().equals(route.ref().name())
                            || !(m.namespace() == null || route.ref().namespace() == null
                            || m.namespace().equals(route.ref().namespace()))
                            || !topology.sameCluster(rollout, route)) {
                        continue;
                    }
                    for (Application app : graph.renderersOf(route)) {
                        if (topology.sameCluster(rollout, app.source())
                                && reported.add(app.source().file().displayName() + "|" + app.name() + "|" + m.kind()
                                + "|" + m.name())) {
                            judge(app, m, route, findings);
                        }
                    }
                }
            }
        }
    }

    private void judge(Application app, ManagedRoute m, Resource route, Findings f) {
        var policy = app.spec().syncPolicy();
        boolean selfHeal = policy != null && policy.automated() != null && policy.automated().isEnabled()
                && Boolean.TRUE.equals(policy.automated().selfHeal());
        if (!selfHeal) {
            return;
        }
        FieldPath at = FieldPath.of("spec", "syncPolicy", "automated", "selfHeal");
        String what = m.kind() + " " + m.name() + " (weights at " + m.weights() + ", written by Rollout "
                + m.rollout().ref().name() + ")";
        if (!ignores(app.source().get("spec.ignoreDifferences"), m, route)) {
            f.at(RULE, app.source(), at, "Application " + app.name() + " self-heals " + what
                            + " without ignoring the weights: Argo CD reverts every canary step",
                    "add ignoreDifferences for group " + m.group() + " kind " + m.kind() + " name " + m.name()
                            + " with jqPathExpressions [" + m.weights() + "]"
                            + (m.writtenByController() ? " or managedFieldsManagers [" + ROLLOUTS_MANAGER + "]" : "")
                            + ", and the sync option " + RESPECT,
                    List.of(Findings.location(m.rollout(), FieldPath.of("spec", "strategy"), "the Rollout")));
        } else if (policy.syncOptions() == null || !policy.syncOptions().contains(RESPECT)) {
            f.at(RULE, app.source(), FieldPath.of("spec", "syncPolicy"), "Application " + app.name() + " ignores the "
                            + "weights of " + what + " in diffs but not when syncing: the next sync resets them",
                    "add the sync option " + RESPECT,
                    List.of(Findings.location(m.rollout(), FieldPath.of("spec", "strategy"), "the Rollout")));
        }
    }

    /** True when an ignoreDifferences entry selects the route and covers its weights. */
    static boolean ignores(Object entries, ManagedRoute m, Resource route) {
        if (!(entries instanceof List<?> list)) {
            return false;
        }
        for (Object o : list) {
            if (!(o instanceof Map<?, ?> e) || !selects(e, m, route)) {
                continue;
            }
            if (m.writtenByController() && e.get("managedFieldsManagers") instanceof List<?> managers
                    && managers.contains(ROLLOUTS_MANAGER)) {
                return true;
            }
            for (String key : List.of("jqPathExpressions", "jsonPointers")) {
                if (e.get(key) instanceof List<?> paths) {
                    for (Object p : paths) {
                        if (p instanceof String s && covers(key.equals("jsonPointers") ? fromPointer(s) : fromJq(s),
                                m.weights())) {
                            return true;
                        }
                    }
                }
            }
        }
        return false;
    }

    private static boolean selects(Map<?, ?> e, ManagedRoute m, Resource route) {
        Object group = e.get("group");
        Object kind = e.get("kind");
        Object name = e.get("name");
        Object ns = e.get("namespace");
        boolean groupOk = group == null || "*".equals(group) || m.group().equals(group);
        boolean kindOk = "*".equals(kind) || m.kind().equals(kind);
        boolean nameOk = name == null || m.name().equals(name);
        boolean nsOk = ns == null || route.ref().namespace() == null || ns.equals(route.ref().namespace());
        return groupOk && kindOk && nameOk && nsOk;
    }

    /** A JSON pointer in the jq form used here: {@code /spec/rules/0/weight} becomes {@code .spec.rules[].weight}. */
    static String fromPointer(String pointer) {
        StringBuilder out = new StringBuilder();
        for (String seg : pointer.split("/")) {
            if (seg.isEmpty()) {
                continue;
            }
            if (seg.matches("[0-9]+|-")) {
                out.append("[]");
            } else {
                out.append('.').append(seg.replace("~1", "/").replace("~0", "~"));
            }
        }
        return out.toString();
    }

    /** A jq path reduced to fields and [] ({@code .spec.rules[0]?.backendRefs[]} becomes {@code .spec.rules[].backendRefs[]}). */
    static String fromJq(String jq) {
        String s = jq.strip().replace("?", "").replace(" ", "");
        int pipe = s.indexOf('|');
        if (pipe >= 0) {
            s = s.substring(0, pipe);
        }
        return s.replaceAll("\\[[0-9]*]", "[]");
    }

    /** True when the ignored path is the weights path or one of its ancestors. */
    static boolean covers(String ignored, String weights) {
        return !ignored.isEmpty() && (weights.equals(ignored) || weights.startsWith(ignored)
                && (weights.charAt(ignored.length()) == '.' || weights.charAt(ignored.length()) == '['));
    }

    /** The routes whose weights a Rollout manages. */
    static List<ManagedRoute> managedRoutes(Resource rollout) {
        List<ManagedRoute> out = new ArrayList<>();
        String ns = rollout.ref().namespace();
        Object tr = rollout.get("spec.strategy.canary.trafficRouting");
        if (!(tr instanceof Map<?, ?> routing)) {
            return out;
        }
        if (routing.get("plugins") instanceof Map<?, ?> plugins
                && plugins.get("argoproj-labs/gatewayAPI") instanceof Map<?, ?> gw) {
            String gwNs = gw.get("namespace") instanceof String s ? s : ns;
            addRoutes(out, gw, "httpRoute", "HTTPRoute", gwNs, ".spec.rules[].backendRefs[].weight", rollout);
            addRoutes(out, gw, "grpcRoute", "GRPCRoute", gwNs, ".spec.rules[].backendRefs[].weight", rollout);
            addRoutes(out, gw, "tcpRoute", "TCPRoute", gwNs, ".spec.rules[].backendRefs[].weight", rollout);
        }
        if (routing.get("istio") instanceof Map<?, ?> istio) {
            List<Object> vss = new ArrayList<>();
            if (istio.get("virtualService") instanceof Map<?, ?> vs) {
                vss.add(vs);
            }
            if (istio.get("virtualServices") instanceof List<?> l) {
                vss.addAll(l);
            }
            for (Object v : vss) {
                if (v instanceof Map<?, ?> vs && vs.get("name") instanceof String n) {
                    out.add(new ManagedRoute("networking.istio.io", "VirtualService", ns, n,
                            ".spec.http[].route[].weight", rollout));
                }
            }
        }
        if (routing.get("alb") instanceof Map<?, ?> alb) {
            List<Object> names = new ArrayList<>();
            if (alb.get("ingress") instanceof String s) {
                names.add(s);
            }
            if (alb.get("ingresses") instanceof List<?> l) {
                names.addAll(l);
            }
            for (Object n : names) {
                if (n instanceof String name) {
                    out.add(new ManagedRoute("networking.k8s.io", "Ingress", ns, name, ".metadata.annotations",
                            rollout));
                }
            }
        }
        return out;
    }

    private static void addRoutes(List<ManagedRoute> out, Map<?, ?> gw, String key, String kind, String ns,
                                  String weights, Resource rollout) {
        if (gw.get(key) instanceof String s) {
            out.add(new ManagedRoute(GATEWAY_GROUP, kind, ns, s, weights, rollout));
        }
        if (gw.get(key + "s") instanceof List<?> l) {
            for (Object o : l) {
                if (o instanceof Map<?, ?> m && m.get("name") instanceof String n) {
                    out.add(new ManagedRoute(GATEWAY_GROUP, kind, ns, n, weights, rollout));
                } else if (o instanceof String n) {
                    out.add(new ManagedRoute(GATEWAY_GROUP, kind, ns, n, weights, rollout));
                }
            }
        }
    }

    @Override
    public List<ConfigSection<?>> configSections() {
        return List.of(ArgoCdCheck.SECTION);
    }
}
