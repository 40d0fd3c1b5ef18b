package dev.gitops.validator.domain.infra;

import static dev.gitops.validator.finding.Rule.error;

import dev.gitops.validator.check.Check;
import dev.gitops.validator.check.CheckContext;
import dev.gitops.validator.check.Findings;
import dev.gitops.validator.finding.Location;
import dev.gitops.validator.finding.Rule;
import dev.gitops.validator.resource.Resource;
import dev.gitops.validator.source.FieldPath;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * INFRA008: the VPC CNI of each EKS cluster of the infrastructure layer has its permissions. The CNI's
 * {@code kube-system/aws-node} pods run on the host network and call EC2 to attach interfaces and assign
 * pod addresses, with the role of their service account when one is bound to it (the {@code vpc-cni}
 * add-on's {@code podIdentityAssociations} or {@code serviceAccountRoleARN}/{@code serviceAccountRoleRef},
 * or a PodIdentityAssociation for {@code kube-system/aws-node}), otherwise with the node's role. Either
 * that role carries {@code AmazonEKS_CNI_Policy} ({@code AmazonEKS_CNI_IPv6_Policy} in an IPv6 cluster),
 * or, with no role bound to aws-node, every node role of the cluster does: each managed node group's
 * ({@code nodeRoleRef}, {@code nodeRole}) and each Karpenter EC2NodeClass's ({@code spec.role}).
 * Without it no pod gets an address, the nodes stay NotReady and the node group fails to create.
 */
public final class CniPermissionCheck implements Check {

    public static final Rule CNI_PERMISSIONS = error("INFRA008", InfraCheck.CATEGORY);

    static final String CNI_POLICY = "AmazonEKS_CNI_Policy";
    static final String CNI_IPV6_POLICY = "AmazonEKS_CNI_IPv6_Policy";
    private static final String EKS = "eks.services.k8s.aws";
    private static final String IAM = "iam.services.k8s.aws";

    @Override
    public List<Rule> rules() {
        return List.of(CNI_PERMISSIONS);
    }

    /** A role bound to aws-node: where the binding is, and the role it names (null when undeclared). */
    private record Binding(Resource source, FieldPath at, String roleName, Resource role) {
    }

    @Override
    public void run(CheckContext context, Findings findings) {
        InfraLayer infra = InfraLayer.of(context);
        for (Map.Entry<String, Resource> e : infra.clusters().entrySet()) {
            String eks = e.getKey();
            String policy = PodIdentityEgressCheck.ipv6(e.getValue()) ? CNI_IPV6_POLICY : CNI_POLICY;
            Resource addon = infra.resources().stream().filter(r -> is(r, EKS, "Addon")
                    && "vpc-cni".equals(r.get(FieldPath.of("spec", "name"))) && eks.equals(infra.eksClusterOf(r)))
                    .findFirst().orElse(null);
            List<Binding> bindings = bindings(addon, eks, infra);
            if (!bindings.isEmpty()) {
                bindings.forEach(b -> bound(b, eks, policy, infra, findings));
                continue;
            }
            List<Location> related = addon == null ? List.of()
                    : List.of(Findings.location(addon, FieldPath.of("spec", "name"), "the vpc-cni add-on, no role bound"));
            for (Resource ng : infra.resources()) {
                if (is(ng, EKS, "Nodegroup") && eks.equals(infra.eksClusterOf(ng))) {
                    FieldPath at = ng.get(FieldPath.of("spec", "nodeRoleRef", "from", "name")) != null
                            ? FieldPath.of("spec", "nodeRoleRef", "from", "name") : FieldPath.of("spec", "nodeRole");
                    node(ng, at, "node group " + ng.get(FieldPath.of("spec", "name")), role(ng.get(at), at, infra),
                            "the nodes stay NotReady and the node group fails to create", eks, policy, related, infra,
                            findings);
                }
            }
            for (String c : infra.topology().clusters()) {
                AwsOutputs o = infra.outputs().get(c);
                if (o == null || !eks.equals(o.get("clusterName"))) {
                    continue;
                }
                for (Resource r : context.resources()) {
                    if ("EC2NodeClass".equals(r.kind()) && infra.topology().clustersOf(r).contains(c)
                            && r.get(FieldPath.of("spec", "role")) instanceof String name) {
                        node(r, FieldPath.of("spec", "role"), "EC2NodeClass " + r.ref().name(), infra.roles().get(name),
                                "the nodes Karpenter launches never become Ready", eks, policy, related, infra, findings);
                    }
                }
            }
        }
    }

