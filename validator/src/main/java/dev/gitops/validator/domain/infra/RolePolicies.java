package dev.gitops.validator.domain.infra;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.gitops.validator.resource.JsonText;
import dev.gitops.validator.resource.Resource;
import dev.gitops.validator.source.FieldPath;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What an IAM {@code Role} of the infrastructure layer is allowed, read offline: the statements of its
 * inline policies and of the customer-managed ACK {@code Policy} resources of the layer it attaches
 * ({@code policyRefs}, or {@code policies} by ARN). AWS-managed policies ({@code arn:aws:iam::aws:policy/…})
 * are not expanded and grant nothing here.
 */
final class RolePolicies {

    private static final String IAM = "iam.services.k8s.aws";

    private RolePolicies() {
    }

    /** The association's role: {@code roleRef.from.name} (a Role of the layer) or the name in {@code roleARN}. */
    static Resource roleOf(Resource association, InfraLayer infra) {
        if (association.get(FieldPath.of("spec", "roleRef", "from", "name")) instanceof String ref) {
            return infra.resources().stream().filter(r -> is(r, "Role") && ref.equals(r.ref().name())).findFirst()
                    .orElse(null);
        }
        if (association.get(FieldPath.of("spec", "roleARN")) instanceof String arn) {
            return infra.roles().get(arn.substring(arn.lastIndexOf('/') + 1));
        }
        return null;
    }

    /** Every statement of the role's inline and customer-managed policies; a document that is not JSON has none. */
    static List<JsonNode> statements(Resource role, InfraLayer infra) {
        List<String> documents = new ArrayList<>();
        if (role.get(FieldPath.of("spec", "inlinePolicies")) instanceof Map<?, ?> inline) {
            inline.values().forEach(v -> documents.add(String.valueOf(v)));
        }
        if (role.get(FieldPath.of("spec", "policyRefs")) instanceof List<?> refs) {
            for (Object ref : refs) {
                if (ref instanceof Map<?, ?> m && m.get("from") instanceof Map<?, ?> from && from.get("name") != null) {
                    infra.resources().stream().filter(r -> is(r, "Policy") && from.get("name").equals(r.ref().name()))
                            .forEach(r -> documents.add(String.valueOf(r.get(FieldPath.of("spec", "policyDocument")))));
                }
            }
        }
        List<String> policyNames = new ArrayList<>();
        if (role.get(FieldPath.of("spec", "policies")) instanceof List<?> arns) {
            arns.forEach(a -> policyNames.add(String.valueOf(a).replaceFirst("^arn:aws[a-z-]*:iam::[0-9]{12}:policy/(.*/)?", "")));
        }
        infra.resources().stream().filter(r -> is(r, "Policy") && policyNames.contains(String.valueOf(r.get(FieldPath.of("spec", "name")))))
                .forEach(r -> documents.add(String.valueOf(r.get(FieldPath.of("spec", "policyDocument")))));
        List<JsonNode> out = new ArrayList<>();
        for (String doc : documents) {
            try {
                out.addAll(PolicyDocuments.statements(JsonText.read(doc)));
            } catch (JsonProcessingException e) {
                // a policy that is not JSON grants nothing; AWS refuses it when the controller applies it
            }
        }
        return out;
    }

    /**
     * Whether the statements allow {@code action} on a resource ARN: an {@code Allow} statement names both
     * (IAM wildcards count) and no {@code Deny} statement does. Conditions are not evaluated.
     */
    static boolean allows(List<JsonNode> statements, String action, String resource) {
        boolean allowed = statements.stream().anyMatch(s -> PolicyDocuments.allows(s, action, resource));
        return allowed && statements.stream().noneMatch(s -> denies(s, action, resource));
    }

    private static boolean denies(JsonNode s, String action, String resource) {
        if (!"Deny".equals(s.path("Effect").asText())) {
            return false;
        }
        String a = action.toLowerCase(Locale.ROOT);
        return PolicyDocuments.strings(s.get("Action")).stream()
                .anyMatch(p -> PolicyDocuments.glob(p.toLowerCase(Locale.ROOT)).matcher(a).matches())
                && PolicyDocuments.strings(s.get("Resource")).stream()
                .anyMatch(p -> PolicyDocuments.glob(p).matcher(resource).matches());
    }

    static boolean is(Resource r, String kind) {
        return kind.equals(r.kind()) && IAM.equals(r.ref().group());
    }
}
