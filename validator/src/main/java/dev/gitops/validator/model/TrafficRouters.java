package dev.gitops.validator.model;

import java.util.List;

/**
 * The settings of the Argo Rollouts traffic routers other than ALB and plugins, read strictly after argo-rollouts
 * {@code pkg/apis/rollouts/v1alpha1/types.go} ({@code IstioTrafficRouting}, {@code NginxTrafficRouting},
 * {@code SMITrafficRouting}, {@code AmbassadorTrafficRouting}, {@code AppMeshTrafficRouting},
 * {@code TraefikTrafficRouting}, {@code ApisixTrafficRouting}). A plugin's settings belong to the plugin.
 */
final class TrafficRouters {

    private TrafficRouters() {
    }

    /** Istio; true when a DestinationRule is set (subset-level routing). */
    static boolean istio(Node i) {
        i.read("virtualService", false, TrafficRouters::istioVirtualService);
        i.objects("virtualServices", TrafficRouters::istioVirtualService);
        boolean destinationRule = i.has("destinationRule");
        i.read("destinationRule", false, d -> {
            d.requiredString("canarySubsetName");
            d.requiredString("stableSubsetName");
            return d.requiredString("name");
        });
        return destinationRule;
    }

    private static String istioVirtualService(Node v) {
        v.strings("routes");
        v.objects("tlsRoutes", t -> {
            t.strings("sniHosts");
            return t.integer("port");
        });
        v.objects("tcpRoutes", t -> t.integer("port"));
        return v.requiredString("name");
    }

    /** Nginx; the stable Ingress. */
    static String nginx(Node x) {
        x.string("annotationPrefix");
        x.strings("stableIngresses");
        x.strings("additionalStableIngresses");
        x.stringMap("additionalIngressAnnotations");
        x.stringMap("canaryIngressAnnotations");
        return x.string("stableIngress");
    }

    /** SMI, Ambassador, App Mesh, Traefik and APISIX. */
    static void others(Node n) {
        n.read("smi", false, s -> {
            s.string("rootService");
            return s.string("trafficSplitName");
        });
        n.read("ambassador", false, a -> a.strings("mappings", true));
        n.read("appMesh", false, a -> {
            a.read("virtualService", false, v -> {
                v.strings("routes");
                return v.requiredString("name");
            });
            return a.read("virtualNodeGroup", false, g -> {
                for (String ref : List.of("canaryVirtualNodeRef", "stableVirtualNodeRef")) {
                    g.read(ref, true, r -> r.requiredString("name"));
                }
                return null;
            });
        });
        n.read("traefik", false, t -> t.requiredString("weightedTraefikServiceName"));
        n.read("apisix", false, a -> a.read("route", false, r -> {
            r.strings("rules");
            return r.requiredString("name");
        }));
    }

    /** ALB stickiness: enabled and a duration. */
    static Long stickiness(Node s) {
        s.bool("enabled");
        return s.integer("durationSeconds");
    }
}
