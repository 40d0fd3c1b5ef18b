package dev.gitops.validator.policy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gitops.validator.check.CheckFailedException;
import dev.gitops.validator.check.Findings;
import dev.gitops.validator.finding.Finding;
import dev.gitops.validator.finding.Rule;
import dev.gitops.validator.finding.Severity;
import dev.gitops.validator.resource.Resource;
import dev.gitops.validator.resource.ResourceRef;
import dev.gitops.validator.source.FieldPath;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Turns OPA's report ({@code data.validator.report}: entries {@code {level, policy, violation}})
 * into findings at file:line:column. Anything that does not follow the policy contract is a
 * malformed answer and fails the check: a violation is never dropped.
 */
final class ViolationMapper {

    private final Map<String, Rule> rules;
    private final List<Resource> resources;

    ViolationMapper(Map<String, Rule> rules, List<Resource> resources) {
        this.rules = rules;
        this.resources = resources;
    }

    List<Finding> map(JsonNode report) {
        if (report == null || !report.isArray()) {
            throw malformed("the report is not a list: " + abbreviate(report));
        }
        List<Finding> out = new ArrayList<>(report.size());
        for (JsonNode entry : report) {
            out.add(finding(entry));
        }
        return out;
    }

    private Finding finding(JsonNode entry) {
        String policy = entry.path("policy").asText("?");
        Severity severity = PolicyCheck.severityOf(entry.path("level").asText(""));
        JsonNode v = entry.path("violation");
        if (severity == null || !v.isObject()) {
            throw malformed("entry is not {level: deny|warn, policy, violation}: " + abbreviate(entry));
        }
        String ruleId = v.path("rule").isTextual() ? v.get("rule").asText() : null;
        String msg = v.path("msg").isTextual() ? v.get("msg").asText() : null;
        if (ruleId == null || ruleId.isBlank() || msg == null) {
            throw malformed("policy " + policy + " reported a violation without rule or msg: " + abbreviate(v));
        }
        Rule declared = rules.get(ruleId);
        if (declared == null) {
            throw malformed("policy " + policy + " reported rule " + ruleId
                    + ", which its README's Rules table does not declare");
        }
        Resource resource = resourceOf(v.path("resource"), policy, ruleId);
        FieldPath path = pathOf(v.get("path"), policy, ruleId);
        Rule rule = new Rule(declared.id(), declared.category(), severity, declared.title());
        return Findings.of(rule, resource, path, msg, "policy " + policy + " (--explain " + ruleId + ")", List.of());
    }

    private Resource resourceOf(JsonNode ref, String policy, String ruleId) {
        if (!ref.isObject()) {
            throw malformed("policy " + policy + " reported " + ruleId + " without a resource");
        }
        JsonNode id = ref.get("id");
        String kind = text(ref.get("kind"));
        String name = text(ref.get("name"));
        if (id != null && id.canConvertToInt()) {
            int i = id.asInt();
            if (i >= 0 && i < resources.size()) {
                ResourceRef r = resources.get(i).ref();
                if (Objects.equals(r.kind(), kind) && Objects.equals(r.name(), name)) {
                    return resources.get(i);
                }
            }
        }
        String file = text(ref.get("file"));
        String namespace = text(ref.get("namespace"));
        for (Resource r : resources) {
            ResourceRef rr = r.ref();
            if (Objects.equals(rr.kind(), kind) && Objects.equals(rr.name(), name)
                    && Objects.equals(rr.namespace(), namespace)
                    && (file == null || file.equals(r.file().displayName()))) {
                return r;
            }
        }
        throw malformed("policy " + policy + " reported " + ruleId + " for a resource that is not in the input: "
                + abbreviate(ref));
    }

    private static FieldPath pathOf(JsonNode path, String policy, String ruleId) {
        if (path == null || path.isNull()) {
            return FieldPath.ROOT;
        }
        try {
            if (path.isTextual()) {
                return FieldPath.parse(path.asText());
            }
            if (path.isArray()) {
                List<Object> segments = new ArrayList<>(path.size());
                for (JsonNode s : path) {
                    if (s.isTextual()) {
                        segments.add(s.asText());
                    } else if (s.canConvertToInt() && s.isIntegralNumber()) {
                        segments.add(s.asInt());
                    } else {
                        throw new IllegalArgumentException("segment " + s + " is neither a key nor an index");
                    }
                }
                return new FieldPath(segments);
            }
        } catch (IllegalArgumentException e) {
            throw malformed("policy " + policy + " reported " + ruleId + " with a bad path " + path + ": "
                    + e.getMessage());
        }
        throw malformed("policy " + policy + " reported " + ruleId + " with a path that is neither a string nor a list: "
                + path);
    }

    private static String text(JsonNode n) {
        return n != null && n.isTextual() ? n.asText() : null;
    }

    private static String abbreviate(JsonNode n) {
        String s = String.valueOf(n);
        return s.length() > 300 ? s.substring(0, 300) + "…" : s;
    }

    private static CheckFailedException malformed(String what) {
        return new CheckFailedException("policy check: malformed answer from OPA: " + what);
    }
}
