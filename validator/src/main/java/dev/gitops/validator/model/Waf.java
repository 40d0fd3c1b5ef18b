package dev.gitops.validator.model;

import dev.gitops.validator.resource.Resource;
import dev.gitops.validator.source.FieldPath;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

/**
 * ACK WAFv2 {@code WebACL} ({@code wafv2.services.k8s.aws/v1alpha1}), from aws-controllers-k8s/wafv2-controller
 * {@code apis/v1alpha1/web_acl.go} and {@code types.go}. ACK stores the recursive statements
 * ({@code andStatement}, {@code orStatement}, {@code notStatement} and every {@code scopeDownStatement}) as
 * strings holding a YAML/JSON document; they are parsed here recursively, so nested statements are checked
 * like top-level ones. Problems inside such a string are reported at the string's field.
 */
public final class Waf {

    public static final String GROUP = "wafv2.services.k8s.aws";

    private Waf() {
    }

    public record WebAcl(Resource source, Meta metadata, String aclName, String scope, String defaultAction,
                         Visibility visibility, List<Rule> rules) implements TypedModel {

        static WebAcl read(Resource r, List<ModelProblem> p) {
            Node root = Header.root(r, p);
            Meta meta = Header.meta(root);
            Node spec = root.object("spec", true);
            String name = spec.requiredString("name");
            String scope = spec.oneOf("scope", true, "REGIONAL", "CLOUDFRONT");
            String defaultAction = spec.read("defaultAction", true, a -> Waf.action(a, "allow", "block"));
            Visibility vis = spec.read("visibilityConfig", true, Visibility::read);
            List<Rule> rules = spec.objects("rules", Rule::read);
            spec.string("description");
            spec.strings("tokenDomains");
            spec.objects("tags", t -> {
                t.string("key");
                return t.string("value");
            });
            spec.allow("customResponseBodies", "captchaConfig", "challengeConfig", "associationConfig",
                    "loggingConfiguration", "dataProtectionConfig", "applicationConfig");
            spec.end();
            root.end();
            return new WebAcl(r, meta, name, scope, defaultAction, vis, rules);
        }
    }

    /** The single key set in an action object (e.g. {@code {block: {}}}), or null when none is set. */
    static String action(Node n, String... allowed) {
        if (!n.present()) {
            return null;
        }
        List<String> set = new ArrayList<>();
        for (String k : allowed) {
            n.allow(k);
            if (n.keys().contains(k)) {
                set.add(k);
            }
        }
        if (set.size() != 1 && n.keys().stream().allMatch(List.of(allowed)::contains)) {
            n.problems().add(new ModelProblem(ModelProblem.Kind.INVALID_VALUE, n.path(),
                    n.path() + " must set exactly one of " + String.join(", ", allowed)));
        }
        return set.isEmpty() ? null : set.getFirst();
    }

    public record Visibility(Boolean sampledRequestsEnabled, Boolean cloudWatchMetricsEnabled, String metricName) {

        static Visibility read(Node n) {
            Boolean s = n.bool("sampledRequestsEnabled");
            Boolean c = n.bool("cloudWatchMetricsEnabled");
            String m = n.requiredString("metricName");
            if (n.present()) {
                if (s == null) {
                    n.requiredString("sampledRequestsEnabled");
                }
                if (c == null) {
                    n.requiredString("cloudWatchMetricsEnabled");
                }
            }
            return new Visibility(s, c, m);
        }
    }

    public record Rule(String name, Long priority, String action, String overrideAction, Statement statement,
                       Visibility visibility, int labelCount) {

        static Rule read(Node n) {
            String name = n.requiredString("name");
            Long priority = n.integer("priority", true);
            String action = n.has("action") ? n.read("action", false,
                    a -> Waf.action(a, "allow", "block", "count", "captcha", "challenge")) : null;
            String override = n.has("overrideAction") ? n.read("overrideAction", false,
                    a -> Waf.action(a, "none", "count")) : null;
            Statement st = n.read("statement", true, s -> Statement.read(s));
            Visibility vis = n.read("visibilityConfig", true, Visibility::read);
            List<String> labels = n.objects("ruleLabels", l -> l.requiredString("name"));
            n.allow("captchaConfig", "challengeConfig");
            return new Rule(name, priority, action, override, st, vis, labels.size());
        }
    }

