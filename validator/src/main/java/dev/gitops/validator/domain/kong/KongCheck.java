package dev.gitops.validator.domain.kong;

import static dev.gitops.validator.finding.Rule.error;

import dev.gitops.validator.check.Check;
import dev.gitops.validator.check.CheckContext;
import dev.gitops.validator.check.Findings;
import dev.gitops.validator.config.ConfigSection;
import dev.gitops.validator.domain.Topology;
import dev.gitops.validator.finding.Rule;
import dev.gitops.validator.model.Kong;
import dev.gitops.validator.model.ModelKind;
import dev.gitops.validator.model.Models;
import dev.gitops.validator.resource.Resource;
import dev.gitops.validator.source.FieldPath;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Kong Ingress Controller configuration: every route Kong serves is authenticated and rate limited
 * (directly, through its Service, or by a global plugin), plugin references resolve, rate-limit windows
 * grow with their length, no {@code cluster} policy in DB-less mode, JWT expiry in range, and
 * KongClusterPlugins carry the ingress class the controller filters on.
 *
 * <p>Configuration ({@code kong:} in .gitops-validator.yaml): {@code ingressClass} (default {@code kong}),
 * {@code dbless} (default true).
 */
public final class KongCheck implements Check {

    public static final String CATEGORY = "kong";
    public static final Rule PROTECTED = error("KONG001", CATEGORY);
    public static final Rule REFERENCES = error("KONG002", CATEGORY);
    public static final Rule WINDOWS = error("KONG003", CATEGORY);
    public static final Rule DBLESS = error("KONG004", CATEGORY);
    public static final Rule JWT = error("KONG005", CATEGORY);
    public static final Rule INGRESS_CLASS = error("KONG006", CATEGORY);

    static final FieldPath PLUGINS_AT = FieldPath.of("metadata", "annotations", Kong.PLUGINS_ANNOTATION);

    @Override
    public List<Rule> rules() {
        return List.of(PROTECTED, REFERENCES, WINDOWS, DBLESS, JWT, INGRESS_CLASS);
    }

    /** {@code kong:} in the configuration: the controller's ingress class and whether it runs DB-less. */
    record Settings(String ingressClass, boolean dbless) {
    }

    static final ConfigSection<Settings> SECTION = new ConfigSection<>("kong",
            r -> new Settings(r.string("ingressClass", "kong"), r.bool("dbless", true)));

    @Override
    public List<ConfigSection<?>> configSections() {
        return List.of(SECTION);
    }

    @Override
    public void run(CheckContext context, Findings findings) {
        Settings settings = context.config().settings(SECTION);
        String ingressClass = settings.ingressClass();
        boolean dbless = settings.dbless();
        Topology topology = Topology.of(context.config(), context.resources());
        List<Kong.Plugin> plugins = Models.of(context.resources()).all(ModelKind.KONG_PLUGIN,
                ModelKind.KONG_CLUSTER_PLUGIN);
        for (Kong.Plugin p : plugins) {
            config(p, dbless, findings);
            if (p.clusterScoped() && !ingressClass.equals(p.metadata().annotation(Kong.INGRESS_CLASS_ANNOTATION))) {
                findings.at(INGRESS_CLASS, p.source(), FieldPath.of("metadata"), "KongClusterPlugin " + p.name()
                                + " has no " + Kong.INGRESS_CLASS_ANNOTATION + ": " + ingressClass
                                + " annotation: the controller ignores it",
                        "add the annotation " + Kong.INGRESS_CLASS_ANNOTATION + ": " + ingressClass);
            }
        }
        Set<String> kongGateways = kongGateways(context.resources());
        for (Resource r : context.resources()) {
            List<Kong.Plugin> attached = references(r, plugins, ingressClass, topology, findings);
            if (isKongRoute(r, kongGateways, ingressClass)) {
                routeProtection(r, attached, context.resources(), plugins, ingressClass, topology, findings);
            }
        }
    }

