package dev.gitops.validator.domain.karpenter;

import static dev.gitops.validator.finding.Rule.error;

import dev.gitops.validator.check.Check;
import dev.gitops.validator.check.CheckContext;
import dev.gitops.validator.check.Findings;
import dev.gitops.validator.domain.Topology;
import dev.gitops.validator.finding.Rule;
import dev.gitops.validator.model.Karpenter;
import dev.gitops.validator.model.ModelKind;
import dev.gitops.validator.model.Models;
import dev.gitops.validator.source.FieldPath;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Karpenter v1 NodePools and EC2NodeClasses as the CRDs' CEL rules and the controller validate them
 * (kubernetes-sigs/karpenter {@code nodepool.go}, {@code nodeclaim_validation.go}; aws/karpenter-provider-aws
 * {@code ec2nodeclass} CRD), plus limits on every NodePool so a bad deployment cannot scale without bound.
 */
public final class KarpenterCheck implements Check {

    public static final String CATEGORY = "karpenter";
    public static final Rule REQUIREMENTS = error("KARPENTER001", CATEGORY);
    public static final Rule LIMITS = error("KARPENTER002", CATEGORY);
    public static final Rule BUDGETS = error("KARPENTER003", CATEGORY);
    public static final Rule NODE_CLASS_REF = error("KARPENTER004", CATEGORY);
    public static final Rule NODE_CLASS = error("KARPENTER005", CATEGORY);

    private static final Set<String> OPERATORS = Set.of("In", "NotIn", "Exists", "DoesNotExist", "Gt", "Lt", "Gte",
            "Lte");
    private static final Pattern QUALIFIED = Pattern.compile(
            "([a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*/)?[A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?");
    private static final Pattern VALUE = Pattern.compile("(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?");
    private static final Pattern NODES = Pattern.compile("((100|[0-9]{1,2})%|[0-9]+)");
    private static final Pattern DURATION = Pattern.compile("(([0-9]+(s|m|h))+|Never)");
    private static final Pattern BUDGET_DURATION = Pattern.compile("((([0-9]+(h|m))|([0-9]+h[0-9]+m))(0s)?)");
    private static final Set<String> REASONS = Set.of("Underutilized", "Empty", "Drifted");
    private static final Set<String> ALIAS_FAMILIES = Set.of("al2", "al2023", "bottlerocket", "windows2019",
            "windows2022", "windows2025");

    @Override
    public List<Rule> rules() {
        return List.of(REQUIREMENTS, LIMITS, BUDGETS, NODE_CLASS_REF, NODE_CLASS);
    }

    @Override
    public void run(CheckContext context, Findings findings) {
        Models models = Models.of(context.resources());
        Topology topology = Topology.of(context.config(), context.resources());
        List<Karpenter.Ec2NodeClass> classes = models.all(ModelKind.EC2_NODE_CLASS);
        for (Karpenter.NodePool p : models.all(ModelKind.NODE_POOL)) {
            nodePool(p, classes, topology, findings);
        }
        for (Karpenter.Ec2NodeClass c : classes) {
            nodeClass(c, findings);
        }
    }

