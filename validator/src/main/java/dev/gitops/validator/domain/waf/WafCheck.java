package dev.gitops.validator.domain.waf;

import static dev.gitops.validator.finding.Rule.error;
import static dev.gitops.validator.finding.Rule.warning;

import dev.gitops.validator.check.Check;
import dev.gitops.validator.check.CheckContext;
import dev.gitops.validator.check.Findings;
import dev.gitops.validator.config.ConfigSection;
import dev.gitops.validator.domain.Topology;
import dev.gitops.validator.finding.Rule;
import dev.gitops.validator.model.ModelCheck;
import dev.gitops.validator.model.ModelKind;
import dev.gitops.validator.model.Models;
import dev.gitops.validator.model.Waf.Statement;
import dev.gitops.validator.model.Waf.WebAcl;
import dev.gitops.validator.model.Waf;
import dev.gitops.validator.resource.Resource;
import dev.gitops.validator.source.FieldPath;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * AWS WAFv2 web ACL semantics for ACK {@code WebACL}s: names, priorities, actions, rate-based rules,
 * capacity (WCU) with managed-group costs, overrides naming real managed rules, the 8 KB body rule versus
 * the upload path, and REGIONAL scope for ACLs on ALBs. Nested statements (ACK keeps them as strings) are
 * parsed by the model and walked recursively.
 *
 * <p>Configuration ({@code waf:} in .gitops-validator.yaml): {@code maxCapacity} (default 5000),
 * {@code includedCapacity} (default 1500), {@code uploadPaths} (default {@code [/v1/documents]}).
 */
public final class WafCheck implements Check {

    public static final String CATEGORY = "waf";
    static final String ACL_ARN_ANNOTATION = "alb.ingress.kubernetes.io/wafv2-acl-arn";
    static final String ACL_NAME_ANNOTATION = "alb.ingress.kubernetes.io/wafv2-acl-name";

    public static final Rule NAMES = error("WAF001", CATEGORY);
    public static final Rule PRIORITIES = error("WAF002", CATEGORY);
    public static final Rule ACTIONS = error("WAF003", CATEGORY);
    public static final Rule RATE = error("WAF004", CATEGORY);
    public static final Rule RATE_LOW = warning("WAF005", CATEGORY);
    public static final Rule CAPACITY = error("WAF006", CATEGORY);
    public static final Rule CAPACITY_COST = warning("WAF007", CATEGORY);
    public static final Rule OVERRIDES = error("WAF008", CATEGORY);
    public static final Rule UPLOAD = error("WAF009", CATEGORY);
    public static final Rule SCOPE = error("WAF010", CATEGORY);

    private static final Pattern NAME = Pattern.compile("[\\w-]{1,128}");
    private static final Pattern METRIC = Pattern.compile("[A-Za-z0-9_-]{1,128}");

    @Override
    public List<Rule> rules() {
        return List.of(NAMES, PRIORITIES, ACTIONS, RATE, RATE_LOW, CAPACITY, CAPACITY_COST, OVERRIDES, UPLOAD, SCOPE);
    }

    /** {@code waf:} in the configuration: the capacity of a web ACL and what its base price includes. */
    record Settings(long maxCapacity, long includedCapacity) {
    }

    static final ConfigSection<Settings> SECTION = new ConfigSection<>("waf",
            r -> new Settings(r.integer("maxCapacity", 5000), r.integer("includedCapacity", 1500)));

    @Override
    public List<ConfigSection<?>> configSections() {
        return List.of(SECTION);
    }

    @Override
    public void run(CheckContext context, Findings findings) {
        Settings settings = context.config().settings(SECTION);
        long max = settings.maxCapacity();
        long included = settings.includedCapacity();
        List<WebAcl> acls = Models.of(context.resources()).all(ModelKind.WEB_ACL);
        for (WebAcl acl : acls) {
            check(acl, max, included, findings);
        }
        scopes(context, acls, findings);
    }

