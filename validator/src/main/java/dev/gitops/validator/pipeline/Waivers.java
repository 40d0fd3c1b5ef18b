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
 * {@code gitops.validator/waive: "RULE-ID: reason"} (several separated by new lines or {@code ;});
 * the central waivers ({@link CentralWaivers}) select findings by rule, resource and file. Findings
 * about waivers themselves are never waived.
 */
final class Waivers {

    static final String ANNOTATION = "gitops.validator/waive";

    record Outcome(List<Finding> kept, List<WaivedFinding> waived, java.util.Set<CentralWaivers.Entry> used) {
    }

    private final boolean honourAnnotations;

    Waivers(boolean honourAnnotations) {
        this.honourAnnotations = honourAnnotations;
    }

    Outcome apply(List<Finding> findings, List<Resource> resources) {
        return apply(findings, resources, List.of());
    }

    Outcome apply(List<Finding> findings, List<Resource> resources, List<CentralWaivers.Entry> central) {
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
        java.util.Set<CentralWaivers.Entry> used = new java.util.LinkedHashSet<>();
        for (Finding f : findings) {
            if (f.rule().startsWith("WAIVE")) {
                kept.add(f);
                continue;
            }
            Map<String, String> w = f.resource() == null ? null : byResource.get(key(f.file(), f.resource()));
            String reason = w == null ? null : w.get(f.rule());
            if (reason != null) {
                waived.add(new WaivedFinding(f, reason, "annotation " + ANNOTATION));
                continue;
            }
            CentralWaivers.Entry entry = central.stream().filter(e -> e.matches(f)).findFirst().orElse(null);
            if (entry != null) {
                used.add(entry);
                waived.add(new WaivedFinding(f, entry.reason(), entry.source()));
            } else {
                kept.add(f);
            }
        }
        return new Outcome(kept, waived, used);
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
