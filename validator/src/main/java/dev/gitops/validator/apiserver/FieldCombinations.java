package dev.gitops.validator.apiserver;

import dev.gitops.validator.check.Findings;
import dev.gitops.validator.resource.Resource;
import dev.gitops.validator.source.FieldPath;
import java.util.List;
import java.util.Map;

/**
 * Cross-field rules of built-in kinds that the API server checks by hand and no schema expresses
 * (k8s.io/kubernetes pkg/apis/{apps,autoscaling,policy,networking,core}/validation).
 */
final class FieldCombinations {

    private FieldCombinations() {
    }

    static void check(Resource r, Findings f) {
        String gk = r.ref().group() + "/" + r.kind();
        switch (gk) {
            case "apps/Deployment" -> deploymentStrategy(r, f);
            case "autoscaling/HorizontalPodAutoscaler" -> autoscaler(r, f);
            case "policy/PodDisruptionBudget" -> disruptionBudget(r, f);
            case "networking.k8s.io/Ingress" -> ingress(r, f);
            case "/Service" -> service(r, f);
            default -> {
            }
        }
    }

    /** ValidateDeploymentStrategy, ValidateRollingUpdateDeployment. */
    private static void deploymentStrategy(Resource r, Findings f) {
        FieldPath strategy = FieldPath.of("spec", "strategy");
        Object type = r.get(strategy.key("type"));
        Object rolling = r.get(strategy.key("rollingUpdate"));
        if ("Recreate".equals(type) && rolling != null) {
            f.at(ApiServerRules.FIELD_COMBINATIONS, r, strategy.key("rollingUpdate"), "rollingUpdate: Forbidden: may "
                    + "not be specified when strategy `type` is 'Recreate'", "remove rollingUpdate");
        }
        if (rolling instanceof Map<?, ?> ru && isZero(ru.get("maxSurge")) && isZero(ru.get("maxUnavailable"))) {
            f.at(ApiServerRules.FIELD_COMBINATIONS, r, strategy.key("rollingUpdate").key("maxUnavailable"),
                    "maxUnavailable: Invalid value: may not be 0 when `maxSurge` is 0", null);
        }
    }

    /** ValidateHorizontalPodAutoscalerSpec (scale to zero is an alpha feature, off by default). */
    private static void autoscaler(Resource r, Findings f) {
        FieldPath spec = FieldPath.of("spec");
        Object min = r.get(spec.key("minReplicas"));
        Object max = r.get(spec.key("maxReplicas"));
        if (min instanceof Long m && m < 1) {
            f.at(ApiServerRules.FIELD_COMBINATIONS, r, spec.key("minReplicas"), "minReplicas: Invalid value: " + m
                    + ": must be greater than or equal to 1", null);
        }
        if (max instanceof Long x && x < 1) {
            f.at(ApiServerRules.FIELD_COMBINATIONS, r, spec.key("maxReplicas"), "maxReplicas: Invalid value: " + x
                    + ": must be greater than 0", null);
        }
        long effectiveMin = min instanceof Long m ? m : 1;
        if (max instanceof Long x && x < effectiveMin) {
            f.at(ApiServerRules.FIELD_COMBINATIONS, r, spec.key("maxReplicas"), "maxReplicas: Invalid value: " + x
                    + ": must be greater than or equal to `minReplicas`", null);
        }
    }

    /** ValidatePodDisruptionBudgetSpec. */
    private static void disruptionBudget(Resource r, Findings f) {
        if (r.get("spec.minAvailable") != null && r.get("spec.maxUnavailable") != null) {
            f.at(ApiServerRules.FIELD_COMBINATIONS, r, FieldPath.of("spec", "maxUnavailable"),
                    "minAvailable and maxUnavailable cannot be both set", "keep one of them");
        }
    }

    /** validateHTTPIngressRuleValue: Exact and Prefix paths are absolute. */
    private static void ingress(Resource r, Findings f) {
        if (!(r.get("spec.rules") instanceof List<?> rules)) {
            return;
        }
        for (int i = 0; i < rules.size(); i++) {
            if (!(rules.get(i) instanceof Map<?, ?> rule) || !(rule.get("http") instanceof Map<?, ?> http)
                    || !(http.get("paths") instanceof List<?> paths)) {
                continue;
            }
            for (int j = 0; j < paths.size(); j++) {
                if (paths.get(j) instanceof Map<?, ?> p && p.get("path") instanceof String path
                        && ("Exact".equals(p.get("pathType")) || "Prefix".equals(p.get("pathType")))
                        && !path.startsWith("/")) {
                    f.at(ApiServerRules.FIELD_COMBINATIONS, r, FieldPath.of("spec", "rules", i, "http", "paths", j,
                            "path"), "path: Invalid value: \"" + path + "\": must be an absolute path", null);
                }
            }
        }
    }

    /** ValidateService: what each Service type requires. */
    private static void service(Resource r, Findings f) {
        FieldPath spec = FieldPath.of("spec");
        Object type = r.get(spec.key("type"));
        boolean externalName = "ExternalName".equals(type);
        if (externalName && !(r.get(spec.key("externalName")) instanceof String s && !s.isEmpty())) {
            f.at(ApiServerRules.FIELD_COMBINATIONS, r, spec, "externalName: Required value (type ExternalName)", null);
        }
        boolean headless = "None".equals(r.get(spec.key("clusterIP")));
        boolean noPorts = !(r.get(spec.key("ports")) instanceof List<?> l) || l.isEmpty();
        if (!externalName && !headless && noPorts) {
            f.at(ApiServerRules.FIELD_COMBINATIONS, r, spec, "ports: Required value (a Service that is neither "
                    + "headless nor ExternalName has ports)", null);
        }
        if (headless && "LoadBalancer".equals(type) || headless && "NodePort".equals(type)) {
            f.at(ApiServerRules.FIELD_COMBINATIONS, r, spec.key("clusterIP"), "clusterIP: Invalid value: \"None\": may "
                    + "not be set to 'None' for " + type + " services", null);
        }
        if (r.get(spec.key("ports")) instanceof List<?> ports && !"NodePort".equals(type)
                && !"LoadBalancer".equals(type)) {
            for (int i = 0; i < ports.size(); i++) {
                if (ports.get(i) instanceof Map<?, ?> p && p.get("nodePort") instanceof Long n && n != 0) {
                    f.at(ApiServerRules.FIELD_COMBINATIONS, r, spec.key("ports").index(i).key("nodePort"),
                            "nodePort: Forbidden: may not be used when `type` is '" + (type == null ? "ClusterIP" : type)
                                    + "'", null);
                }
            }
        }
    }

    private static boolean isZero(Object v) {
        return v instanceof Long l && l == 0 || "0%".equals(v) || "0".equals(v);
    }
}
