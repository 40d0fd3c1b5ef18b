package dev.gitops.validator.apiserver;

import dev.gitops.validator.check.Findings;
import dev.gitops.validator.resource.Resource;
import dev.gitops.validator.source.FieldPath;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Built-in kinds with keyed content of their own: a Service's ports and selector ({@code ValidateService}), the
 * keys of ConfigMaps and Secrets ({@code ValidateConfigMap}, {@code ValidateSecret}).
 */
final class CoreObjects {

    private CoreObjects() {
    }

    static void check(Resource r, Findings f) {
        if (!"".equals(r.ref().group())) {
            return;
        }
        switch (r.kind()) {
            case "Service" -> service(r, f);
            case "ConfigMap" -> keys(r, List.of("data", "binaryData"), f);
            case "Secret" -> keys(r, List.of("data", "stringData"), f);
            default -> {
            }
        }
    }

    private static void service(Resource r, Findings f) {
        FieldPath spec = FieldPath.of("spec");
        if (r.get(spec.key("selector")) instanceof Map<?, ?> selector) {
            for (Map.Entry<?, ?> e : selector.entrySet()) {
                String key = String.valueOf(e.getKey());
                FieldPath at = spec.key("selector").key(key);
                for (String problem : NameFormats.qualifiedName(key)) {
                    f.at(ApiServerRules.LABELS, r, at, "selector key '" + key + "' is invalid: " + problem, null);
                }
                if (e.getValue() instanceof String v) {
                    for (String problem : NameFormats.labelValue(v)) {
                        f.at(ApiServerRules.LABELS, r, at, "selector value '" + Metadata.shorten(v) + "' is invalid: "
                                + problem, null);
                    }
                }
            }
        }
        if (!(r.get(spec.key("ports")) instanceof List<?> ports)) {
            return;
        }
        Set<String> names = new HashSet<>();
        Set<String> keys = new HashSet<>();
        for (int i = 0; i < ports.size(); i++) {
            if (!(ports.get(i) instanceof Map<?, ?> p)) {
                continue;
            }
            FieldPath at = spec.key("ports").index(i);
            Object name = p.get("name");
            if (name instanceof String n && !n.isEmpty()) {
                for (String problem : NameFormats.dns1123Label(n)) {
                    f.at(ApiServerRules.NAMES, r, at.key("name"), "port name '" + n + "' is invalid: " + problem, null);
                }
                if (!names.add(n)) {
                    f.at(ApiServerRules.LIST_KEYS, r, at.key("name"), "port name \"" + n + "\": Duplicate value", null);
                }
            } else if (ports.size() > 1) {
                f.at(ApiServerRules.LIST_KEYS, r, at, "ports name: Required value (a Service with more than one port "
                        + "names each of them)", "name the port, e.g. http");
            }
            if (p.get("targetPort") instanceof String target && !target.isEmpty()) {
                for (String problem : NameFormats.portName(target)) {
                    f.at(ApiServerRules.NAMES, r, at.key("targetPort"), "targetPort '" + target + "' is invalid: "
                            + problem, null);
                }
            }
            String key = p.get("port") + "/" + (p.get("protocol") == null ? "TCP" : p.get("protocol"));
            if (p.get("port") != null && !keys.add(key)) {
                f.at(ApiServerRules.LIST_KEYS, r, at.key("port"), "port " + key + ": Duplicate value", null);
            }
        }
    }

    private static void keys(Resource r, List<String> fields, Findings f) {
        Set<String> seen = new HashSet<>();
        for (String field : fields) {
            if (!(r.get(FieldPath.of(field)) instanceof Map<?, ?> data)) {
                continue;
            }
            for (Object k : data.keySet()) {
                String key = String.valueOf(k);
                FieldPath at = FieldPath.of(field, key);
                for (String problem : NameFormats.configMapKey(key)) {
                    f.at(ApiServerRules.NAMES, r, at, r.kind() + " key '" + key + "' is invalid: " + problem, null);
                }
                if (!seen.add(key) && r.kind().equals("ConfigMap")) {
                    f.at(ApiServerRules.LIST_KEYS, r, at, "key '" + key + "': duplicate of key present in "
                            + fields.getFirst(), null);
                }
            }
        }
    }
}
