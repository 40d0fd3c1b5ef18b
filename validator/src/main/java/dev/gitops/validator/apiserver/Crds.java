package dev.gitops.validator.apiserver;

import dev.gitops.validator.resource.Resource;
import dev.gitops.validator.source.FieldPath;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Small facts about CustomResourceDefinitions and their schemas. */
final class Crds {

    private static final Pattern OLD_SELF = Pattern.compile("\\boldSelf\\b");
    private static final Pattern FIELD_PATH_SEGMENT = Pattern.compile("\\.([A-Za-z_$][A-Za-z0-9_$-]*)|\\['([^']*)'\\]");

    private Crds() {
    }

    static boolean isCrd(Resource r) {
        return "apiextensions.k8s.io/v1".equals(r.apiVersion()) && "CustomResourceDefinition".equals(r.kind());
    }

    /** True when the schema, or any schema below it, declares {@code x-kubernetes-validations}. */
    static boolean hasRules(Object schema) {
        if (schema instanceof Map<?, ?> m) {
            if (m.get("x-kubernetes-validations") instanceof List<?> l && !l.isEmpty()) {
                return true;
            }
            for (Object v : m.values()) {
                if (hasRules(v)) {
                    return true;
                }
            }
        } else if (schema instanceof List<?> l) {
            for (Object v : l) {
                if (hasRules(v)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** A transition rule compares with {@code oldSelf}, the stored object: it does not apply on create. */
    static boolean isTransitionRule(String expression) {
        return OLD_SELF.matcher(expression).find();
    }

    /** A rule's {@code fieldPath} ({@code .spec.x}, {@code .x['y']}) below {@code at}; {@code at} if unreadable. */
    static FieldPath relative(FieldPath at, String fieldPath) {
        FieldPath p = at;
        Matcher m = FIELD_PATH_SEGMENT.matcher(fieldPath);
        int end = 0;
        while (m.find() && m.start() == end) {
            p = p.key(m.group(1) != null ? m.group(1) : m.group(2));
            end = m.end();
        }
        return end == fieldPath.length() && end > 0 ? p : at;
    }
}
