package dev.gitops.validator.domain.infra;

import dev.gitops.validator.model.ModelKind;
import static dev.gitops.validator.finding.Rule.error;

import dev.gitops.validator.check.Check;
import dev.gitops.validator.check.CheckContext;
import dev.gitops.validator.check.Findings;
import dev.gitops.validator.finding.Rule;
import dev.gitops.validator.domain.traffic.ShutdownScope;
import dev.gitops.validator.domain.traffic.ClusterState;
import dev.gitops.validator.resource.Resource;
import dev.gitops.validator.source.FieldPath;
import dev.gitops.validator.config.ConfigSection;
import dev.gitops.validator.config.ValidatorConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Matcher;

/**
 * The cluster trees against the infrastructure layer ({@link InfraLayer}): every AWS resource a cluster
 * names exists in infra/ (INFRA001), every identifier AWS assigned is written as the cluster's recorded
 * outputs say (INFRA002), and every Pod Identity association names a service account its cluster runs,
 * without an IRSA annotation that would override it (INFRA003). Silent for a repository without an
 * infrastructure layer.
 */
public final class InfraCheck implements Check {

    public static final String CATEGORY = "infra";
    public static final Rule DECLARED = error("INFRA001", CATEGORY);
    public static final Rule OUTPUTS = error("INFRA002", CATEGORY);
    public static final Rule POD_IDENTITY = error("INFRA003", CATEGORY);

    static final String IRSA = "eks.amazonaws.com/role-arn";

    @Override
    public List<Rule> rules() {
        return List.of(DECLARED, OUTPUTS, POD_IDENTITY);
    }

    @Override
    public void run(CheckContext context, Findings findings) {
        InfraLayer infra = InfraLayer.of(context);
        if (!infra.present()) {
            return;
        }
        new References(infra, findings).check();
        ShutdownScope shutdown = ShutdownScope.of(context.config(), context.resources());
        for (String c : infra.topology().clusters()) {
            AwsOutputs o = infra.outputs().get(c);
            List<Resource> tree = infra.clusterTree(context.resources(), c);
            if (o == null) {
                tree.stream().filter(ClusterState::isClusterState).findFirst().ifPresent(s -> findings.at(OUTPUTS, s,
                        FieldPath.ROOT, "cluster " + c + " has no recorded infrastructure outputs (clusters/" + c
                                + "/aws-outputs.yaml, ConfigMap " + AwsOutputs.NAME + ")",
                        "record what infra/ created for the cluster: account, region, cluster name, VPC, zones, keys"));
                continue;
            }
            // A shut-down cluster's tree stays for release to bring it back, but nothing deploys it.
            boolean gone = shutdown.clusterGone(c);
            for (Resource r : tree) {
                if (!gone) {
                    declared(r, infra, findings);
                }
                identifiers(r, o, findings);
            }
            for (Resource r : infra.resources()) {
                String owner = InfraLayer.clusterOf(r);
                if (owner == null || owner.equals(c)) {
                    identifiers(r, o, findings);
                }
            }
        }
        new PodIdentity(infra, context.resources(), findings).check();
    }

    /** INFRA001: names the tree gives AWS resources exist in infra/. */
    private static void declared(Resource r, InfraLayer infra, Findings findings) {
        if ("EC2NodeClass".equals(r.kind()) && r.get(FieldPath.of("spec", "role")) instanceof String role) {
            role(r, FieldPath.of("spec", "role"), role, infra, findings);
        }
        for (Identifiers.Found f : Identifiers.in(r)) {
            Matcher m = f.arn();
            if (m != null && m.matches() && "iam".equals(m.group(1)) && m.group(4).startsWith("role/")) {
                String name = m.group(4).substring(m.group(4).lastIndexOf('/') + 1);
                role(r, f.path(), name, infra, findings);
            }
        }
        values(r).forEach((path, value) -> {
            String key = String.valueOf(path.last());
            if (key.equals("interruptionQueue") && !infra.queues().containsKey(value)) {
                findings.at(DECLARED, r, path, "SQS queue " + value + " is not declared in the infrastructure layer:"
                        + " nothing creates it", "declare a Queue with spec.queueName " + value + " under infra/");
            } else if (key.equals("clusterName") && !infra.clusters().containsKey(value)) {
                findings.at(DECLARED, r, path, "EKS cluster " + value + " is not declared in the infrastructure layer",
                        "declare a Cluster with spec.name " + value + " under infra/");
            }
        });
    }

    static void role(Resource r, FieldPath path, String name, InfraLayer infra, Findings findings) {
        if (!infra.roles().containsKey(name)) {
            findings.at(DECLARED, r, path, "IAM role " + name + " is not declared in the infrastructure layer: nothing"
                    + " creates it", "declare a Role with spec.name " + name + " under infra/");
        }
    }