    /**
     * One statement. {@code type} is the statement key without the {@code Statement} suffix
     * ({@code byteMatch}, {@code managedRuleGroup}, ...); {@code nested} holds the parsed and/or/not members
     * and {@code scopeDown} the parsed scope-down statement.
     */
    public record Statement(String type, FieldPath path, List<Statement> nested, Statement scopeDown,
                            ManagedRuleGroup managedRuleGroup, RateBased rateBased, Inspection inspection,
                            boolean fromString) {

        static final List<String> TYPES = List.of("andStatement", "orStatement", "notStatement",
                "byteMatchStatement", "geoMatchStatement", "ipSetReferenceStatement", "labelMatchStatement",
                "managedRuleGroupStatement", "rateBasedStatement", "regexMatchStatement",
                "regexPatternSetReferenceStatement", "ruleGroupReferenceStatement", "sizeConstraintStatement",
                "sqliMatchStatement", "xssMatchStatement", "asnMatchStatement");

        static Statement read(Node n) {
            return read(n, false);
        }

        static Statement read(Node n, boolean fromString) {
            if (!n.present()) {
                return null;
            }
            List<String> set = n.keys().stream().filter(TYPES::contains).toList();
            if (set.size() != 1) {
                n.problems().add(new ModelProblem(ModelProblem.Kind.INVALID_VALUE, n.path(), n.path()
                        + " must set exactly one statement type, not " + (set.isEmpty() ? "none" : set)));
            }
            n.allow(TYPES.toArray(String[]::new));
            if (set.isEmpty()) {
                return null;
            }
            String key = set.getFirst();
            String type = key.substring(0, key.length() - "Statement".length());
            FieldPath at = n.path(key);
            switch (type) {
                case "and", "or" -> {
                    Node inner = nestedDocument(n, key);
                    List<Statement> members = inner.objects("statements", true, s -> read(s, true));
                    inner.end();
                    return new Statement(type, at, members, null, null, null, null, fromString);
                }
                case "not" -> {
                    Node inner = nestedDocument(n, key);
                    Statement member = inner.read("statement", true, s -> read(s, true));
                    inner.end();
                    return new Statement(type, at, member == null ? List.of() : List.of(member), null, null, null,
                            null, fromString);
                }
                case "managedRuleGroup" -> {
                    Node m = n.object(key);
                    ManagedRuleGroup g = ManagedRuleGroup.read(m);
                    Statement scope = scopeDown(m);
                    m.end();
                    return new Statement(type, at, List.of(), scope, g, null, null, fromString);
                }
                case "rateBased" -> {
                    Node m = n.object(key);
                    RateBased rb = RateBased.read(m);
                    Statement scope = scopeDown(m);
                    m.end();
                    return new Statement(type, at, List.of(), scope, null, rb, null, fromString);
                }
                default -> {
                    Node m = n.object(key);
                    Inspection insp = Inspection.read(m);
                    m.end();
                    return new Statement(type, at, List.of(), null, null, null, insp, fromString);
                }
            }
        }

        private static Statement scopeDown(Node m) {
            if (!m.has("scopeDownStatement")) {
                m.allow("scopeDownStatement");
                return null;
            }
            Node inner = nestedDocument(m, "scopeDownStatement");
            Statement s = read(inner, true);
            inner.end();
            return s;
        }

        /** All statements below this one, this one first. */
        public List<Statement> walk() {
            List<Statement> out = new ArrayList<>();
            out.add(this);
            for (Statement s : nested) {
                out.addAll(s.walk());
            }
            if (scopeDown != null) {
                out.addAll(scopeDown.walk());
            }
            return out;
        }
    }

    /**
     * The document held by a statement-string field (ACK), or the field's object when written inline. Keys
     * are accepted in ACK camelCase or AWS PascalCase.
     */
    static Node nestedDocument(Node parent, String key) {
        Object v = parent.any(key);
        FieldPath at = parent.path(key);
        if (v instanceof String text) {
            Object parsed;
            try {
                parsed = new Load(LoadSettings.builder().setAllowDuplicateKeys(false).build()).loadFromString(text);
            } catch (RuntimeException e) {
                String msg = e.getMessage() == null ? e.toString() : e.getMessage().lines().findFirst().orElse("");
                parent.problems().add(new ModelProblem(ModelProblem.Kind.INVALID_VALUE, at,
                        at + " is not a readable YAML/JSON statement: " + msg));
                return Node.of(null, at, parent.problems());
            }
            return Node.of(camel(parsed), at, parent.problems());
        }
        return Node.of(v, at, parent.problems());
    }

