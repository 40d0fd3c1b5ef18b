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
}
