package dev.gitops.validator.domain.infra;

import static dev.gitops.validator.finding.Rule.error;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gitops.validator.check.Check;
import dev.gitops.validator.check.CheckContext;
import dev.gitops.validator.check.Findings;
import dev.gitops.validator.domain.traffic.ShutdownScope;
import dev.gitops.validator.finding.Location;
import dev.gitops.validator.finding.Rule;
import dev.gitops.validator.resource.Resource;
import dev.gitops.validator.source.FieldPath;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * INFRA014: a workload's role allows every AWS action the workload declares it calls. A component declares
 * its calls in {@code <component>/aws-actions.yaml} ({@link WorkloadActions}; its own tests hold the file to
 * the code). In each cluster that runs the declared service account, the EKS Pod Identity association of the
 * infrastructure layer for that service account names the role; each declared action must be allowed by an
 * {@code Allow} statement of the role's policies ({@link RolePolicies}: inline and customer-managed, IAM
 * wildcards, no {@code Deny}) on the declared resource, resolved with the workload's ConfigMap: a bucket action
 * on the bucket ARN, an object action on {@code <bucket>/*}. Conditions are not evaluated.
 */
public final class WorkloadActionsCheck implements Check {

    public static final Rule WORKLOAD_ACTIONS = error("INFRA014", InfraCheck.CATEGORY);

    @Override
    public List<Rule> rules() {
        return List.of(WORKLOAD_ACTIONS);
    }

    @Override
    public void run(CheckContext context, Findings findings) {
        InfraLayer infra = InfraLayer.of(context);
        if (!infra.present()) {
            return;
        }
        List<WorkloadActions> declarations;
        try {
            declarations = WorkloadActions.read(context.root());
        } catch (IOException e) {
            Resource at = infra.associations().isEmpty() ? infra.resources().getFirst() : infra.associations().getFirst();
            findings.at(WORKLOAD_ACTIONS, at, FieldPath.ROOT, "a declaration of the AWS actions a workload calls cannot"
                    + " be read: " + e.getMessage(), "fix the file (validator/rules/INFRA014/README.md)");
            return;
        }
        ShutdownScope shutdown = ShutdownScope.of(context.config(), context.resources());
        for (String c : infra.topology().clusters()) {
            if (infra.outputs().get(c) == null || shutdown.clusterGone(c)) {
                continue; // INFRA002 reports missing outputs; a shut-down cluster runs nothing
            }
            List<Resource> tree = infra.clusterTree(context.resources(), c);
            for (WorkloadActions d : declarations) {
                check(c, d, tree, infra, findings);
            }
        }
    }

    private static void check(String cluster, WorkloadActions d, List<Resource> tree, InfraLayer infra, Findings f) {
        Resource account = find(tree, "ServiceAccount", d.namespace(), d.serviceAccount());
        if (account == null) {
            return; // the cluster does not run the workload
        }
        Resource configMap = find(tree, "ConfigMap", d.namespace(), d.configMap());
        Map<?, ?> settings = configMap == null ? null
                : configMap.get(FieldPath.of("data")) instanceof Map<?, ?> m ? m : Map.of();
        String sa = d.namespace() + "/" + d.serviceAccount();
        List<Resource> associations = infra.associations().stream().filter(a -> {
            AwsOutputs o = infra.outputsOfEksCluster(infra.eksClusterOf(a));
            return o != null && o.cluster().equals(cluster) && d.namespace().equals(a.get(FieldPath.of("spec", "namespace")))
                    && d.serviceAccount().equals(a.get(FieldPath.of("spec", "serviceAccount")));
        }).toList();
        if (associations.isEmpty()) {
            f.at(WORKLOAD_ACTIONS, account, FieldPath.of("metadata", "name"), "cluster " + cluster + ": no EKS Pod Identity"
                            + " association of the infrastructure layer gives service account " + sa + " a role, yet "
                            + d.file() + " declares " + d.actions().size() + " AWS actions it calls: every one fails",
                    "associate a role that allows the declared actions (infra/aws/clusters/" + cluster + "/eks.yaml)");
            return;
        }
        for (Resource association : associations) {
            Resource role = RolePolicies.roleOf(association, infra);
            if (role == null) {
                continue; // INFRA001 reports a role the layer does not declare
            }
            List<JsonNode> statements = RolePolicies.statements(role, infra);
            List<String> problems = new ArrayList<>();
            List<String> unresolved = new ArrayList<>();
            for (WorkloadActions.Action a : d.actions()) {
                List<String> missing = new ArrayList<>();
                String arn = WorkloadActions.resolve(d.resources().get(a.resource()), settings, missing);
                if (!missing.isEmpty()) {
                    missing.stream().filter(m -> !unresolved.contains(m)).forEach(unresolved::add);
                    continue;
                }
                if (!RolePolicies.allows(statements, a.action(), arn)) {
                    problems.add(a.action() + " on " + arn + " (" + a.feature() + ")" + elsewhere(statements, a.action()));
                }
            }
            List<Location> related = List.of(
                    Findings.location(association, FieldPath.of("spec", "serviceAccount"), "the association"),
                    Findings.location(account, FieldPath.of("metadata", "name"), "the service account"));
            if (!unresolved.isEmpty()) {
                f.at(WORKLOAD_ACTIONS, configMap != null ? configMap : account, configMap != null ? FieldPath.of("data")
                                : FieldPath.of("metadata", "name"), "cluster " + cluster + ": " + d.file() + " names its resources"
                                + " by the settings " + unresolved + " of ConfigMap " + d.namespace() + "/" + d.configMap()
                                + ", which " + (configMap == null ? "the cluster does not have" : "does not set them")
                                + ": the role of " + sa + " cannot be checked against them",
                        "set the settings in the ConfigMap the declaration names", related);
            }
            if (!problems.isEmpty()) {
                FieldPath at = role.get(FieldPath.of("spec", "inlinePolicies")) != null ? FieldPath.of("spec", "inlinePolicies")
                        : FieldPath.of("spec", "name");
                f.at(WORKLOAD_ACTIONS, role, at, "cluster " + cluster + ": role " + role.get(FieldPath.of("spec", "name"))
                                + " of " + sa + " does not allow what " + d.file() + " declares the workload calls: "
                                + String.join("; ", problems) + ". AWS answers those calls with AccessDenied",
                        "allow each action on the resource ARN it acts on (bucket actions on the bucket ARN, object"
                                + " actions on <bucket>/*)", related);
            }
        }
    }

    /** Where the role allows the action, when it does on other resources than the one needed. */
    private static String elsewhere(List<JsonNode> statements, String action) {
        List<String> on = PolicyDocuments.allowedResources(statements, action);
        return on.isEmpty() ? ": not allowed at all" : ": allowed on " + on + " only";
    }

    private static Resource find(List<Resource> tree, String kind, String namespace, String name) {
        return tree.stream().filter(r -> kind.equals(r.kind()) && "v1".equals(r.apiVersion())
                && name.equals(r.ref().name()) && Objects.equals(namespace, r.ref().namespace())).findFirst().orElse(null);
    }
}