    private static Object camel(Object o) {
        if (o instanceof Map<?, ?> m) {
            Map<String, Object> out = new LinkedHashMap<>();
            for (Map.Entry<?, ?> e : m.entrySet()) {
                String k = String.valueOf(e.getKey());
                String ck = k.isEmpty() ? k : Character.toLowerCase(k.charAt(0)) + k.substring(1);
                ck = ck.replace("IPSet", "IpSet").replace("iPSet", "ipSet");
                out.put(ck, camel(e.getValue()));
            }
            return out;
        }
        if (o instanceof List<?> l) {
            return l.stream().map(Waf::camel).toList();
        }
        if (o instanceof Integer i) {
            return i.longValue();
        }
        return o;
    }

    public record ManagedRuleGroup(String vendorName, String name, String version, List<String> overrideNames,
                                   List<String> excludedRules) {

        static ManagedRuleGroup read(Node n) {
            ManagedRuleGroup g = new ManagedRuleGroup(n.requiredString("vendorName"), n.requiredString("name"),
                    n.string("version"),
                    n.objects("ruleActionOverrides", o -> {
                        o.read("actionToUse", true, a -> Waf.action(a, "allow", "block", "count", "captcha", "challenge"));
                        return o.requiredString("name");
                    }),
                    n.objects("excludedRules", o -> o.requiredString("name")));
            n.allow("managedRuleGroupConfigs");
            return g;
        }
    }

    public record RateBased(Long limit, Long evaluationWindowSec, String aggregateKeyType, int customKeys,
                            boolean hasForwardedIpConfig) {

        static RateBased read(Node n) {
            Long limit = n.integer("limit", true);
            Long window = n.integer("evaluationWindowSec");
            String agg = n.oneOf("aggregateKeyType", false, "IP", "FORWARDED_IP", "CUSTOM_KEYS", "CONSTANT");
            int keys = n.list("customKeys", (i, at, s) -> i).size();
            boolean fwd = n.has("forwardedIPConfig");
            n.read("forwardedIPConfig", false, f -> {
                f.requiredString("headerName");
                return f.oneOf("fallbackBehavior", true, "MATCH", "NO_MATCH");
            });
            return new RateBased(limit, window, agg, keys, fwd);
        }
    }

    /**
     * What a field-inspecting statement inspects, for its capacity cost: the part of the request, the
     * number of text transformations other than NONE, the match kind (positional constraint, sensitivity) and, for IP set
     * references, whether forwarded IPs are inspected at any position.
     */
    public record Inspection(String fieldToMatch, int textTransformations, String positionalConstraint,
                             String sensitivityLevel, boolean forwardedAnyPosition) {

        static Inspection read(Node n) {
            String field = n.read("fieldToMatch", false, f -> {
                List<String> keys = List.copyOf(f.keys());
                f.allow("allQueryArguments", "body", "cookies", "headerOrder", "headers", "ja3Fingerprint",
                        "ja4Fingerprint", "jsonBody", "method", "queryString", "singleHeader", "singleQueryArgument",
                        "uriPath", "uriFragment");
                return keys.isEmpty() ? null : keys.getFirst();
            });
            List<String> tt = n.objects("textTransformations", t -> {
                t.integer("priority", true);
                return t.oneOf("type", true, "NONE", "COMPRESS_WHITE_SPACE", "HTML_ENTITY_DECODE", "LOWERCASE", "CMD_LINE",
                        "URL_DECODE", "BASE64_DECODE", "HEX_DECODE", "MD5", "REPLACE_COMMENTS", "ESCAPE_SEQ_DECODE",
                        "SQL_HEX_DECODE", "CSS_DECODE", "JS_DECODE", "NORMALIZE_PATH", "NORMALIZE_PATH_WIN",
                        "REMOVE_NULLS", "REPLACE_NULLS", "BASE64_DECODE_EXT", "URL_DECODE_UNI", "UTF8_TO_UNICODE");
            });
            String pos = n.oneOf("positionalConstraint", false, "EXACTLY", "STARTS_WITH", "ENDS_WITH", "CONTAINS",
                    "CONTAINS_WORD");
            String sens = n.oneOf("sensitivityLevel", false, "LOW", "HIGH");
            boolean any = Boolean.TRUE.equals(n.read("ipSetForwardedIPConfig", false, f -> {
                f.string("headerName");
                f.string("fallbackBehavior");
                return "ANY".equals(f.string("position"));
            }));
            n.allow("searchString", "searchStringBase64", "countryCodes", "forwardedIPConfig", "arn", "key", "scope",
                    "regexString", "comparisonOperator", "size", "asnList");
            int transformations = (int) tt.stream().filter(t -> t != null && !t.equals("NONE")).count();
            return new Inspection(field, transformations, pos, sens, any);
        }
    }
}
