package dev.gitops.validator.pipeline;

import dev.gitops.validator.finding.Finding;
import dev.gitops.validator.finding.RuleAliases;
import dev.gitops.validator.resource.Resource;
import dev.gitops.validator.resource.ResourceRef;
import dev.gitops.validator.source.FieldPath;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Accepts findings that a waiver covers. A resource may carry the annotation
 * {@code gitops.validator/waive: "RULE-ID: reason"} (several separated by new lines, or by {@code ;}
 * before the next rule id);
 * the central waivers ({@link CentralWaivers}) select findings by rule, resource and file. Findings
 * about waivers themselves are never waived.
 */
final class Waivers {

    static final String ANNOTATION = "gitops.validator/waive";
    private static final FieldPath ANNOTATION_PATH = FieldPath.of("metadata", "annotations", ANNOTATION);

    /**
     * Entries are separated by new lines, or by {@code ;} before the next {@code RULE-ID:}, so that a
     * reason may itself hold semicolons.
     */
    private static final java.util.regex.Pattern ENTRY_SEPARATOR =
            java.util.regex.Pattern.compile("\\n|;(?=\\s*[A-Z][A-Z0-9_-]*[0-9]\\s*:)");

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

    /**
     * Findings about malformed waiver annotations: an entry that is not {@code RULE-ID: reason}, or
     * whose reason is empty, waives nothing and is reported (WAIVE002) at the annotation.
     */
    static List<Finding> malformedAnnotations(List<Resource> resources) {
        List<Finding> out = new ArrayList<>();
        FieldPath at = ANNOTATION_PATH;
        for (Resource r : resources) {
            Object v = r.get(at);
            if (v == null) {
                continue;
            }
            List<String> bad = new ArrayList<>();
            if (!(v instanceof String text)) {
                bad.add("the annotation must be a string");
            } else {
                for (String entry : ENTRY_SEPARATOR.split(text)) {
                    if (entry.isBlank()) {
                        continue;
                    }
                    int colon = entry.indexOf(':');
                    if (colon <= 0 || entry.substring(0, colon).isBlank() || entry.substring(colon + 1).isBlank()) {
                        bad.add("'" + entry.strip() + "'");
                    }
                }
            }
            if (!bad.isEmpty()) {
                out.add(dev.gitops.validator.check.Findings.of(WaiverRules.INCOMPLETE, r, at,
                        ANNOTATION + " entries must read 'RULE-ID: reason': " + String.join(", ", bad),
                        "write the rule id, a colon and why the finding is accepted", List.of()));
            }
        }
        return out;
    }

    static Map<String, String> annotationWaivers(Resource r) {
        Object v = r.get(ANNOTATION_PATH);
        Map<String, String> out = new HashMap<>();
        if (!(v instanceof String text)) {
            return out;
        }
        for (String entry : ENTRY_SEPARATOR.split(text)) {
            int colon = entry.indexOf(':');
            if (colon <= 0) {
                continue;
            }
            String rule = RuleAliases.current(entry.substring(0, colon).strip());
            String reason = entry.substring(colon + 1).strip();
            if (!rule.isEmpty() && !reason.isEmpty()) {
                out.put(rule, reason);
            }
        }
        return out;
    }
}
