package dev.gitops.validator.schema;

import java.util.List;
import java.util.Map;

/**
 * Allowed values of enum-like string fields of built-in kinds.
 *
 * <p>The generated Java models carry no enums (Kubernetes enums are plain strings in the OpenAPI
 * spec and in the models), so this is a short hand-kept table of the enums that the API server
 * validates and that manifests commonly get wrong. Keys are {@code ModelClass.jsonField}. A field
 * that is not listed accepts any string.
 */
final class WellKnownEnums {

    private static final List<String> PROTOCOLS = List.of("TCP", "UDP", "SCTP");
    private static final List<String> TAINT_EFFECTS = List.of("NoSchedule", "PreferNoSchedule", "NoExecute");

    private static final Map<String, List<String>> VALUES = Map.ofEntries(
            Map.entry("V1Container.imagePullPolicy", List.of("Always", "Never", "IfNotPresent")),
            Map.entry("V1EphemeralContainer.imagePullPolicy", List.of("Always", "Never", "IfNotPresent")),
            Map.entry("V1Container.terminationMessagePolicy", List.of("File", "FallbackToLogsOnError")),
            Map.entry("V1PodSpec.restartPolicy", List.of("Always", "OnFailure", "Never")),
            Map.entry("V1PodSpec.dnsPolicy", List.of("ClusterFirst", "ClusterFirstWithHostNet", "Default", "None")),
            Map.entry("V1PodSpec.preemptionPolicy", List.of("PreemptLowerPriority", "Never")),
            Map.entry("V1ContainerPort.protocol", PROTOCOLS),
            Map.entry("V1ServicePort.protocol", PROTOCOLS),
            Map.entry("V1NetworkPolicyPort.protocol", PROTOCOLS),
            Map.entry("V1ServiceSpec.type", List.of("ClusterIP", "NodePort", "LoadBalancer", "ExternalName")),
            Map.entry("V1ServiceSpec.externalTrafficPolicy", List.of("Cluster", "Local")),
            Map.entry("V1ServiceSpec.internalTrafficPolicy", List.of("Cluster", "Local")),
            Map.entry("V1ServiceSpec.sessionAffinity", List.of("ClientIP", "None")),
            Map.entry("V1ServiceSpec.ipFamilyPolicy", List.of("SingleStack", "PreferDualStack", "RequireDualStack")),
            Map.entry("V1ServiceSpec.ipFamilies", List.of("IPv4", "IPv6")),
            Map.entry("V1DeploymentStrategy.type", List.of("Recreate", "RollingUpdate")),
            Map.entry("V1StatefulSetUpdateStrategy.type", List.of("RollingUpdate", "OnDelete")),
            Map.entry("V1DaemonSetUpdateStrategy.type", List.of("RollingUpdate", "OnDelete")),
            Map.entry("V1StatefulSetSpec.podManagementPolicy", List.of("OrderedReady", "Parallel")),
            Map.entry("V1CronJobSpec.concurrencyPolicy", List.of("Allow", "Forbid", "Replace")),
            Map.entry("V1JobSpec.completionMode", List.of("NonIndexed", "Indexed")),
            Map.entry("V1PersistentVolumeClaimSpec.volumeMode", List.of("Filesystem", "Block")),
            Map.entry("V1PersistentVolumeClaimSpec.accessModes",
                    List.of("ReadWriteOnce", "ReadOnlyMany", "ReadWriteMany", "ReadWriteOncePod")),
            Map.entry("V1PersistentVolumeSpec.accessModes",
                    List.of("ReadWriteOnce", "ReadOnlyMany", "ReadWriteMany", "ReadWriteOncePod")),
            Map.entry("V1PersistentVolumeSpec.persistentVolumeReclaimPolicy", List.of("Retain", "Recycle", "Delete")),
            Map.entry("V1StorageClass.reclaimPolicy", List.of("Retain", "Delete")),
            Map.entry("V1StorageClass.volumeBindingMode", List.of("Immediate", "WaitForFirstConsumer")),
            Map.entry("V1Toleration.operator", List.of("Exists", "Equal")),
            Map.entry("V1Toleration.effect", TAINT_EFFECTS),
            Map.entry("V1Taint.effect", TAINT_EFFECTS),
            Map.entry("V1LabelSelectorRequirement.operator", List.of("In", "NotIn", "Exists", "DoesNotExist")),
            Map.entry("V1NodeSelectorRequirement.operator", List.of("In", "NotIn", "Exists", "DoesNotExist", "Gt", "Lt")),
            Map.entry("V1NetworkPolicySpec.policyTypes", List.of("Ingress", "Egress")),
            Map.entry("V1HTTPGetAction.scheme", List.of("HTTP", "HTTPS")),
            Map.entry("V1HTTPIngressPath.pathType", List.of("Exact", "Prefix", "ImplementationSpecific")),
            Map.entry("V1PodDisruptionBudgetSpec.unhealthyPodEvictionPolicy", List.of("IfHealthyBudget", "AlwaysAllow")),
            Map.entry("V1TopologySpreadConstraint.whenUnsatisfiable", List.of("DoNotSchedule", "ScheduleAnyway")),
            Map.entry("V1TopologySpreadConstraint.nodeAffinityPolicy", List.of("Honor", "Ignore")),
            Map.entry("V1TopologySpreadConstraint.nodeTaintsPolicy", List.of("Honor", "Ignore")),
            Map.entry("V1SeccompProfile.type", List.of("RuntimeDefault", "Unconfined", "Localhost")),
            Map.entry("V1PodSecurityContext.fsGroupChangePolicy", List.of("OnRootMismatch", "Always")),
            Map.entry("V2HPAScalingRules.selectPolicy", List.of("Max", "Min", "Disabled")),
            Map.entry("V2HPAScalingPolicy.type", List.of("Pods", "Percent")),
            Map.entry("V2MetricSpec.type", List.of("ContainerResource", "External", "Object", "Pods", "Resource")),
            Map.entry("V2MetricTarget.type", List.of("Utilization", "Value", "AverageValue")));

    private WellKnownEnums() {
    }

    /** The allowed values of {@code model.field}, or null when the field is not an enum we know. */
    static List<String> of(String model, String field) {
        return VALUES.get(model + "." + field);
    }
}