    private void config(Kong.Plugin p, boolean dbless, Findings f) {
        FieldPath cfg = FieldPath.of("config");
        if (p.plugin() == null) {
            return;
        }
        if (p.plugin().equals("rate-limiting") || p.plugin().equals("response-ratelimiting")) {
            Kong.RateLimiting rl = Kong.RateLimiting.of(p.config());
            if (rl.windows().isEmpty() && !p.hasConfigFrom() && p.plugin().equals("rate-limiting")) {
                f.at(WINDOWS, p.source(), cfg, "rate-limiting plugin " + p.name()
                        + " sets none of second, minute, hour, day, month, year", null);
            }
            String prevKey = null;
            double prev = 0;
            for (Map.Entry<String, Double> e : rl.windows().entrySet()) {
                if (e.getValue() <= 0) {
                    f.at(WINDOWS, p.source(), cfg.key(e.getKey()), e.getKey() + " must be greater than 0", null);
                }
                if (prevKey != null && e.getValue() < prev) {
                    f.at(WINDOWS, p.source(), cfg.key(e.getKey()), "The limit for " + e.getKey() + "("
                            + fmt(e.getValue()) + ") cannot be lower than the limit for " + prevKey + "(" + fmt(prev) + ")",
                            null);
                }
                prevKey = e.getKey();
                prev = e.getValue();
            }
            if (dbless && "cluster".equals(rl.policy())) {
                f.at(DBLESS, p.source(), cfg.key("policy"), "policy cluster needs a Kong database; Kong runs DB-less here",
                        "use policy local (counters per Kong pod) or redis");
            }
            if ("redis".equals(rl.policy()) && rl.redisHost() == null) {
                f.at(DBLESS, p.source(), cfg.key("policy"), "policy redis needs redis.host", null);
            }
        }
        if (p.plugin().equals("jwt")) {
            Kong.Jwt jwt = Kong.Jwt.of(p.config());
            if (jwt.maximumExpiration() != null) {
                if (jwt.maximumExpiration() < 0 || jwt.maximumExpiration() > 31_536_000) {
                    f.at(JWT, p.source(), cfg.key("maximum_expiration"), "maximum_expiration must be between 0 and "
                            + "31536000 (one year), not " + fmt(jwt.maximumExpiration()), null);
                } else if (jwt.maximumExpiration() > 0 && !jwt.claimsToVerify().contains("exp")) {
                    f.at(JWT, p.source(), cfg.key("maximum_expiration"), "maximum_expiration only takes effect when "
                            + "claims_to_verify contains exp", "add exp to claims_to_verify");
                }
            }
        }
    }

    private static String fmt(double d) {
        return d == Math.rint(d) ? String.valueOf((long) d) : String.valueOf(d);
    }

    /** The plugins named by a resource's konghq.com/plugins annotation; unresolved names are findings. */
    private List<Kong.Plugin> references(Resource r, List<Kong.Plugin> plugins, String ingressClass,
                                         Topology topology, Findings f) {
        if (!(r.get(PLUGINS_AT) instanceof String text) || ModelKind.of(r) == ModelKind.KONG_PLUGIN) {
            return List.of();
        }
        List<Kong.Plugin> out = new ArrayList<>();
        for (String raw : text.split(",")) {
            String ref = raw.strip();
            if (ref.isEmpty()) {
                continue;
            }
            String ns = r.ref().namespace();
            String name = ref;
            if (ref.contains(":")) {
                ns = ref.substring(0, ref.indexOf(':'));
                name = ref.substring(ref.indexOf(':') + 1);
            }
            Kong.Plugin found = null;
            for (Kong.Plugin p : plugins) {
                if (!name.equals(p.name()) || !topology.sameCluster(r, p.source())) {
                    continue;
                }
                boolean sameNs = ns == null || p.namespace() == null || ns.equals(p.namespace());
                if (!p.clusterScoped() && sameNs || p.clusterScoped() && !ref.contains(":")) {
                    found = p;
                    break;
                }
            }
            if (found == null) {
                f.at(REFERENCES, r, PLUGINS_AT, "plugin '" + ref + "' is neither a KongPlugin in namespace "
                                + (ns == null ? "(the Application's)" : ns) + " nor a KongClusterPlugin",
                        "define the plugin, or correct the name");
            } else {
                out.add(found);
            }
        }
        return out;
    }

