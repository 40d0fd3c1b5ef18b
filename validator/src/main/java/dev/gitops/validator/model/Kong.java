package dev.gitops.validator.model;

import dev.gitops.validator.resource.Resource;
import java.util.List;
import java.util.Map;

/**
 * Kong plugins ({@code configuration.konghq.com/v1}): KongPlugin and KongClusterPlugin. Their fields are
 * top-level, not under {@code spec} (Kong/kubernetes-configuration {@code kongplugin_types.go}). The
 * plugin's {@code config} is plugin-specific and kept as written.
 */
public final class Kong {

    public static final String GROUP = "configuration.konghq.com";
    public static final String PLUGINS_ANNOTATION = "konghq.com/plugins";
    public static final String INGRESS_CLASS_ANNOTATION = "kubernetes.io/ingress.class";

    private Kong() {
    }

    public record Plugin(Resource source, Meta metadata, boolean clusterScoped, String plugin,
                         Map<String, Object> config, boolean hasConfigFrom, Boolean disabled, List<String> protocols)
            implements TypedModel {

        static Plugin read(Resource r, List<ModelProblem> p, boolean clusterScoped) {
            Node root = Header.root(r, p);
            Meta meta = Header.meta(root);
            String plugin = root.requiredString("plugin");
            @SuppressWarnings("unchecked")
            Map<String, Object> config = root.object("config").present()
                    ? (Map<String, Object>) root.any("config") : Map.of();
            boolean hasConfigFrom = root.has("configFrom");
            root.read("configFrom", false, cf -> cf.read("secretKeyRef", false, s -> {
                s.requiredString("name");
                s.requiredString("key");
                if (clusterScoped) {
                    s.requiredString("namespace");
                }
                return null;
            }));
            if (root.has("config") && hasConfigFrom) {
                root.invalid("configFrom", "Using both config and configFrom fields is not allowed.");
            }
            if (hasConfigFrom && root.has("configPatches")) {
                root.invalid("configPatches", "Using both configFrom and configPatches fields is not allowed.");
            }
            Boolean disabled = root.bool("disabled");
            List<String> protocols = root.strings("protocols");
            for (int i = 0; i < protocols.size(); i++) {
                if (!List.of("http", "https", "grpc", "grpcs", "tcp", "tls", "udp", "tls_passthrough", "ws", "wss")
                        .contains(protocols.get(i))) {
                    root.invalid("protocols", "protocols[" + i + "] '" + protocols.get(i) + "' is not a Kong protocol");
                }
            }
            root.string("instance_name");
            root.oneOf("run_on", false, "first", "second", "all");
            root.allow("configPatches", "ordering", "consumerRef");
            root.end();
            return new Plugin(r, meta, clusterScoped, plugin, config, hasConfigFrom, disabled, protocols);
        }

        public boolean isGlobal() {
            return "true".equals(metadata().label("global"));
        }
    }

    /** Plugins that authenticate consumers. */
    public static final java.util.Set<String> AUTH_PLUGINS = java.util.Set.of("key-auth", "key-auth-enc", "jwt",
            "basic-auth", "hmac-auth", "oauth2", "openid-connect", "ldap-auth", "ldap-auth-advanced", "mtls-auth",
            "jwt-signer", "oauth2-introspection", "saml", "session");
    /** Plugins that limit request rates. */
    public static final java.util.Set<String> RATE_PLUGINS = java.util.Set.of("rate-limiting",
            "rate-limiting-advanced", "response-ratelimiting", "service-protection");

    /** The {@code rate-limiting} plugin's config (Kong {@code plugins/rate-limiting/schema.lua}). */
    public record RateLimiting(Map<String, Double> windows, String policy, String redisHost) {

        public static final List<String> WINDOWS = List.of("second", "minute", "hour", "day", "month", "year");

        public static RateLimiting of(Map<String, Object> config) {
            Map<String, Double> w = new java.util.LinkedHashMap<>();
            for (String k : WINDOWS) {
                if (config.get(k) instanceof Number n) {
                    w.put(k, n.doubleValue());
                }
            }
            String policy = config.get("policy") instanceof String s ? s : "local";
            String host = config.get("redis_host") instanceof String s ? s
                    : config.get("redis") instanceof Map<?, ?> r && r.get("host") instanceof String h ? h : null;
            return new RateLimiting(w, policy, host);
        }
    }

    /** The {@code jwt} plugin's config (Kong {@code plugins/jwt/schema.lua}). */
    public record Jwt(Double maximumExpiration, List<String> claimsToVerify) {

        public static Jwt of(Map<String, Object> config) {
            Double max = config.get("maximum_expiration") instanceof Number n ? n.doubleValue() : null;
            List<String> claims = new java.util.ArrayList<>();
            if (config.get("claims_to_verify") instanceof List<?> l) {
                l.forEach(x -> claims.add(String.valueOf(x)));
            }
            return new Jwt(max, claims);
        }
    }
}
