package dev.gitops.validator.domain.infra;

import static dev.gitops.validator.finding.Rule.error;

import dev.gitops.validator.check.Check;
import dev.gitops.validator.check.CheckContext;
import dev.gitops.validator.check.Findings;
import dev.gitops.validator.domain.traffic.ShutdownScope;
import dev.gitops.validator.finding.Rule;
import dev.gitops.validator.resource.Resource;
import dev.gitops.validator.source.FieldPath;
import java.util.List;

/**
 * INFRA010: an ACK controller's role may pass every IAM role its custom resources hand to AWS. A field
 * that gives AWS a role to assume ({@link #FIELDS}: a bucket's replication role, an EKS cluster's or node
 * group's role, the role of a Pod Identity association or of an add-on's service account) makes the
 * controller's create or update call need {@code iam:PassRole} on that role. The controller of a
 * resource of group {@code <service>.services.k8s.aws} is the {@code <service>-chart} Helm chart of the
 * same cluster, its role the one an EKS Pod Identity association gives that chart's service account
 * ({@link ControllerRoles}); resources whose controller runs with a role the tree does not declare are
 * not checked.
 */
public final class PassRoleCheck implements Check {

    public static final Rule PASS_ROLE = error("INFRA010", InfraCheck.CATEGORY);

    static final String ACTION = "iam:PassRole";
    private static final String ACK = ".services.k8s.aws";

    /** A field of an ACK kind that names a role AWS will assume: by ARN, or by a reference to a Role of the layer. */
    record RoleField(String group, String kind, FieldPath arn, FieldPath ref) {
    }

    static final List<RoleField> FIELDS = List.of(
            new RoleField("s3" + ACK, "Bucket", FieldPath.of("spec", "replication", "role"), null),
            new RoleField("eks" + ACK, "Cluster", FieldPath.of("spec", "roleARN"), FieldPath.of("spec", "roleRef", "from", "name")),
            new RoleField("eks" + ACK, "Nodegroup", FieldPath.of("spec", "nodeRole"), FieldPath.of("spec", "nodeRoleRef", "from", "name")),
            new RoleField("eks" + ACK, "PodIdentityAssociation", FieldPath.of("spec", "roleARN"),
                    FieldPath.of("spec", "roleRef", "from", "name")),
            new RoleField("eks" + ACK, "Addon", FieldPath.of("spec", "serviceAccountRoleARN"),
                    FieldPath.of("spec", "serviceAccountRoleRef", "from", "name")));

    @Override
    public List<Rule> rules() {
        return List.of(PASS_ROLE);
    }

    @Override
    public void run(CheckContext context, Findings findings) {
        InfraLayer infra = InfraLayer.of(context);
        if (infra.associations().isEmpty()) {
            return;
        }
        ShutdownScope shutdown = ShutdownScope.of(context.config(), context.resources());
        ControllerRoles controllers = ControllerRoles.of(infra, context.resources());
        for (Resource r : context.resources()) {
            String group = r.ref().group();
            if (group == null || !group.endsWith(ACK)) {
                continue;
            }
            String chart = group.substring(0, group.length() - ACK.length()) + "-chart";
            for (RoleField field : FIELDS) {
                if (!field.group().equals(group) || !field.kind().equals(r.kind())) {
                    continue;
                }
                for (String c : infra.topology().clustersOf(r)) {
                    AwsOutputs o = infra.outputs().get(c);
                    if (o == null || shutdown.clusterGone(c)) {
                        continue;
                    }
                    for (ControllerRoles.ControllerRole controller : controllers.of(c, chart)) {
                        check(r, field, controller, o, infra, findings);
                    }
                }
            }
        }
    }

    private static void check(Resource r, RoleField field, ControllerRoles.ControllerRole controller, AwsOutputs o,
                              InfraLayer infra, Findings findings) {
        FieldPath at;
        String passed;
        if (r.get(field.arn()) instanceof String arn) {
            at = field.arn();
            passed = arn;
        } else if (field.ref() != null && r.get(field.ref()) instanceof String ref) {
            Resource role = infra.resources().stream().filter(x -> RolePolicies.is(x, "Role") && ref.equals(x.ref().name()))
                    .findFirst().orElse(null);
            if (role == null || !(role.get(FieldPath.of("spec", "name")) instanceof String name)) {
                return; // INFRA001 reports a reference to nothing
            }
            at = field.ref();
            String path = role.get(FieldPath.of("spec", "path")) instanceof String p ? p : "/";
            passed = "arn:aws:iam::" + o.get("accountId") + ":role" + path + name;
        } else {
            return;
        }
        Resource role = controller.role();
        if (RolePolicies.allows(RolePolicies.statements(role, infra), ACTION, passed)) {
            return;
        }
        String roleName = String.valueOf(role.get(FieldPath.of("spec", "name")));
        FieldPath roleAt = role.get(FieldPath.of("spec", "inlinePolicies")) != null ? FieldPath.of("spec", "inlinePolicies")
                : FieldPath.of("spec", "name");
        findings.at(PASS_ROLE, r, at, "cluster " + controller.cluster() + ": the " + controller.chart() + " controller"
                        + " hands role " + passed + " to AWS here, but its role " + roleName + " does not allow "
                        + ACTION + " on it: AWS refuses the create or update with AccessDenied and the resource never"
                        + " syncs", "allow " + ACTION + " on " + passed + " in an inline policy of " + roleName
                        + " (condition iam:PassedToService scopes it to the service that assumes the role)",
                List.of(Findings.location(role, roleAt, "role " + roleName),
                        Findings.location(controller.application(), FieldPath.of("spec"), "the controller")));
    }
}