    /** INFRA002: identifiers equal the recorded outputs. */
    private static void identifiers(Resource r, AwsOutputs o, Findings findings) {
        List<dev.gitops.validator.finding.Location> at = List.of(Findings.location(o.source(), FieldPath.of("data"),
                "outputs of " + o.cluster()));
        for (Identifiers.Found f : Identifiers.in(r)) {
            String problem = switch (f.kind()) {
                case "arn" -> arn(f, o);
                case "vpc" -> Objects.equals(f.value(), o.get("vpcId")) ? null : "VPC " + f.value();
                case "subnet" -> "privateSubnetIds".equals(o.keyOf(f.value())) ? null : "subnet " + f.value();
                case "workspace" -> Objects.equals(f.value(), o.get("ampWorkspaceId")) ? null
                        : "Prometheus workspace " + f.value();
                case "zone" -> isZone(o.keyOf(f.value())) ? null : "hosted zone " + f.value();
                case "acm-validation" -> o.keyOf(f.value()) != null ? null
                        : "certificate validation target " + f.value();
                case "acm-validation-name" -> validationName(o, f.value()) ? null
                        : "certificate validation record " + f.value();
                case "cloudfront-domain" -> o.keyOf(f.value()) != null ? null
                        : "CloudFront distribution name " + f.value();
                case "origin-access-control" -> o.keyOf(f.value()) != null ? null
                        : "CloudFront origin access control " + f.value();
                default -> null;
            };
            if (problem != null) {
                findings.at(OUTPUTS, r, f.path(), problem + " is not what the infrastructure layer created for cluster "
                                + o.cluster() + " (" + o.source().file().displayName() + ")",
                        "write the value recorded in the cluster's outputs, or correct the outputs after a rebuild", at);
            }
        }
        values(r).forEach((path, value) -> {
            if (String.valueOf(path.last()).equals("clusterName") && !value.equals(o.get("clusterName"))) {
                findings.at(OUTPUTS, r, path, "cluster name " + value + " differs from " + o.get("clusterName")
                        + ", the EKS cluster of " + o.cluster(), "use the cluster name of the outputs", at);
            }
        });
    }

    /** A validation record's relative name is the first label of a recorded validation name. */
    private static boolean validationName(AwsOutputs o, String name) {
        String n = dev.gitops.validator.domain.traffic.HostedZones.normalize(name) + ".";
        return o.values().values().stream()
                .anyMatch(v -> dev.gitops.validator.domain.traffic.HostedZones.normalize(v).startsWith(n));
    }

    private static boolean isZone(String key) {
        return "publicHostedZoneId".equals(key) || "privateHostedZoneId".equals(key);
    }

    private static String arn(Identifiers.Found f, AwsOutputs o) {
        Matcher m = f.arn();
        if (m == null || !m.matches()) {
            return null;
        }
        String account = m.group(3);
        if ("iam".equals(m.group(1)) && m.group(4).equals("root") && ElbLogDelivery.isDeliveryAccount(account)) {
            return null; // Elastic Load Balancing's log delivery account in a bucket policy (EDGE003)
        }
        if (account.matches("[0-9]{12}") && !account.equals(o.get("accountId"))) {
            return "ARN " + f.value() + " names account " + account + ", which";
        }
        if (Set.of("kms", "acm", "cloudfront").contains(m.group(1)) && o.keyOf(f.value()) == null) {
            return "ARN " + f.value();
        }
        return null;
    }

    /** The string values of an Application's Helm valuesObject, by field path. */
    static Map<FieldPath, String> values(Resource r) {
        Map<FieldPath, String> out = new java.util.LinkedHashMap<>();
        if (!ModelKind.APPLICATION.matches(r)) {
            return out;
        }
        List<FieldPath> roots = new ArrayList<>(List.of(FieldPath.of("spec", "source", "helm", "valuesObject")));
        if (r.get(FieldPath.of("spec", "sources")) instanceof List<?> l) {
            for (int i = 0; i < l.size(); i++) {
                roots.add(FieldPath.of("spec", "sources", i, "helm", "valuesObject"));
            }
        }
        for (FieldPath root : roots) {
            for (String key : List.of("clusterName", "settings.clusterName", "settings.interruptionQueue")) {
                FieldPath p = root;
                for (String k : key.split("\\.")) {
                    p = p.key(k);
                }
                if (r.get(p) instanceof String s) {
                    out.put(p, s);
                }
            }
        }
        return out;
    }

    /** {@code infra:} in the configuration: the folders that hold the infrastructure layer. */
    record Settings(List<String> paths) {
    }

    /** The folders that hold the infrastructure layer, as the configuration names them. */
    public static List<String> paths(ValidatorConfig config) {
        return config.settings(SECTION).paths();
    }

    static final ConfigSection<Settings> SECTION = new ConfigSection<>("infra", r -> {
        List<String> paths = r.strings("paths");
        return new Settings(paths.isEmpty() ? InfraLayer.DEFAULT_PATHS : paths);
    });

    @Override
    public List<ConfigSection<?>> configSections() {
        return List.of(SECTION);
    }
}