    private void check(WebAcl acl, long max, long included, Findings f) {
        Resource src = acl.source();
        FieldPath spec = FieldPath.of("spec");
        if (acl.aclName() != null && !NAME.matcher(acl.aclName()).matches()) {
            f.at(NAMES, src, spec.key("name"), "web ACL name '" + acl.aclName() + "' must be 1-128 letters, digits, _ or -",
                    null);
        }
        metric(f, src, acl.visibility(), spec.key("visibilityConfig").key("metricName"));
        Map<String, Integer> names = new HashMap<>();
        Map<Long, Integer> priorities = new HashMap<>();
        Map<String, Integer> metrics = new HashMap<>();
        long total = 0;
        boolean unknown = false;
        for (int i = 0; i < acl.rules().size(); i++) {
            Waf.Rule rule = acl.rules().get(i);
            FieldPath at = spec.key("rules").index(i);
            if (rule.name() != null) {
                if (!NAME.matcher(rule.name()).matches()) {
                    f.at(NAMES, src, at.key("name"), "rule name '" + rule.name()
                            + "' must be 1-128 letters, digits, _ or -", null);
                }
                Integer first = names.putIfAbsent(rule.name(), i);
                if (first != null) {
                    f.at(NAMES, src, at.key("name"), "rule name '" + rule.name() + "' is also used by rules[" + first
                            + "]", "give each rule its own name", List.of(Findings.location(src,
                            spec.key("rules").index(first).key("name"), "first rule")));
                }
            }
            if (metric(f, src, rule.visibility(), at.key("visibilityConfig").key("metricName"))) {
                Integer first = metrics.putIfAbsent(rule.visibility().metricName(), i);
                if (first != null) {
                    f.at(NAMES, src, at.key("visibilityConfig").key("metricName"), "metric name '"
                            + rule.visibility().metricName() + "' is also used by rules[" + first + "]",
                            "one metric per rule, or CloudWatch mixes their counts", null);
                }
            }
            if (rule.priority() != null) {
                if (rule.priority() < 0) {
                    f.at(PRIORITIES, src, at.key("priority"), "priority must be 0 or more", null);
                }
                Integer first = priorities.putIfAbsent(rule.priority(), i);
                if (first != null) {
                    f.at(PRIORITIES, src, at.key("priority"), "priority " + rule.priority() + " is also used by rule '"
                                    + acl.rules().get(first).name() + "'", "priorities must all be different",
                            List.of(Findings.location(src, spec.key("rules").index(first).key("priority"),
                                    "same priority")));
                }
            }
            Statement st = rule.statement();
            if (st == null) {
                continue;
            }
            boolean group = st.type().equals("managedRuleGroup") || st.type().equals("ruleGroupReference");
            if (group && rule.action() != null) {
                f.at(ACTIONS, src, at.key("action"), "rule '" + rule.name() + "' references a rule group: use "
                        + "overrideAction (none or count), not action", null);
            } else if (group && rule.overrideAction() == null) {
                f.at(ACTIONS, src, at, "rule '" + rule.name() + "' references a rule group and needs overrideAction "
                        + "(none: {} or count: {})", null);
            } else if (!group && rule.overrideAction() != null) {
                f.at(ACTIONS, src, at.key("overrideAction"), "overrideAction is only for rule-group statements; rule '"
                        + rule.name() + "' needs an action", null);
            } else if (!group && rule.action() == null) {
                f.at(ACTIONS, src, at, "rule '" + rule.name() + "' has no action", null);
            }
            if (st.type().equals("rateBased") && "allow".equals(rule.action())) {
                f.at(ACTIONS, src, at.key("action"), "a rate-based rule may use any action except allow", null);
            }
            for (Statement s : st.walk()) {
                if (s != st && (s.type().equals("managedRuleGroup") || s.type().equals("rateBased"))) {
                    f.at(ACTIONS, src, anchor(src, s.path()), s.type() + " statements cannot be nested", null);
                }
                if (s.rateBased() != null) {
                    rate(f, src, s);
                }
                if (s.managedRuleGroup() != null) {
                    overrides(f, src, s);
                }
            }
            if (st.managedRuleGroup() != null) {
                upload(f, src, rule, st, at);
            }
            Integer cost = cost(st);
            if (cost == null) {
                unknown = true;
            } else {
                total += cost + (rule.labelCount() + 4) / 5;
            }
        }
        String of = unknown ? "at least " : "";
        if (total > max) {
            f.at(CAPACITY, src, spec.key("rules"), "web ACL " + acl.aclName() + " needs " + of + total
                    + " WCU, above the limit of " + max, "remove or consolidate rules; check with aws wafv2 check-capacity");
        } else if (total > included) {
            f.at(CAPACITY_COST, src, spec.key("rules"), "web ACL " + acl.aclName() + " needs " + of + total
                    + " WCU, above the " + included + " included in the base price (each further 500 WCU is billed per request)",
                    null);
        }
    }

