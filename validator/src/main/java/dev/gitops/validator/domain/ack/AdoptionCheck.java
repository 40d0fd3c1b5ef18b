package dev.gitops.validator.domain.ack;

import static dev.gitops.validator.finding.Rule.error;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gitops.validator.check.Check;
import dev.gitops.validator.check.CheckContext;
import dev.gitops.validator.check.Findings;
import dev.gitops.validator.domain.Topology;
import dev.gitops.validator.domain.argocd.AppGraph;
import dev.gitops.validator.finding.Rule;
import dev.gitops.validator.model.ArgoCd.Application;
import dev.gitops.validator.resource.JsonText;
import dev.gitops.validator.resource.Resource;
import dev.gitops.validator.source.FieldPath;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * AWS resources that outlive their Kubernetes object are adopted, not re-created, when a rebuilt cluster syncs the
 * same manifest: the resource carries {@code services.k8s.aws/adoption-policy: adopt-or-create} and {@code
 * services.k8s.aws/adoption-fields}, a JSON object naming the AWS resource (for kinds the controller looks up by
 * name, {@code name} equal to {@code spec.name}).
 *
 * <p>Outliving is the effective deletion policy ({@link AckDeletionPolicy}: the object's annotation, its namespace's,
 * or its controller's {@code deletionPolicy}), not only the object's own annotation: a controller that retains by
 * default retains every object that says nothing. Kinds whose controller finds an existing AWS resource from the
 * spec alone need no adoption ({@link #FOUND_BY_SPEC}).
 */
public final class AdoptionCheck implements Check {

    public static final String CATEGORY = "ack";
    public static final Rule RULE = error("ACK001", CATEGORY);

    static final String PREFIX = "services.k8s.aws/";
    static final String ADOPTION_POLICY = PREFIX + "adoption-policy";
    static final String ADOPTION_FIELDS = PREFIX + "adoption-fields";
    /** Kinds whose controllers read these keys from adoption-fields (PopulateResourceFromAnnotation). */
    private static final Map<String, List<String>> REQUIRED_FIELDS = Map.of(
            "s3.services.k8s.aws/Bucket", List.of("name"),
            "wafv2.services.k8s.aws/WebACL", List.of("name"));
    /**
     * Kinds whose controller's read (sdkFind) looks the AWS resource up by fields of the spec, so a re-created object
     * finds the existing resource and manages it: Route 53 {@code RecordSet} (ListResourceRecordSets on
     * {@code spec.hostedZoneID}, matched on name, type and set identifier: route53-controller
     * {@code pkg/resource/record_set/sdk.go}) and KMS {@code Alias} (ListAliases on {@code spec.targetKeyID},
     * matched on {@code spec.name}: kms-controller {@code pkg/resource/alias/sdk.go}).
     */
    static final Set<String> FOUND_BY_SPEC = Set.of("route53.services.k8s.aws/RecordSet", "kms.services.k8s.aws/Alias");

    @Override
    public List<Rule> rules() {
        return List.of(RULE);
    }

    @Override
    public void run(CheckContext context, Findings findings) {
        Optional<AppGraph> graph = AppGraph.of(context);
        AckDeletionPolicy.Resolver policies = new AckDeletionPolicy.Resolver(context.resources(),
                Topology.of(context.config(), context.resources()));
        for (Resource r : context.resources()) {
            if (!AckDeletionPolicy.isAck(r) || FOUND_BY_SPEC.contains(r.ref().group() + "/" + r.kind())) {
                continue;
            }
            Resource deployer = graph.flatMap(g -> g.renderersOf(r).stream().findFirst()).map(Application::source)
                    .orElse(null);
            AckDeletionPolicy policy = policies.of(r, deployer);
            if ("retain".equals(policy.policy().toLowerCase(Locale.ROOT))) {
                judge(r, r.ref().group(), policy, findings);
            }
        }
    }

    private void judge(Resource r, String group, AckDeletionPolicy retained, Findings f) {
        String what = r.kind() + " " + r.ref().name();
        FieldPath policyAt = FieldPath.of("metadata", "annotations", ADOPTION_POLICY);
        FieldPath fieldsAt = FieldPath.of("metadata", "annotations", ADOPTION_FIELDS);
        Object policy = r.get(policyAt);
        if (!"adopt-or-create".equals(policy)) {
            boolean own = retained.where() == r;
            f.at(RULE, r, policy != null ? policyAt : own ? retained.path() : FieldPath.of("metadata", "name"),
                    what + " is retained in AWS when its object is deleted" + (own ? "" : " (" + retained.source()
                            + " is retain)") + ", but "
                            + (policy == null ? "has no " + ADOPTION_POLICY
                            : ADOPTION_POLICY + " is '" + policy + "'" + ("adopt".equals(policy)
                            ? " (strict import: fails wherever the AWS resource does not exist yet)" : ""))
                            + ": a rebuilt cluster tries to create it again and fails on the existing resource",
                    "annotate " + ADOPTION_POLICY + ": adopt-or-create and " + ADOPTION_FIELDS
                            + ": '{\"name\": \"<the AWS name>\"}'", retained.locations());
            return;
        }
        if (!(r.get(fieldsAt) instanceof String text) || text.isBlank()) {
            f.at(RULE, r, policyAt, what + " adopts or creates without " + ADOPTION_FIELDS
                            + ": the controller cannot look the existing AWS resource up",
                    "add " + ADOPTION_FIELDS + " with the resource's identifying fields as a JSON object");
            return;
        }
        JsonNode fields;
        try {
            fields = JsonText.read(text);
        } catch (java.io.IOException e) {
            fields = null;
        }
        if (fields == null || !fields.isObject() || fields.isEmpty()) {
            f.at(RULE, r, fieldsAt, ADOPTION_FIELDS + " of " + what + " is not a non-empty JSON object", null);
            return;
        }
        List<String> missing = new ArrayList<>();
        for (String key : REQUIRED_FIELDS.getOrDefault(group + "/" + r.kind(), List.of())) {
            if (!fields.path(key).isTextual() || fields.path(key).asText().isBlank()) {
                missing.add(key);
            }
        }
        if (!missing.isEmpty()) {
            f.at(RULE, r, fieldsAt, ADOPTION_FIELDS + " of " + what + " lacks " + String.join(", ", missing)
                    + ", which the " + group + " controller needs to find the resource", null);
            return;
        }
        if (fields.path("name").isTextual() && r.get("spec.name") instanceof String name
                && !name.equals(fields.path("name").asText())) {
            f.at(RULE, r, fieldsAt, ADOPTION_FIELDS + " of " + what + " names '" + fields.path("name").asText()
                    + "' but spec.name is '" + name + "': the cluster would adopt another resource", null);
        }
    }

}
