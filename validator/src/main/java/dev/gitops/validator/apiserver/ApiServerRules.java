package dev.gitops.validator.apiserver;

import dev.gitops.validator.check.Rule;
import dev.gitops.validator.finding.Severity;
import java.util.List;

/** The rules of the {@code apiserver} category: what the Kubernetes API server's own validation rejects. */
public final class ApiServerRules {

    public static final String CATEGORY = "apiserver";

    public static final Rule NAMES = new Rule("API001", CATEGORY, Severity.ERROR,
            "Names are valid for their kind: object names, namespaces, container, port and volume names, data keys");
    public static final Rule LABELS = new Rule("API002", CATEGORY, Severity.ERROR,
            "Label keys and values, selector labels and annotation keys are well formed and within their limits");
    public static final Rule POD_TEMPLATES = new Rule("API003", CATEGORY, Severity.ERROR,
            "Pod specs have what the API server requires: container images, valid ports and mounts, requests within "
                    + "limits, a restartPolicy the workload accepts, a selector matching the template");
    public static final Rule LIST_KEYS = new Rule("API004", CATEGORY, Severity.ERROR,
            "Keys of keyed lists are unique (container, volume and port names, list-type map and set items)");
    public static final Rule CEL_RULES = new Rule("API005", CATEGORY, Severity.ERROR,
            "Custom resources satisfy the CEL validation rules (x-kubernetes-validations) of their CRD");
    public static final Rule CRD_DEFINITION = new Rule("API006", CATEGORY, Severity.ERROR,
            "CustomResourceDefinitions are valid: name, storage version, structural schemas without unknown keywords");

    public static final Rule FIELD_COMBINATIONS = new Rule("API007", CATEGORY, Severity.ERROR,
            "Fields of built-in kinds are combined as the API server requires (rollout strategy, HPA bounds, "
                    + "disruption budgets, Ingress paths, Service types)");

    public static final List<Rule> ALL = List.of(NAMES, LABELS, POD_TEMPLATES, LIST_KEYS, CEL_RULES, CRD_DEFINITION,
            FIELD_COMBINATIONS);

    private ApiServerRules() {
    }
}