    private boolean metric(Findings f, Resource src, Waf.Visibility v, FieldPath at) {
        if (v == null || v.metricName() == null) {
            return false;
        }
        String m = v.metricName();
        if (!METRIC.matcher(m).matches() || m.equals("All") || m.equals("Default_Action")) {
            f.at(NAMES, src, at, "metric name '" + m + "' must be 1-128 letters, digits, _ or -, and not All or "
                    + "Default_Action", null);
            return false;
        }
        return true;
    }

    private void rate(Findings f, Resource src, Statement s) {
        var rb = s.rateBased();
        FieldPath at = anchor(src, s.path());
        boolean nested = !at.equals(s.path());
        if (rb.limit() != null) {
            if (rb.limit() < 10 || rb.limit() > 2_000_000_000L) {
                f.at(RATE, src, nested ? at : at.key("limit"), "rate limit " + rb.limit()
                        + " is outside 10..2,000,000,000", null);
            } else if (rb.limit() < 100) {
                f.at(RATE_LOW, src, nested ? at : at.key("limit"), "rate limit " + rb.limit()
                        + " per window is very low (older tools and docs require 100 or more)", null);
            }
        }
        if (rb.evaluationWindowSec() != null && !Set.of(60L, 120L, 300L, 600L).contains(rb.evaluationWindowSec())) {
            f.at(RATE, src, nested ? at : at.key("evaluationWindowSec"), "evaluationWindowSec must be 60, 120, 300 or "
                    + "600, not " + rb.evaluationWindowSec(), null);
        }
        if ("CONSTANT".equals(rb.aggregateKeyType()) && s.scopeDown() == null) {
            f.at(RATE, src, nested ? at : at.key("aggregateKeyType"), "aggregateKeyType CONSTANT (count all) requires a "
                    + "scopeDownStatement", null);
        }
        if ("FORWARDED_IP".equals(rb.aggregateKeyType()) && !rb.hasForwardedIpConfig()) {
            f.at(RATE, src, nested ? at : at.key("aggregateKeyType"), "aggregateKeyType FORWARDED_IP requires "
                    + "forwardedIPConfig", null);
        }
        if ("CUSTOM_KEYS".equals(rb.aggregateKeyType()) && (rb.customKeys() < 1 || rb.customKeys() > 5)) {
            f.at(RATE, src, nested ? at : at.key("customKeys"), "aggregateKeyType CUSTOM_KEYS needs 1 to 5 customKeys",
                    null);
        }
    }

    private void overrides(Findings f, Resource src, Statement s) {
        var g = s.managedRuleGroup();
        Set<String> known = "AWS".equals(g.vendorName()) ? ManagedRuleGroups.RULES.get(g.name()) : null;
        if (known == null) {
            return;
        }
        FieldPath at = anchor(src, s.path());
        for (int i = 0; i < g.overrideNames().size(); i++) {
            String n = g.overrideNames().get(i);
            if (!known.contains(n)) {
                f.at(OVERRIDES, src, at.equals(s.path()) ? at.key("ruleActionOverrides").index(i).key("name") : at,
                        "rule action override names '" + n + "', which is not a rule of " + g.name()
                                + ": AWS WAF silently ignores it", "rule names are case-sensitive, e.g. "
                                + known.stream().sorted().findFirst().orElse(""));
            }
        }
        for (int i = 0; i < g.excludedRules().size(); i++) {
            String n = g.excludedRules().get(i);
            if (!known.contains(n)) {
                f.at(OVERRIDES, src, at.equals(s.path()) ? at.key("excludedRules").index(i).key("name") : at,
                        "excluded rule '" + n + "' is not a rule of " + g.name(), null);
            }
        }
    }

    private void upload(Findings f, Resource src, Waf.Rule rule, Statement st, FieldPath at) {
        var g = st.managedRuleGroup();
        if (!"AWS".equals(g.vendorName()) || !ManagedRuleGroups.CORE_RULE_SET.equals(g.name())) {
            return;
        }
        if ("count".equals(rule.overrideAction()) || st.scopeDown() != null
                || g.overrideNames().contains(ManagedRuleGroups.BODY_SIZE_RULE)
                || g.excludedRules().contains(ManagedRuleGroups.BODY_SIZE_RULE)) {
            return;
        }
        f.at(UPLOAD, src, st.path(), "the core rule set blocks request bodies over 8 KB ("
                        + ManagedRuleGroups.BODY_SIZE_RULE + "), so document uploads are blocked",
                "override " + ManagedRuleGroups.BODY_SIZE_RULE + " to count and block oversized bodies outside the "
                        + "upload path with a rule of your own, or scope the group down");
    }

