package dev.gitops.validator.apiserver;

import dev.gitops.validator.check.Findings;
import dev.gitops.validator.resource.Resource;
import dev.gitops.validator.source.FieldPath;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What the API server's pod validation (k8s.io/kubernetes pkg/apis/core/validation {@code ValidatePodSpec},
 * apps and batch {@code ValidatePodTemplateSpecFor...}) rejects in a pod or pod template beyond its schema:
 * containers without an image, invalid or duplicate container, port and volume names, ports out of range,
 * mounts of volumes that do not exist, a restartPolicy the workload does not accept, and a workload selector
 * that does not select its own template.
 */
final class PodSpecs {

    private static final List<String> CONTAINER_LISTS = List.of("initContainers", "containers", "ephemeralContainers");

    private PodSpecs() {
    }

    static void check(Resource r, PodTemplates.Site site, Findings f) {
        PodTemplates.forEach(r, site, (at, template) -> {
            FieldPath meta = at.key("metadata");
            if (site.workload() != PodTemplates.Workload.POD) {
                Metadata.labels(r, meta, f);
                Metadata.annotations(r, meta.key("annotations"), f);
            }
            FieldPath spec = at.key("spec");
            if (r.get(spec) instanceof Map<?, ?> podSpec) {
                pod(r, spec, podSpec, f);
                restartPolicy(r, spec, podSpec, site.workload(), f);
            }
            if (site.selector() != null) {
                FieldPath selector = new FieldPath(new java.util.ArrayList<Object>(site.selector()));
                Metadata.selector(r, selector, f);
                Object labels = template.get("metadata") instanceof Map<?, ?> m ? m.get("labels") : null;
                if (r.get(selector) instanceof Map<?, ?> sel
                        && !Selectors.matches(sel, labels instanceof Map<?, ?> l ? l : Map.of())) {
                    f.at(ApiServerRules.POD_TEMPLATES, r, meta.key("labels"),
                            "`selector` does not match template `labels`",
                            "give spec.template.metadata.labels every label spec.selector requires");
                }
            }
        });
    }

    private static void pod(Resource r, FieldPath spec, Map<?, ?> podSpec, Findings f) {
        Set<String> volumes = new HashSet<>();
        if (podSpec.get("volumes") instanceof List<?> list) {
            for (int i = 0; i < list.size(); i++) {
                if (list.get(i) instanceof Map<?, ?> v && v.get("name") instanceof String name) {
                    FieldPath at = spec.key("volumes").index(i).key("name");
                    name(r, at, "volume", name, f);
                    if (!volumes.add(name)) {
                        f.at(ApiServerRules.LIST_KEYS, r, at, "volumes: Duplicate value: \"" + name + "\"", null);
                    }
                }
            }
        }
        Set<String> containerNames = new HashSet<>();
        for (String listName : CONTAINER_LISTS) {
            if (!(podSpec.get(listName) instanceof List<?> list)) {
                continue;
            }
            for (int i = 0; i < list.size(); i++) {
                if (list.get(i) instanceof Map<?, ?> c) {
                    container(r, spec.key(listName).index(i), c, containerNames, volumes, f);
                }
            }
        }
    }

    private static void container(Resource r, FieldPath at, Map<?, ?> c, Set<String> names, Set<String> volumes,
                                  Findings f) {
        if (c.get("name") instanceof String name) {
            name(r, at.key("name"), "container", name, f);
            if (!names.add(name)) {
                f.at(ApiServerRules.LIST_KEYS, r, at.key("name"), "container name \"" + name + "\": Duplicate value "
                        + "(container names are unique across containers, initContainers and ephemeralContainers)", null);
            }
        }
        Object image = c.get("image");
        if (image == null || (image instanceof String s && s.isEmpty())) {
            f.at(ApiServerRules.POD_TEMPLATES, r, image == null ? at : at.key("image"), "image: Required value",
                    "give the container an image");
        }
        if (c.get("ports") instanceof List<?> ports) {
            Map<String, Integer> portNames = new HashMap<>();
            for (int i = 0; i < ports.size(); i++) {
                if (!(ports.get(i) instanceof Map<?, ?> p)) {
                    continue;
                }
                FieldPath pp = at.key("ports").index(i);
                if (p.get("name") instanceof String pn && !pn.isEmpty()) {
                    for (String problem : NameFormats.portName(pn)) {
                        f.at(ApiServerRules.NAMES, r, pp.key("name"), "port name '" + pn + "' is invalid: " + problem,
                                null);
                    }
                    if (portNames.putIfAbsent(pn, i) != null) {
                        f.at(ApiServerRules.LIST_KEYS, r, pp.key("name"), "port name \"" + pn + "\": Duplicate value",
                                null);
                    }
                }
                portNumber(r, pp.key("containerPort"), p.get("containerPort"), false, f);
                portNumber(r, pp.key("hostPort"), p.get("hostPort"), true, f);
            }
        }
        resources(r, at.key("resources"), c.get("resources"), f);
        for (String probe : List.of("livenessProbe", "startupProbe")) {
            if (c.get(probe) instanceof Map<?, ?> p && p.get("successThreshold") instanceof Long n && n != 1) {
                f.at(ApiServerRules.POD_TEMPLATES, r, at.key(probe).key("successThreshold"), probe
                        + ".successThreshold: Invalid value: " + n + ": must be 1", null);
            }
        }
        if (c.get("volumeMounts") instanceof List<?> mounts) {
            Set<String> paths = new HashSet<>();
            for (int i = 0; i < mounts.size(); i++) {
                if (!(mounts.get(i) instanceof Map<?, ?> m)) {
                    continue;
                }
                FieldPath mp = at.key("volumeMounts").index(i);
                if (m.get("name") instanceof String vn && !volumes.contains(vn)) {
                    f.at(ApiServerRules.POD_TEMPLATES, r, mp.key("name"), "volumeMounts name: Not found: \"" + vn
                            + "\" (no volume of the pod has this name)", null);
                }
                if (m.get("mountPath") instanceof String path && !paths.add(path)) {
                    f.at(ApiServerRules.LIST_KEYS, r, mp.key("mountPath"), "mountPath \"" + path + "\": must be unique",
                            null);
                }
            }
        }
    }

