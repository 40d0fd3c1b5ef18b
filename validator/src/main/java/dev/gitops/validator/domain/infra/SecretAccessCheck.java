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
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * INFRA009: the External Secrets controller may read every secret the cluster's ExternalSecrets ask for.
 * An ExternalSecret reads through its store ({@code secretStoreRef}: a {@code ClusterSecretStore}, or a
 * {@code SecretStore} of its namespace); a store of provider {@code aws}, service {@code SecretsManager},
 * without {@code auth} calls AWS with the controller's own credentials: the role an EKS Pod Identity
 * association gives the service account of the {@code external-secrets} chart ({@link ControllerRoles}),
 * or the role the store names in {@code role}. Each {@code remoteRef.key} and {@code dataFrom[].extract.key},
 * after the store's {@code prefix}, is a secret whose ARN
 * ({@code arn:aws:secretsmanager:<region>:<account>:secret:<name>-<6 characters>}: Secrets Manager appends
 * the suffix) an {@code Allow} of {@code secretsmanager:GetSecretValue} of that role must match.
 */
public final class SecretAccessCheck implements Check {

    public static final Rule SECRET_ACCESS = error("INFRA009", InfraCheck.CATEGORY);

    static final String GROUP = "external-secrets.io";
    static final String CHART = "external-secrets";
    static final String ACTION = "secretsmanager:GetSecretValue";
    /** Stands for the random suffix Secrets Manager appends to a secret's name in its ARN. */
    private static final String SUFFIX = "-Ab1Cd2";

    @Override
    public List<Rule> rules() {
        return List.of(SECRET_ACCESS);
    }

    @Override
    public void run(CheckContext context, Findings findings) {
        InfraLayer infra = InfraLayer.of(context);
        if (!infra.present()) {
            return;
        }
        ShutdownScope shutdown = ShutdownScope.of(context.config(), context.resources());
        ControllerRoles controllers = ControllerRoles.of(infra, context.resources());
        for (String c : infra.topology().clusters()) {
            AwsOutputs o = infra.outputs().get(c);
            if (o == null || shutdown.clusterGone(c)) {
                continue; // INFRA002 reports missing outputs; a shut-down cluster reads nothing
            }
            List<Resource> tree = infra.clusterTree(context.resources(), c);
            new Cluster(c, o, tree, infra, controllers, findings).check();
        }
    }

    /** One cluster's ExternalSecrets against its stores and the role they read with. */
    private record Cluster(String name, AwsOutputs outputs, List<Resource> tree, InfraLayer infra,
                           ControllerRoles controllers, Findings findings) {

        void check() {
            Set<Resource> reported = new HashSet<>();
            for (Resource es : tree) {
                if (!is(es, "ExternalSecret")) {
                    continue;
                }
                Resource store = store(es);
                if (store == null || !(store.get(FieldPath.of("spec", "provider", "aws")) instanceof Map<?, ?> aws)
                        || !"SecretsManager".equals(aws.get("service")) || aws.get("auth") != null) {
                    continue; // another provider, or credentials this rule does not model (README)
                }
                Resource role = role(store, aws, reported);
                if (role == null) {
                    continue;
                }
                List<JsonNode> statements = RolePolicies.statements(role, infra);
                String prefix = aws.get("prefix") instanceof String p ? p : "";
                String region = aws.get("region") instanceof String r ? r : outputs.get("region");
                for (Map.Entry<FieldPath, String> key : keys(es).entrySet()) {
                    String secret = prefix + key.getValue();
                    String problem = problem(statements, secret, region);
                    if (problem != null) {
                        List<Location> related = List.of(
                                Findings.location(role, FieldPath.of("spec", "inlinePolicies"), "role "
                                        + role.get(FieldPath.of("spec", "name"))),
                                Findings.location(store, FieldPath.of("spec", "provider", "aws"), "the store"));
                        findings.at(SECRET_ACCESS, es, key.getKey(), "cluster " + name + ": secret " + secret
                                        + " is not readable by role " + role.get(FieldPath.of("spec", "name"))
                                        + (aws.get("role") != null ? ", which the store assumes: "
                                        : " of the External Secrets controller: ") + problem
                                        + "; every sync of this ExternalSecret fails with AccessDenied",
                                "name the secret under a prefix the role allows (the store's prefix, or the key),"
                                        + " or allow " + ACTION + " on its ARN with the suffix wildcard (name-??????)",
                                related);
                    }
                }
            }
        }

        private String problem(List<JsonNode> statements, String secret, String region) {
            return secret.startsWith("arn:") ? unreadable(statements, secret, true) : unreadable(statements,
                    "arn:aws:secretsmanager:" + region + ":" + outputs.get("accountId") + ":secret:" + secret, false);
        }

        /** A store the ExternalSecret names: a ClusterSecretStore, or a SecretStore of its namespace. */
        private Resource store(Resource es) {
            String kind = es.get(FieldPath.of("spec", "secretStoreRef", "kind")) instanceof String k ? k : "SecretStore";
            Object storeName = es.get(FieldPath.of("spec", "secretStoreRef", "name"));
            return tree.stream().filter(s -> is(s, kind) && Objects.equals(storeName, s.ref().name())
                    && (kind.equals("ClusterSecretStore") || Objects.equals(s.ref().namespace(), es.ref().namespace())))
                    .findFirst().orElse(null);
        }

        /** The store's role: the one it names, or the controller's; null (reported once) when it has none. */
        private Resource role(Resource store, Map<?, ?> aws, Set<Resource> reported) {
            if (aws.get("role") instanceof String arn) {
                return infra.roles().get(arn.substring(arn.lastIndexOf('/') + 1)); // INFRA001 reports an undeclared one
            }
            List<ControllerRoles.ControllerRole> roles = controllers.of(name, CHART);
            if (roles.isEmpty()) {
                if (reported.add(store)) {
                    findings.at(SECRET_ACCESS, store, FieldPath.of("spec", "provider", "aws"), "cluster " + name
                                    + ": no EKS Pod Identity association of the infrastructure layer gives the service"
                                    + " account of the " + CHART + " chart a role, so this store reads with no AWS"
                                    + " credentials and every ExternalSecret through it fails",
                            "associate a role that allows " + ACTION + " on the secrets with the controller's service"
                                    + " account (infra/aws/clusters/" + name + "/eks.yaml)");
                }
                return null;
            }
            return roles.getFirst().role();
        }
    }

