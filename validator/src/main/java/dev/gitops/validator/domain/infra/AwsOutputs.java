package dev.gitops.validator.domain.infra;

import dev.gitops.validator.domain.Topology;
import dev.gitops.validator.domain.traffic.ClusterState;
import dev.gitops.validator.resource.Resource;
import dev.gitops.validator.source.FieldPath;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * What the infrastructure layer created for one cluster, as recorded in {@code clusters/<c>/aws-outputs.yaml}
 * (a ConfigMap {@code aws-outputs} in namespace {@code argocd}): the identifiers AWS assigns at creation.
 *
 * @param cluster the cluster the file belongs to
 * @param source the ConfigMap
 * @param values its data, key to value
 */
public record AwsOutputs(String cluster, Resource source, Map<String, String> values) {

    public static final String NAME = "aws-outputs";

    public AwsOutputs {
        values = Map.copyOf(values);
    }

    public String get(String key) {
        return values.get(key);
    }

    /** The location of one value, for related locations of findings. */
    public FieldPath path(String key) {
        return FieldPath.of("data", key);
    }

    /** The key whose value is {@code value} (one of a comma-separated list counts), or null. */
    public String keyOf(String value) {
        for (Map.Entry<String, String> e : values.entrySet()) {
            if (e.getValue().equals(value) || java.util.Arrays.asList(e.getValue().split(",")).contains(value)) {
                return e.getKey();
            }
        }
        return null;
    }

    /** The outputs a ConfigMap holds, or null when it is not an outputs ConfigMap. */
    public static AwsOutputs read(Resource r, Topology topology) {
        if (!"ConfigMap".equals(r.kind()) || !"v1".equals(r.apiVersion()) || !NAME.equals(r.ref().name())
                || !(r.get(FieldPath.of("data")) instanceof Map<?, ?> data)) {
            return null;
        }
        Set<String> deployed = topology.clustersOf(r);
        String cluster = deployed.size() == 1 ? deployed.iterator().next() : ClusterState.folderOf(r);
        if (cluster == null) {
            return null;
        }
        Map<String, String> values = new LinkedHashMap<>();
        data.forEach((k, v) -> values.put(String.valueOf(k), String.valueOf(v)));
        return new AwsOutputs(cluster, r, values);
    }
}
