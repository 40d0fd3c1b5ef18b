package dev.gitops.validator.domain.waf;

import static dev.gitops.validator.finding.Rule.warning;

import dev.gitops.validator.check.Check;
import dev.gitops.validator.check.CheckContext;
import dev.gitops.validator.check.Findings;
import dev.gitops.validator.finding.Rule;
import dev.gitops.validator.resource.Resource;
import dev.gitops.validator.source.FieldPath;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * AWS WAF Bot Control in front of an API: the rule group's {@code SignalNonBrowserUserAgent} and
 * {@code CategoryHttpLibrary} rules block requests whose user agent is not a browser or is an HTTP library,
 * which is every programmatic API client. A web ACL using the group must count those two rules
 * ({@code ruleActionOverrides} with {@code count} or {@code allow}), count the whole group
 * ({@code overrideAction: {count: {}}}), or scope the group down (away from the API paths).
 */
public final class BotControlCheck implements Check {

    public static final Rule RULE = warning("WAF011", WafCheck.CATEGORY);

    static final String GROUP_NAME = "AWSManagedRulesBotControlRuleSet";
    /** Bot Control rules whose default action (Block) hits API clients: non-browser user agents, HTTP libraries. */
    static final List<String> API_BLOCKING = List.of("SignalNonBrowserUserAgent", "CategoryHttpLibrary");

    @Override
    public List<Rule> rules() {
        return List.of(RULE);
    }

    @Override
    public void run(CheckContext context, Findings findings) {
        for (Resource r : context.resources()) {
            if (!"WebACL".equals(r.kind()) || !(r.get("spec.rules") instanceof List<?> rules)) {
                continue;
            }
            for (int i = 0; i < rules.size(); i++) {
                if (rules.get(i) instanceof Map<?, ?> rule) {
                    judge(r, rule, FieldPath.of("spec", "rules", i), findings);
                }
            }
        }
    }

    private void judge(Resource acl, Map<?, ?> rule, FieldPath at, Findings f) {
        if (!(rule.get("statement") instanceof Map<?, ?> st)
                || !(st.get("managedRuleGroupStatement") instanceof Map<?, ?> group)
                || !GROUP_NAME.equals(group.get("name"))) {
            return;
        }
        if (rule.get("overrideAction") instanceof Map<?, ?> o && o.containsKey("count")
                || group.get("scopeDownStatement") != null) {
            return;
        }
        List<String> relaxed = new ArrayList<>();
        if (group.get("ruleActionOverrides") instanceof List<?> overrides) {
            for (Object o : overrides) {
                if (o instanceof Map<?, ?> m && m.get("name") instanceof String n
                        && m.get("actionToUse") instanceof Map<?, ?> a && (a.containsKey("count") || a.containsKey("allow"))) {
                    relaxed.add(n);
                }
            }
        }
        if (group.get("excludedRules") instanceof List<?> excluded) {
            for (Object o : excluded) {
                if (o instanceof Map<?, ?> m && m.get("name") instanceof String n) {
                    relaxed.add(n);
                }
            }
        }
        List<String> blocking = API_BLOCKING.stream().filter(n -> !relaxed.contains(n)).toList();
        if (blocking.isEmpty()) {
            return;
        }
        FieldPath where = at.key("statement").key("managedRuleGroupStatement");
        f.at(RULE, acl, where, "Bot Control rule group in rule '" + rule.get("name") + "' blocks "
                        + String.join(" and ", blocking) + " by default: API clients (SDKs, curl, Java and Python HTTP "
                        + "clients, mobile apps) send non-browser user agents and are refused with 403",
                "add ruleActionOverrides setting " + String.join(" and ", blocking) + " to count: {} (the labels stay "
                        + "for metrics and label-match rules), or scope the group down to the browser paths");
    }
}
