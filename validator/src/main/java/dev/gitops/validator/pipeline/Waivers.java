package dev.gitops.validator.pipeline;

import dev.gitops.validator.finding.Finding;
import dev.gitops.validator.resource.Resource;
import dev.gitops.validator.resource.ResourceRef;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Accepts findings that a waiver covers. A resource may carry the annotation
 * {@code gitops.validator/waive: "RULE-ID: reason"} (several separated by new lines or {@code ;}).
 */
final class Waivers {

    static final String ANNOTATION = "gitops.validator/waive";

    record Outcome(List<Finding> kept, List<WaivedFinding> waived) {
    }

    private final boolean honourAnnotations;

    Waivers(boolean honourAnnotations) {
        this.honourAnnotations = honourAnnotations;
    }

    Outcome apply(List<Finding> findings, List<Resource> resources) {
        Map<String, Map<String, String>> byResource = new HashMap<>();
        if (honourAnnotations) {
            for (Resource r : resources) {
                Map<String, String> w = annotationWaivers(r);
                if (!w.isEmpty()) {
                    byResource.put(key(r.file().displayName(), r.ref()), w);
                }
            }
        }
        List<Finding> kept = new ArrayList<>();
        List<WaivedFinding> waived = new ArrayList<>();
        for (Finding f : findings) {
            Map<String, String> w = f.resource() == null ? null : byResource.get(key(f.file(), f.resource()));
            String reason = w == null ? null : w.get(f.rule());
            if (reason != null) {
                waived.add(new WaivedFinding(f, reason, "annotation " + ANNOTATION));
            } else {
                kept.add(f);
            }
        }
        return new Outcome(kept, waived);
    }

    private static String key(String file, ResourceRef ref) {
        return file + "|" + Objects.toString(ref.kind()) + "|" + Objects.toString(ref.namespace()) + "|"
                + Objects.toString(ref.name());
    }

    static Map<String, String> annotationWaivers(Resource r) {
        Object v = r.get("metadata.annotations[\"" + ANNOTATION + "\"]");
        Map<String, String> out = new HashMap<>();
        if (!(v instanceof String text)) {
            return out;
        }
        for (String entry : text.split("[;\n]")) {
            int colon = entry.indexOf(':');
            if (colon <= 0) {
                continue;
            }
            String rule = entry.substring(0, colon).strip();
            String reason = entry.substring(colon + 1).strip();
            if (!rule.isEmpty() && !reason.isEmpty()) {
                out.put(rule, reason);
            }
        }
        return out;
    }
}