    /** ValidateResourceRequirements: a request may not exceed the limit of the same resource. */
    private static void resources(Resource r, FieldPath at, Object value, Findings f) {
        if (!(value instanceof Map<?, ?> res) || !(res.get("requests") instanceof Map<?, ?> requests)
                || !(res.get("limits") instanceof Map<?, ?> limits)) {
            return;
        }
        for (Map.Entry<?, ?> e : requests.entrySet()) {
            java.math.BigDecimal request = quantity(e.getValue());
            java.math.BigDecimal limit = quantity(limits.get(e.getKey()));
            if (request != null && limit != null && request.compareTo(limit) > 0) {
                f.at(ApiServerRules.POD_TEMPLATES, r, at.key("requests").key(String.valueOf(e.getKey())),
                        "requests." + e.getKey() + ": Invalid value: \"" + e.getValue() + "\": must be less than or "
                                + "equal to " + e.getKey() + " limit of " + limits.get(e.getKey()), null);
            }
        }
    }

    /** A quantity's value, or null when it is absent or malformed (SCHEMA004 reports malformed ones). */
    static java.math.BigDecimal quantity(Object v) {
        if (v instanceof Number n) {
            return new java.math.BigDecimal(n.toString());
        }
        if (!(v instanceof String s)) {
            return null;
        }
        try {
            return io.kubernetes.client.custom.Quantity.fromString(s).getNumber();
        } catch (RuntimeException e) {
            return null;
        }
    }

    private static void portNumber(Resource r, FieldPath at, Object value, boolean zeroAllowed, Findings f) {
        if (value instanceof Long n && !(zeroAllowed && n == 0) && (n < 1 || n > 65535)) {
            f.at(ApiServerRules.POD_TEMPLATES, r, at, at.last() + " " + n + ": must be between 1 and 65535, inclusive",
                    null);
        }
    }

    private static void restartPolicy(Resource r, FieldPath spec, Map<?, ?> podSpec, PodTemplates.Workload workload,
                                      Findings f) {
        Object policy = podSpec.get("restartPolicy");
        FieldPath at = spec.key("restartPolicy");
        switch (workload) {
            case REPLICATED -> {
                if (policy != null && !"Always".equals(policy)) {
                    f.at(ApiServerRules.POD_TEMPLATES, r, at, "restartPolicy: Unsupported value: \"" + policy
                            + "\": supported values: \"Always\"", "remove restartPolicy (it defaults to Always)");
                }
            }
            case JOB -> {
                if (policy == null) {
                    f.at(ApiServerRules.POD_TEMPLATES, r, spec, "restartPolicy: Required value: valid values: "
                            + "\"OnFailure\", \"Never\"", "set restartPolicy: Never (or OnFailure)");
                } else if (!"OnFailure".equals(policy) && !"Never".equals(policy)) {
                    f.at(ApiServerRules.POD_TEMPLATES, r, at, "restartPolicy: Unsupported value: \"" + policy
                            + "\": supported values: \"OnFailure\", \"Never\"", null);
                }
            }
            case POD, TEMPLATE -> {
            }
        }
    }

    private static void name(Resource r, FieldPath at, String what, String name, Findings f) {
        for (String problem : NameFormats.dns1123Label(name)) {
            f.at(ApiServerRules.NAMES, r, at, what + " name '" + name + "' is invalid: " + problem, null);
        }
    }
}
