package dev.gitops.validator.apiserver;

import dev.gitops.validator.check.Findings;
import dev.gitops.validator.resource.Resource;
import dev.gitops.validator.source.FieldPath;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code ValidateObjectMeta} of the API server: the name (per kind), generateName, namespace, labels and
 * annotations; and {@code ValidateLabelSelector} for selectors.
 */
final class Metadata {

    /** TotalAnnotationSizeLimitB of k8s.io/apimachinery/pkg/api/validation. */
    static final int ANNOTATIONS_MAX_BYTES = 256 * 1024;

    private static final FieldPath META = FieldPath.of("metadata");

    private Metadata() {
    }

    static void check(Resource r, Findings f) {
        if (!(r.get(META) instanceof Map<?, ?> meta)) {
            return;
        }
        String group = r.ref().group();
        String kind = r.kind();
        boolean crd = "apiextensions.k8s.io".equals(group) && "CustomResourceDefinition".equals(kind);
        if (meta.get("name") instanceof String name && !name.isEmpty() && !crd) {
            ObjectNames.Format format = ObjectNames.of(group, kind);
            for (String problem : format.check().apply(name)) {
                f.at(ApiServerRules.NAMES, r, META.key("name"), kind + " name '" + name + "' is invalid: " + problem,
                        "a " + kind + " name must be " + format.description());
            }
            Integer max = ObjectNames.maxLength(group, kind);
            if (max != null && name.length() > max) {
                f.at(ApiServerRules.NAMES, r, META.key("name"), kind + " name '" + name + "' is invalid: must be no "
                        + "more than " + max + " characters", null);
            }
        }
        if (meta.get("generateName") instanceof String prefix && !prefix.isEmpty() && !crd) {
            String masked = prefix.endsWith("-") ? prefix.substring(0, prefix.length() - 1) + "a" : prefix;
            for (String problem : ObjectNames.of(group, kind).check().apply(masked)) {
                f.at(ApiServerRules.NAMES, r, META.key("generateName"), "generateName '" + prefix + "' is invalid: "
                        + problem, null);
            }
        }
        if (meta.get("namespace") instanceof String ns && !ns.isEmpty()) {
            for (String problem : NameFormats.dns1123Label(ns)) {
                f.at(ApiServerRules.NAMES, r, META.key("namespace"), "namespace '" + ns + "' is invalid: " + problem,
                        null);
            }
        }
        labels(r, META, f);
        annotations(r, META.key("annotations"), f);
    }

    /** The labels of the object metadata at {@code meta} (an object's, or a pod template's). */
    static void labels(Resource r, FieldPath meta, Findings f) {
        if (!(r.get(meta.key("labels")) instanceof Map<?, ?> labels)) {
            return;
        }
        for (Map.Entry<?, ?> e : labels.entrySet()) {
            labelPair(r, meta.key("labels"), String.valueOf(e.getKey()), e.getValue(), "label", f);
        }
    }

    private static void labelPair(Resource r, FieldPath at, String key, Object value, String what, Findings f) {
        for (String problem : NameFormats.qualifiedName(key)) {
            f.at(ApiServerRules.LABELS, r, at.key(key), what + " key '" + key + "' is invalid: " + problem, null);
        }
        if (value instanceof String v) {
            for (String problem : NameFormats.labelValue(v)) {
                f.at(ApiServerRules.LABELS, r, at.key(key), what + " value '" + shorten(v) + "' of " + key
                        + " is invalid: " + problem, null);
            }
        }
    }

    static void annotations(Resource r, FieldPath at, Findings f) {
        if (!(r.get(at) instanceof Map<?, ?> annotations)) {
            return;
        }
        long size = 0;
        for (Map.Entry<?, ?> e : annotations.entrySet()) {
            String key = String.valueOf(e.getKey());
            for (String problem : NameFormats.qualifiedName(key.toLowerCase(Locale.ROOT))) {
                f.at(ApiServerRules.LABELS, r, at.key(key), "annotation key '" + key + "' is invalid: " + problem, null);
            }
            size += key.getBytes(StandardCharsets.UTF_8).length;
            if (e.getValue() instanceof String v) {
                size += v.getBytes(StandardCharsets.UTF_8).length;
            }
        }
        if (size > ANNOTATIONS_MAX_BYTES) {
            f.at(ApiServerRules.LABELS, r, at, "annotations are " + size + " bytes: may not be more than "
                    + ANNOTATIONS_MAX_BYTES + " bytes in total", "move large values to a ConfigMap");
        }
    }

    /** A LabelSelector (matchLabels, matchExpressions) at {@code at}. */
    static void selector(Resource r, FieldPath at, Findings f) {
        if (!(r.get(at) instanceof Map<?, ?> selector)) {
            return;
        }
        if (selector.get("matchLabels") instanceof Map<?, ?> labels) {
            for (Map.Entry<?, ?> e : labels.entrySet()) {
                labelPair(r, at.key("matchLabels"), String.valueOf(e.getKey()), e.getValue(), "selector label", f);
            }
        }
        if (selector.get("matchExpressions") instanceof List<?> exprs) {
            for (int i = 0; i < exprs.size(); i++) {
                if (!(exprs.get(i) instanceof Map<?, ?> e)) {
                    continue;
                }
                FieldPath p = at.key("matchExpressions").index(i);
                if (e.get("key") instanceof String key) {
                    for (String problem : NameFormats.qualifiedName(key)) {
                        f.at(ApiServerRules.LABELS, r, p.key("key"), "selector key '" + key + "' is invalid: " + problem,
                                null);
                    }
                }
                int values = e.get("values") instanceof List<?> l ? l.size() : 0;
                Object op = e.get("operator");
                if (("In".equals(op) || "NotIn".equals(op)) && values == 0) {
                    f.at(ApiServerRules.LABELS, r, p.key("values"),
                            "values: Required value: must be specified when `operator` is 'In' or 'NotIn'", null);
                } else if (("Exists".equals(op) || "DoesNotExist".equals(op)) && values > 0) {
                    f.at(ApiServerRules.LABELS, r, p.key("values"),
                            "values: Forbidden: may not be specified when `operator` is 'Exists' or 'DoesNotExist'", null);
                }
            }
        }
    }

    static String shorten(String s) {
        return s.length() > 70 ? s.substring(0, 70) + "…" : s;
    }
}