    /** The capacity of a statement, or null when it depends on something the validator cannot see. */
    static Integer cost(Statement s) {
        switch (s.type()) {
            case "and", "or", "not" -> {
                int sum = 0;
                for (Statement n : s.nested()) {
                    Integer c = cost(n);
                    if (c == null) {
                        return null;
                    }
                    sum += c;
                }
                return sum;
            }
            case "managedRuleGroup" -> {
                var g = s.managedRuleGroup();
                return "AWS".equals(g.vendorName()) ? ManagedRuleGroups.CAPACITY.get(g.name()) : null;
            }
            case "ruleGroupReference" -> {
                return null;
            }
            case "rateBased" -> {
                Integer scope = s.scopeDown() == null ? Integer.valueOf(0) : cost(s.scopeDown());
                return scope == null ? null : 2 + scope;
            }
            default -> {
                var in = s.inspection();
                int base = switch (s.type()) {
                    case "byteMatch" -> in != null && in.positionalConstraint() != null
                            && in.positionalConstraint().startsWith("CONTAINS") ? 10 : 2;
                    case "geoMatch", "labelMatch", "sizeConstraint", "asnMatch" -> 1;
                    case "ipSetReference" -> in != null && in.forwardedAnyPosition() ? 6 : 2;
                    case "regexMatch" -> 4;
                    case "regexPatternSetReference", "xssMatch" -> 40;
                    case "sqliMatch" -> in != null && "HIGH".equals(in.sensitivityLevel()) ? 30 : 20;
                    default -> 0;
                };
                if (in == null) {
                    return base;
                }
                if ("jsonBody".equals(in.fieldToMatch())) {
                    base *= 2;
                }
                if ("allQueryArguments".equals(in.fieldToMatch())) {
                    base += 10;
                }
                return base + 10 * in.textTransformations();
            }
        }
    }

    private void scopes(CheckContext context, List<WebAcl> acls, Findings f) {
        Topology topology = Topology.of(context.config(), context.resources());
        for (Resource r : context.resources()) {
            if (!"Ingress".equals(r.kind())) {
                continue;
            }
            FieldPath byName = FieldPath.of("metadata", "annotations", ACL_NAME_ANNOTATION);
            if (r.get(byName) instanceof String name) {
                cloudfrontAcl(acls, name.strip(), r, byName, topology, f);
            }
            FieldPath at = FieldPath.of("metadata", "annotations", ACL_ARN_ANNOTATION);
            if (!(r.get(at) instanceof String arn)) {
                continue;
            }
            String[] parts = arn.split(":", 6);
            String resource = parts.length == 6 ? parts[5] : "";
            String[] segs = resource.split("/");
            if (segs.length >= 3 && segs[0].equals("global")) {
                f.at(SCOPE, r, at, "Ingress " + r.ref().name() + " attaches the CLOUDFRONT (global) web ACL "
                        + segs[2] + " to an ALB; ALBs take REGIONAL web ACLs", null);
                continue;
            }
            if (segs.length < 3) {
                continue;
            }
            cloudfrontAcl(acls, segs[2], r, at, topology, f);
        }
    }

    private void cloudfrontAcl(List<WebAcl> acls, String name, Resource r, FieldPath at, Topology topology,
                               Findings f) {
        for (WebAcl acl : acls) {
            if (name.equals(acl.aclName()) && "CLOUDFRONT".equals(acl.scope())
                    && topology.sameCluster(acl.source(), r)) {
                f.at(SCOPE, acl.source(), FieldPath.of("spec", "scope"), "web ACL " + acl.aclName()
                        + " is attached to the ALB of Ingress " + r.ref().name() + " but has scope CLOUDFRONT",
                        "use scope: REGIONAL", List.of(Findings.location(r, at, "ALB attachment")));
            }
        }
    }

    private static FieldPath anchor(Resource src, FieldPath p) {
        return ModelCheck.anchor(src, p);
    }
}