    private void nodePool(Karpenter.NodePool p, List<Karpenter.Ec2NodeClass> classes, Topology topology,
                          Findings f) {
        FieldPath reqs = FieldPath.of("spec", "template", "spec", "requirements");
        for (int i = 0; i < p.requirements().size(); i++) {
            requirement(p, p.requirements().get(i), reqs.index(i), f);
        }
        if (!p.hasLimits() || !(p.limits().containsKey("cpu") || p.limits().containsKey("nodes"))) {
            f.at(LIMITS, p.source(), p.hasLimits() ? FieldPath.of("spec", "limits") : FieldPath.of("spec"),
                    "NodePool " + p.name() + " sets no cpu limit: a runaway deployment or a scaling bug launches "
                            + "instances without bound", "set spec.limits.cpu (and memory)");
        }
        var d = p.disruption();
        if (d != null) {
            FieldPath at = FieldPath.of("spec", "disruption");
            if (d.consolidationPolicy() != null && !Set.of("WhenEmpty", "WhenEmptyOrUnderutilized", "Balanced")
                    .contains(d.consolidationPolicy())) {
                f.at(BUDGETS, p.source(), at.key("consolidationPolicy"), "consolidationPolicy must be WhenEmpty or "
                        + "WhenEmptyOrUnderutilized, not '" + d.consolidationPolicy() + "'", null);
            }
            if (d.consolidateAfter() != null && !DURATION.matcher(d.consolidateAfter()).matches()) {
                f.at(BUDGETS, p.source(), at.key("consolidateAfter"), "consolidateAfter '" + d.consolidateAfter()
                        + "' must be like 30s, 5m, 1h or Never (no d unit)", null);
            }
            if (d.budgets().size() > 50) {
                f.at(BUDGETS, p.source(), at.key("budgets"), "at most 50 disruption budgets", null);
            }
            for (int i = 0; i < d.budgets().size(); i++) {
                var b = d.budgets().get(i);
                FieldPath bat = at.key("budgets").index(i);
                if (b.nodes() != null && !NODES.matcher(b.nodes()).matches()) {
                    f.at(BUDGETS, p.source(), bat.key("nodes"), "budget nodes '" + b.nodes()
                            + "' must be a count or a percentage such as 10%", null);
                }
                if ((b.schedule() == null) != (b.duration() == null)) {
                    f.at(BUDGETS, p.source(), bat, "'schedule' must be set with 'duration'", null);
                }
                if (b.duration() != null && !BUDGET_DURATION.matcher(b.duration()).matches()) {
                    f.at(BUDGETS, p.source(), bat.key("duration"), "budget duration '" + b.duration()
                            + "' must be hours and/or minutes such as 10h or 1h30m", null);
                }
                for (String r : b.reasons()) {
                    if (!REASONS.contains(r)) {
                        f.at(BUDGETS, p.source(), bat.key("reasons"), "budget reason '" + r
                                + "' must be Underutilized, Empty or Drifted", null);
                    }
                }
            }
        }
        var ref = p.nodeClassRef();
        if (ref != null && ref.name() != null) {
            FieldPath at = FieldPath.of("spec", "template", "spec", "nodeClassRef");
            if (!"karpenter.k8s.aws".equals(ref.group()) || !"EC2NodeClass".equals(ref.kind())) {
                f.at(NODE_CLASS_REF, p.source(), at, "nodeClassRef must be group karpenter.k8s.aws, kind EC2NodeClass on "
                        + "AWS, not " + ref.group() + "/" + ref.kind(), null);
            } else if (classes.stream().noneMatch(c -> ref.name().equals(c.name())
                    && topology.sameCluster(p.source(), c.source()))) {
                f.at(NODE_CLASS_REF, p.source(), at.key("name"), "EC2NodeClass " + ref.name()
                        + " is not defined in the NodePool's cluster", "define it next to the NodePool");
            }
        }
    }

    private void requirement(Karpenter.NodePool p, Karpenter.Requirement r, FieldPath at, Findings f) {
        if (r.key() != null) {
            if (!QUALIFIED.matcher(r.key()).matches()) {
                f.at(REQUIREMENTS, p.source(), at.key("key"), "requirement key '" + r.key()
                        + "' is not a qualified label name", null);
            } else if (r.key().equals("kubernetes.io/hostname")) {
                f.at(REQUIREMENTS, p.source(), at.key("key"), "label \"kubernetes.io/hostname\" is restricted", null);
            } else if ((r.key().startsWith("karpenter.sh/") || r.key().contains(".karpenter.sh/"))
                    && !r.key().equals("karpenter.sh/capacity-type")) {
                f.at(REQUIREMENTS, p.source(), at.key("key"), "label domain \"karpenter.sh\" is restricted", null);
            }
        }
        if (r.operator() == null) {
            return;
        }
        if (!OPERATORS.contains(r.operator())) {
            f.at(REQUIREMENTS, p.source(), at.key("operator"), "operator '" + r.operator() + "' must be one of In, "
                    + "NotIn, Exists, DoesNotExist, Gt, Lt, Gte, Lte", null);
            return;
        }
        if (r.operator().equals("In") && r.values().isEmpty()) {
            f.at(REQUIREMENTS, p.source(), at, "requirements with operator 'In' must have a value defined", null);
        }
        if (Set.of("Gt", "Lt", "Gte", "Lte").contains(r.operator())
                && (r.values().size() != 1 || !r.values().getFirst().matches("[0-9]+"))) {
            f.at(REQUIREMENTS, p.source(), at.key("values"),
                    "requirements operator 'Gt', 'Lt', 'Gte', or 'Lte' must have a single positive integer value", null);
        }
        if (Set.of("Exists", "DoesNotExist").contains(r.operator()) && !r.values().isEmpty()) {
            f.at(REQUIREMENTS, p.source(), at.key("values"), "operator " + r.operator() + " takes no values", null);
        }
        for (int i = 0; i < r.values().size(); i++) {
            String v = r.values().get(i);
            if (v.length() > 63 || !VALUE.matcher(v).matches()) {
                f.at(REQUIREMENTS, p.source(), at.key("values").index(i), "value '" + v + "' is not a valid label value",
                        null);
            }
        }
        if ("karpenter.sh/capacity-type".equals(r.key())) {
            for (int i = 0; i < r.values().size(); i++) {
                if (!Set.of("spot", "on-demand", "reserved").contains(r.values().get(i))) {
                    f.at(REQUIREMENTS, p.source(), at.key("values").index(i), "capacity type '" + r.values().get(i)
                            + "' must be spot, on-demand or reserved", null);
                }
            }
        }
        if ("kubernetes.io/arch".equals(r.key())) {
            for (int i = 0; i < r.values().size(); i++) {
                if (!Set.of("amd64", "arm64").contains(r.values().get(i))) {
                    f.at(REQUIREMENTS, p.source(), at.key("values").index(i), "architecture '" + r.values().get(i)
                            + "' must be amd64 or arm64", null);
                }
            }
        }
        if (r.minValues() != null && (r.minValues() < 1 || r.minValues() > 50 || r.values().size() < r.minValues())) {
            f.at(REQUIREMENTS, p.source(), at.key("minValues"), "minValues must be 1..50 and at most the number of values",
                    null);
        }
    }