    private static Set<String> kongGateways(List<Resource> resources) {
        Set<String> classes = new HashSet<>();
        for (Resource r : resources) {
            if ("GatewayClass".equals(r.kind()) && r.get("spec.controllerName") instanceof String c
                    && c.startsWith("konghq.com/")) {
                classes.add(r.ref().name());
            }
        }
        Set<String> gateways = new HashSet<>();
        for (Resource r : resources) {
            if ("Gateway".equals(r.kind()) && r.get("spec.gatewayClassName") instanceof String c && classes.contains(c)) {
                gateways.add(r.ref().name());
            }
        }
        return gateways;
    }

    private static boolean isKongRoute(Resource r, Set<String> kongGateways, String ingressClass) {
        String kind = r.kind();
        if ("Ingress".equals(kind)) {
            return ingressClass.equals(r.get("spec.ingressClassName"))
                    || ingressClass.equals(r.get(FieldPath.of("metadata", "annotations", Kong.INGRESS_CLASS_ANNOTATION)));
        }
        if (!"HTTPRoute".equals(kind) && !"GRPCRoute".equals(kind)) {
            return false;
        }
        if (!(r.get("spec.parentRefs") instanceof List<?> parents)) {
            return false;
        }
        for (Object p : parents) {
            if (p instanceof Map<?, ?> m && m.get("name") instanceof String n && kongGateways.contains(n)) {
                return true;
            }
        }
        return kongGateways.isEmpty() && r.get(PLUGINS_AT) != null;
    }

    private void routeProtection(Resource route, List<Kong.Plugin> direct, List<Resource> resources,
                                 List<Kong.Plugin> plugins, String ingressClass, Topology topology, Findings f) {
        Set<String> kinds = new LinkedHashSet<>();
        direct.stream().filter(p -> !Boolean.TRUE.equals(p.disabled())).forEach(p -> kinds.add(p.plugin()));
        for (Kong.Plugin p : plugins) {
            if (p.clusterScoped() && p.isGlobal() && !Boolean.TRUE.equals(p.disabled())
                    && ingressClass.equals(p.metadata().annotation(Kong.INGRESS_CLASS_ANNOTATION))
                    && topology.sameCluster(route, p.source())) {
                kinds.add(p.plugin());
            }
        }
        for (String svc : backendServices(route)) {
            for (Resource r : resources) {
                if ("Service".equals(r.kind()) && svc.equals(r.ref().name()) && topology.together(route, r)
                        && r.get(PLUGINS_AT) instanceof String text) {
                    for (String n : text.split(",")) {
                        plugins.stream().filter(p -> p.name() != null && p.name().equals(n.strip())
                                        && !Boolean.TRUE.equals(p.disabled()))
                                .findFirst().ifPresent(p -> kinds.add(p.plugin()));
                    }
                }
            }
        }
        boolean auth = kinds.stream().anyMatch(Kong.AUTH_PLUGINS::contains);
        boolean rate = kinds.stream().anyMatch(Kong.RATE_PLUGINS::contains);
        if (!auth || !rate) {
            String missing = !auth && !rate ? "an authentication plugin and a rate-limiting plugin"
                    : !auth ? "an authentication plugin" : "a rate-limiting plugin";
            f.at(PROTECTED, route, route.get(PLUGINS_AT) != null ? PLUGINS_AT : FieldPath.of("metadata"),
                    route.kind() + " " + route.ref().name() + " is served by Kong without " + missing
                            + " (on the route, its Service, or a global plugin)",
                    "attach key-auth/jwt/openid-connect and rate-limiting with konghq.com/plugins");
        }
    }

    private static List<String> backendServices(Resource route) {
        List<String> out = new ArrayList<>();
        collect(route.get("spec"), out);
        return out;
    }

    private static void collect(Object node, List<String> out) {
        if (node instanceof Map<?, ?> m) {
            if (m.get("backendRefs") instanceof List<?> refs) {
                for (Object ref : refs) {
                    if (ref instanceof Map<?, ?> rm && rm.get("name") instanceof String n
                            && (rm.get("kind") == null || "Service".equals(rm.get("kind")))) {
                        out.add(n);
                    }
                }
            }
            if (m.get("service") instanceof Map<?, ?> s && s.get("name") instanceof String n) {
                out.add(n);
            }
            m.values().forEach(v -> collect(v, out));
        } else if (node instanceof List<?> l) {
            l.forEach(v -> collect(v, out));
        }
    }
}