    /** The Secrets Manager names an ExternalSecret reads, by field path ({@code find} lists, not read here). */
    static Map<FieldPath, String> keys(Resource es) {
        Map<FieldPath, String> out = new java.util.LinkedHashMap<>();
        if (es.get(FieldPath.of("spec", "data")) instanceof List<?> data) {
            for (int i = 0; i < data.size(); i++) {
                FieldPath at = FieldPath.of("spec", "data", i);
                if (es.get(at.key("sourceRef")) == null && es.get(at.key("remoteRef").key("key")) instanceof String k) {
                    out.put(at.key("remoteRef").key("key"), k);
                }
            }
        }
        if (es.get(FieldPath.of("spec", "dataFrom")) instanceof List<?> from) {
            for (int i = 0; i < from.size(); i++) {
                FieldPath at = FieldPath.of("spec", "dataFrom", i);
                if (es.get(at.key("sourceRef")) == null && es.get(at.key("extract").key("key")) instanceof String k) {
                    out.put(at.key("extract").key("key"), k);
                }
            }
        }
        return out;
    }

    /**
     * Why the statements do not let GetSecretValue read a secret, or null when they do. {@code arn} is the
     * secret's ARN without the suffix Secrets Manager appends, unless {@code complete} (a key written as an ARN).
     */
    static String unreadable(List<JsonNode> statements, String arn, boolean complete) {
        if (RolePolicies.allows(statements, ACTION, arn + SUFFIX) || namesWithSuffix(statements, arn)
                || complete && RolePolicies.allows(statements, ACTION, arn)) {
            return null;
        }
        if (RolePolicies.allows(statements, ACTION, arn)) {
            return "its policy names " + arn + " without the 6-character suffix Secrets Manager appends to"
                    + " every secret's ARN, so it matches no secret";
        }
        List<String> allowed = PolicyDocuments.allowedResources(statements, ACTION);
        return allowed.isEmpty() ? "its policies allow " + ACTION + " on nothing"
                : "its policies allow " + ACTION + " on " + allowed + " only";
    }

    /** Whether an Allow of the action names the secret's full ARN, with the suffix written out. */
    private static boolean namesWithSuffix(List<JsonNode> statements, String arn) {
        Pattern full = Pattern.compile(Pattern.quote(arn) + "-[A-Za-z0-9]{6}");
        return PolicyDocuments.allowedResources(statements, ACTION).stream().anyMatch(r -> full.matcher(r).matches());
    }

    private static boolean is(Resource r, String kind) {
        return kind.equals(r.kind()) && GROUP.equals(r.ref().group());
    }
}