    /** The roles bound to kube-system/aws-node of an EKS cluster, by its vpc-cni add-on or an association. */
    private static List<Binding> bindings(Resource addon, String eks, InfraLayer infra) {
        List<Binding> out = new ArrayList<>();
        if (addon != null) {
            for (FieldPath at : List.of(FieldPath.of("spec", "serviceAccountRoleARN"),
                    FieldPath.of("spec", "serviceAccountRoleRef", "from", "name"))) {
                if (addon.get(at) != null) {
                    out.add(binding(addon, at, infra));
                }
            }
            if (addon.get(FieldPath.of("spec", "podIdentityAssociations")) instanceof List<?> l) {
                for (int i = 0; i < l.size(); i++) {
                    if (l.get(i) instanceof Map<?, ?> m && "aws-node".equals(m.get("serviceAccount"))) {
                        out.add(binding(addon, FieldPath.of("spec", "podIdentityAssociations", i, "roleARN"), infra));
                    }
                }
            }
        }
        for (Resource a : infra.associations()) {
            if (eks.equals(infra.eksClusterOf(a)) && "kube-system".equals(a.get(FieldPath.of("spec", "namespace")))
                    && "aws-node".equals(a.get(FieldPath.of("spec", "serviceAccount")))) {
                FieldPath at = a.get(FieldPath.of("spec", "roleRef", "from", "name")) != null
                        ? FieldPath.of("spec", "roleRef", "from", "name") : FieldPath.of("spec", "roleARN");
                out.add(binding(a, at, infra));
            }
        }
        return out;
    }

    private static Binding binding(Resource source, FieldPath at, InfraLayer infra) {
        Object value = source.get(at);
        Resource role = role(value, at, infra);
        String name = role != null ? String.valueOf(role.get(FieldPath.of("spec", "name")))
                : value == null ? null : String.valueOf(value).substring(String.valueOf(value).lastIndexOf('/') + 1);
        return new Binding(source, at, name, role);
    }

    /** The Role a reference names: a {@code …Ref.from.name} is the Role's object name, anything else an ARN or role name. */
    private static Resource role(Object value, FieldPath at, InfraLayer infra) {
        if (!(value instanceof String s)) {
            return null;
        }
        if (at.segments().contains("from")) {
            return infra.resources().stream().filter(r -> is(r, IAM, "Role") && s.equals(r.ref().name())).findFirst()
                    .orElse(null);
        }
        return infra.roles().get(s.substring(s.lastIndexOf('/') + 1));
    }

    private static void bound(Binding b, String eks, String policy, InfraLayer infra, Findings findings) {
        if (b.role() == null) {
            findings.at(CNI_PERMISSIONS, b.source(), b.at(), "aws-node of cluster " + eks + " is bound to role "
                            + b.roleName() + ", which the infrastructure layer does not declare: nothing creates it,"
                            + " and the VPC CNI cannot assign pod addresses",
                    "declare the role under infra/ with " + policy + " attached");
        } else if (!carries(b.role(), policy, infra)) {
            findings.at(CNI_PERMISSIONS, b.role(), attachments(b.role()), "role " + b.roleName() + ", which aws-node of"
                            + " cluster " + eks + " runs with, does not carry " + policy + ": the VPC CNI cannot attach"
                            + " interfaces nor assign pod addresses, and the nodes stay NotReady",
                    "attach arn:aws:iam::aws:policy/" + policy + " to the role",
                    List.of(Findings.location(b.source(), b.at(), "the binding to aws-node")));
        }
    }

    private static void node(Resource r, FieldPath at, String what, Resource role, String consequence, String eks,
                             String policy, List<Location> related, InfraLayer infra, Findings findings) {
        if (role == null || carries(role, policy, infra)) {
            return; // INFRA001 reports a role the layer does not declare
        }
        List<Location> all = new ArrayList<>(related);
        all.add(Findings.location(role, attachments(role), "the node role"));
        findings.at(CNI_PERMISSIONS, r, at, what + " of cluster " + eks + " runs its nodes with role "
                        + role.get(FieldPath.of("spec", "name")) + ", which does not carry " + policy + ", and aws-node"
                        + " has no role of its own (the vpc-cni add-on binds none, no Pod Identity association names"
                        + " kube-system/aws-node): the VPC CNI cannot assign pod addresses, and " + consequence,
                "give aws-node a role of its own with " + policy + " through the vpc-cni add-on's"
                        + " podIdentityAssociations (what AWS recommends), or attach the policy to the node role",
                all);
    }

    /**
     * Whether a Role attaches the policy: by ARN in {@code spec.policies}, or a customer-managed ACK
     * {@code Policy} of the layer with that name in {@code spec.policyRefs}.
     */
    static boolean carries(Resource role, String policy, InfraLayer infra) {
        String arn = "arn:aws[a-z-]*:iam::(aws|[0-9]{12}):policy/(.*/)?" + java.util.regex.Pattern.quote(policy);
        if (role.get(FieldPath.of("spec", "policies")) instanceof List<?> arns
                && arns.stream().anyMatch(a -> String.valueOf(a).matches(arn))) {
            return true;
        }
        return role.get(FieldPath.of("spec", "policyRefs")) instanceof List<?> refs && refs.stream()
                .anyMatch(r -> r instanceof Map<?, ?> m && m.get("from") instanceof Map<?, ?> from
                        && infra.resources().stream().anyMatch(p -> is(p, IAM, "Policy")
                        && p.ref().name().equals(from.get("name")) && policy.equals(p.get(FieldPath.of("spec", "name")))));
    }

    private static FieldPath attachments(Resource role) {
        return role.get(FieldPath.of("spec", "policies")) != null ? FieldPath.of("spec", "policies")
                : FieldPath.of("spec", "name");
    }

    private static boolean is(Resource r, String group, String kind) {
        return kind.equals(r.kind()) && group.equals(r.ref().group());
    }
}
