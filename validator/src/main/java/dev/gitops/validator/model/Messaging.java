package dev.gitops.validator.model;

import dev.gitops.validator.resource.Resource;
import java.util.List;
import java.util.Map;

/**
 * RabbitMQ Cluster Operator {@code RabbitmqCluster} ({@code rabbitmq.com/v1beta1},
 * {@code api/v1beta1/rabbitmqcluster_types.go}) and KEDA {@code ScaledObject} ({@code keda.sh/v1alpha1},
 * {@code apis/keda/v1alpha1/scaledobject_types.go}).
 */
public final class Messaging {

    private Messaging() {
    }

    public record RabbitmqCluster(Resource source, Meta metadata, Long replicas) implements TypedModel {

        static RabbitmqCluster read(Resource r, List<ModelProblem> p) {
            Node root = Header.root(r, p);
            Meta meta = Header.meta(root);
            Node spec = root.object("spec");
            Long replicas = spec.integer("replicas");
            spec.string("image");
            spec.read("persistence", false, x -> {
                x.string("storageClassName");
                return x.intOrString("storage");
            });
            spec.read("rabbitmq", false, x -> {
                x.strings("additionalPlugins");
                x.string("additionalConfig");
                x.string("advancedConfig");
                x.string("envConfig");
                return x.string("erlangInetConfig");
            });
            spec.integer("terminationGracePeriodSeconds");
            spec.integer("delayStartSeconds");
            spec.bool("autoEnableAllFeatureFlags");
            spec.allow("imagePullSecrets", "service", "resources", "affinity", "tolerations", "tls", "override",
                    "secretBackend", "skipPostDeployStepsUponScaleDown");
            spec.end();
            root.end();
            return new RabbitmqCluster(r, meta, replicas);
        }
    }

    public record ScaledObject(Resource source, Meta metadata, TargetRef scaleTargetRef, Long minReplicaCount,
                               Long maxReplicaCount, Long idleReplicaCount, List<Trigger> triggers)
            implements TypedModel {

        static ScaledObject read(Resource r, List<ModelProblem> p) {
            Node root = Header.root(r, p);
            Meta meta = Header.meta(root);
            Node spec = root.object("spec", true);
            TargetRef ref = spec.read("scaleTargetRef", true, t -> {
                t.string("envSourceContainerName");
                return new TargetRef(t.string("apiVersion"), t.string("kind"), t.requiredString("name"));
            });
            Long min = spec.integer("minReplicaCount");
            Long max = spec.integer("maxReplicaCount");
            Long idle = spec.integer("idleReplicaCount");
            List<Trigger> triggers = spec.objects("triggers", true, t -> {
                t.read("authenticationRef", false, a -> {
                    a.string("kind");
                    return a.requiredString("name");
                });
                t.string("name");
                t.bool("useCachedMetrics");
                t.oneOf("metricType", false, "AverageValue", "Value", "Utilization");
                return new Trigger(t.requiredString("type"), t.stringMap("metadata"));
            });
            spec.integer("pollingInterval");
            spec.integer("cooldownPeriod");
            spec.integer("initialCooldownPeriod");
            spec.allow("fallback", "advanced");
            spec.end();
            root.end();
            return new ScaledObject(r, meta, ref, min, max, idle, triggers);
        }
    }

    /** A reference to a scalable workload; apiVersion and kind default to apps/v1 Deployment. */
    public record TargetRef(String apiVersion, String kind, String name) {

        public String effectiveKind() {
            return kind == null ? "Deployment" : kind;
        }
    }

    public record Trigger(String type, Map<String, String> metadata) {
    }
}