    private void nodeClass(Karpenter.Ec2NodeClass c, Findings f) {
        FieldPath spec = FieldPath.of("spec");
        selectors(c, c.subnetSelectorTerms(), "subnetSelectorTerms", f);
        selectors(c, c.securityGroupSelectorTerms(), "securityGroupSelectorTerms", f);
        selectors(c, c.amiSelectorTerms(), "amiSelectorTerms", f);
        boolean role = c.role() != null && !c.role().isEmpty();
        boolean profile = c.instanceProfile() != null && !c.instanceProfile().isEmpty();
        if (role == profile) {
            f.at(NODE_CLASS, c.source(), role ? spec.key("instanceProfile") : spec,
                    "must specify exactly one of ['role', 'instanceProfile']", null);
        }
        boolean alias = false;
        for (int i = 0; i < c.amiSelectorTerms().size(); i++) {
            var t = c.amiSelectorTerms().get(i);
            if (t.alias() == null) {
                continue;
            }
            alias = true;
            String fam = t.alias().contains("@") ? t.alias().substring(0, t.alias().indexOf('@')) : t.alias();
            if (!ALIAS_FAMILIES.contains(fam) || !t.alias().contains("@")) {
                f.at(NODE_CLASS, c.source(), spec.key("amiSelectorTerms").index(i).key("alias"), "alias '" + t.alias()
                        + "' must be family@version with family al2, al2023, bottlerocket, windows2019, windows2022 "
                        + "or windows2025", null);
            }
            if (c.amiSelectorTerms().size() > 1) {
                f.at(NODE_CLASS, c.source(), spec.key("amiSelectorTerms").index(i).key("alias"),
                        "an alias term must be the only AMI selector term", null);
            }
        }
        if (!alias && !c.amiSelectorTerms().isEmpty() && c.amiFamily() == null) {
            f.at(NODE_CLASS, c.source(), spec.key("amiSelectorTerms"), "amiFamily is required when no alias is used",
                    null);
        }
    }

    private void selectors(Karpenter.Ec2NodeClass c, List<Karpenter.SelectorTerm> terms, String field, Findings f) {
        FieldPath at = FieldPath.of("spec", field);
        if (terms.isEmpty()) {
            f.at(NODE_CLASS, c.source(), c.source().get(at) == null ? FieldPath.of("spec") : at, "EC2NodeClass "
                    + c.name() + " has no " + field, null);
            return;
        }
        for (int i = 0; i < terms.size(); i++) {
            var t = terms.get(i);
            if (t.isEmpty()) {
                f.at(NODE_CLASS, c.source(), at.index(i), field + "[" + i + "] selects nothing (set tags, id"
                        + (field.startsWith("ami") ? ", name or alias" : field.startsWith("security") ? " or name" : "")
                        + ")", null);
            }
            for (var e : t.tags().entrySet()) {
                if (e.getKey().isEmpty() || e.getValue().isEmpty()) {
                    f.at(NODE_CLASS, c.source(), at.index(i).key("tags"), "empty tag keys or values are rejected", null);
                }
            }
        }
    }
}
