package dev.gitops.validator.domain.infra;

import static dev.gitops.validator.finding.Rule.error;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gitops.validator.check.Check;
import dev.gitops.validator.check.CheckContext;
import dev.gitops.validator.check.Findings;
import dev.gitops.validator.finding.Location;
import dev.gitops.validator.finding.Rule;
import dev.gitops.validator.resource.Resource;
import dev.gitops.validator.source.FieldPath;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * INFRA006: a controller's IAM role grants every action its upstream policy requires. The controller is
 * the Helm chart that creates the service account of an EKS Pod Identity association; its required
 * actions are recorded per chart version in {@code upstream/iam/} ({@link UpstreamPolicies}). The role
 * (the association's {@code roleRef} or {@code roleARN}) grants an action when an {@code Allow}
 * statement of one of its inline policies, or of a customer-managed {@code Policy} of the layer it
 * attaches, names it (IAM wildcards count; resources and conditions are not compared). AWS-managed
 * policies are not expanded offline. Once a chart has a record, the pinned version must have one too.
 */
public final class IamPolicyCheck implements Check {

    public static final Rule CONTROLLER_POLICY = error("INFRA006", InfraCheck.CATEGORY);

    @Override
    public List<Rule> rules() {
        return List.of(CONTROLLER_POLICY);
    }

    @Override
    public void run(CheckContext context, Findings findings) {
        InfraLayer infra = InfraLayer.of(context);
        if (infra.associations().isEmpty()) {
            return;
        }
        UpstreamPolicies record;
        try {
            record = UpstreamPolicies.read(context.root());
        } catch (IOException e) {
            findings.at(CONTROLLER_POLICY, infra.associations().getFirst(), FieldPath.ROOT, "the record of controller"
                    + " IAM policies cannot be read: " + e.getMessage(), "fix the file (upstream/iam/README.md)");
            return;
        }
        if (record.entries().isEmpty()) {
            return;
        }
        PodIdentity identity = new PodIdentity(infra, context.resources(), new Findings());
        for (Resource association : infra.associations()) {
            Resource role = RolePolicies.roleOf(association, infra);
            if (role == null) {
                continue; // INFRA001 reports a role the layer does not declare
            }
            for (PodIdentity.ChartSource cs : identity.chartSources(association)) {
                compare(association, role, cs, record, infra, findings);
            }
        }
    }

    private static void compare(Resource association, Resource role, PodIdentity.ChartSource cs,
                                UpstreamPolicies record, InfraLayer infra, Findings f) {
        Resource app = cs.application();
        if (!(app.get(cs.source().key("chart")) instanceof String chart)) {
            return;
        }
        List<UpstreamPolicies.Entry> entries = record.forChart(chart);
        if (entries.isEmpty()) {
            return;
        }
        FieldPath versionAt = cs.source().key("targetRevision");
        String version = String.valueOf(app.get(versionAt));
        UpstreamPolicies.Entry entry = entries.stream().filter(e -> e.chartVersion().equals(version)).findFirst()
                .orElse(null);
        String sa = association.get(FieldPath.of("spec", "namespace")) + "/" + association.get(FieldPath.of("spec", "serviceAccount"));
        if (entry == null) {
            f.at(CONTROLLER_POLICY, app, versionAt, "chart " + chart + " is pinned at " + version + ", but the IAM policy"
                            + " its controller requires is recorded for " + entries.stream().map(UpstreamPolicies.Entry::chartVersion)
                            .toList() + " only: the role of " + sa + " cannot be checked against this version",
                    "record the upstream policy of " + chart + " " + version + " in upstream/iam/ (upstream/iam/README.md)"
                            + " and grant its actions");
            return;
        }
        List<Pattern> granted = granted(role, infra);
        List<String> missing = entry.actions().stream()
                .filter(a -> granted.stream().noneMatch(g -> g.matcher(a.toLowerCase(Locale.ROOT)).matches())).toList();
        if (!missing.isEmpty()) {
            FieldPath at = role.get(FieldPath.of("spec", "inlinePolicies")) != null ? FieldPath.of("spec", "inlinePolicies")
                    : FieldPath.of("spec", "name");
            List<Location> related = List.of(
                    Findings.location(association, FieldPath.of("spec", "serviceAccount"), "the association"),
                    Findings.location(app, versionAt, "chart " + chart + " " + version));
            f.at(CONTROLLER_POLICY, role, at, "role " + role.get(FieldPath.of("spec", "name")) + " of " + sa + " (chart "
                            + chart + " " + version + ") does not grant " + missing + ", which the controller's upstream"
                            + " policy requires (" + entry.file() + ": " + entry.source() + "): the controller fails with"
                            + " AccessDenied when it needs them",
                    "grant the actions in an inline policy, scoped as upstream scopes them", related);
        }
    }

    /** The action patterns the role's allowing statements grant, lower case. */
    private static List<Pattern> granted(Resource role, InfraLayer infra) {
        List<Pattern> out = new ArrayList<>();
        for (JsonNode s : RolePolicies.statements(role, infra)) {
            if ("Allow".equals(s.path("Effect").asText())) {
                PolicyDocuments.strings(s.get("Action"))
                        .forEach(a -> out.add(PolicyDocuments.glob(a.toLowerCase(Locale.ROOT))));
            }
        }
        return out;
    }
}
