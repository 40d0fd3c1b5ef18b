package dev.gitops.validator.domain.karpenter;

import static dev.gitops.validator.finding.Rule.error;

import dev.gitops.validator.check.Check;
import dev.gitops.validator.check.CheckContext;
import dev.gitops.validator.check.CheckFailedException;
import dev.gitops.validator.check.Findings;
import dev.gitops.validator.check.KubernetesVersion;
import dev.gitops.validator.domain.Topology;
import dev.gitops.validator.domain.infra.AwsOutputs;
import dev.gitops.validator.domain.infra.InfraLayer;
import dev.gitops.validator.finding.Rule;
import dev.gitops.validator.model.Karpenter;
import dev.gitops.validator.model.ModelKind;
import dev.gitops.validator.model.Models;
import dev.gitops.validator.resource.Resource;
import dev.gitops.validator.source.FieldPath;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * KARPENTER006: an EC2NodeClass that selects its AMI by alias pins a release, and a pinned Bottlerocket
 * release ships the {@code aws-k8s-<minor>} variant of the Kubernetes version of every cluster the node
 * class deploys to. Karpenter resolves {@code bottlerocket@vX.Y.Z} through the SSM parameter
 * {@code /aws/service/bottlerocket/aws-k8s-<minor>/<arch>/X.Y.Z/image_id} of the cluster's own version
 * (aws/karpenter-provider-aws {@code pkg/providers/amifamily/bottlerocket.go}); a release without that
 * variant has no parameter, the node class resolves no AMI and no node starts.
 *
 * <p>A cluster's version is {@code spec.version} of its EKS {@code Cluster} under the infrastructure paths
 * (the one its recorded outputs name by {@code clusterName}, else the one in its {@code clusters/<c>/}
 * folder); without one, the Kubernetes version the tree is validated against. The releases come from
 * {@code upstream/bottlerocket-variants.yaml}. {@code @latest} is refused for every family; pinned
 * versions of other families (al2023 and the rest) are not checked: no record of their releases per
 * Kubernetes version is kept.
 */
public final class AmiAliasCheck implements Check {

    public static final Rule AMI_ALIAS = error("KARPENTER006", KarpenterCheck.CATEGORY);

    private static final String BOTTLEROCKET = "bottlerocket";
    private static final String LATEST = "latest";

    @Override
    public List<Rule> rules() {
        return List.of(AMI_ALIAS);
    }

    @Override
    public void run(CheckContext context, Findings findings) {
        List<Karpenter.Ec2NodeClass> classes = Models.of(context.resources()).all(ModelKind.EC2_NODE_CLASS);
        if (classes.stream().noneMatch(c -> c.amiSelectorTerms().stream().anyMatch(t -> t.alias() != null))) {
            return;
        }
        Optional<BottlerocketVariants> record;
        try {
            record = BottlerocketVariants.read(context.root());
        } catch (IOException e) {
            throw new CheckFailedException(e.getMessage(), e);
        }
        InfraLayer infra = InfraLayer.of(context);
        Topology topology = infra.topology();
        String validated;
        try {
            validated = KubernetesVersion.fromOption(context.options().kubernetesVersion()).toString();
        } catch (IllegalArgumentException e) {
            validated = KubernetesVersion.DEFAULT.toString(); // the schema check reports the option
        }
        for (Karpenter.Ec2NodeClass c : classes) {
            Map<String, String> targets = targets(c.source(), topology, infra, validated);
            for (int i = 0; i < c.amiSelectorTerms().size(); i++) {
                String alias = c.amiSelectorTerms().get(i).alias();
                if (alias != null && alias.indexOf('@') > 0) {
                    FieldPath at = FieldPath.of("spec", "amiSelectorTerms").index(i).key("alias");
                    new Term(c, at, alias, record, targets, findings).check();
                }
            }
        }
    }

    /**
     * The Kubernetes versions the node class runs on: cluster description ("cluster even, EKS Cluster
     * docproc-even") to MAJOR.MINOR.
     */
    private static Map<String, String> targets(Resource nodeClass, Topology topology, InfraLayer infra,
                                               String validated) {
        Map<String, String> out = new LinkedHashMap<>();
        if (topology.clustersOf(nodeClass).isEmpty()) {
            out.put("the Kubernetes version the tree is validated against", validated);
            return out;
        }
        for (String cluster : topology.clustersOf(nodeClass)) {
            Resource eks = eksCluster(cluster, infra);
            if (eks != null && eks.get(FieldPath.of("spec", "version")) instanceof String v && !v.isBlank()) {
                out.put("cluster " + cluster + " (EKS Cluster " + eks.ref().name() + ", "
                        + eks.file().displayName() + ")", v);
            } else {
                out.put("cluster " + cluster + " (no EKS Cluster under infra/ states its version: the validated"
                        + " Kubernetes version)", validated);
            }
        }
        return out;
    }

    /** The EKS Cluster of a cluster: the one its outputs name, else the one in its infra/ folder. */
    private static Resource eksCluster(String cluster, InfraLayer infra) {
        AwsOutputs outputs = infra.outputs().get(cluster);
        String name = outputs == null ? null : outputs.get("clusterName");
        if (name != null && infra.clusters().containsKey(name)) {
            return infra.clusters().get(name);
        }
        return infra.clusters().values().stream().filter(r -> cluster.equals(InfraLayer.clusterOf(r))).findFirst()
                .orElse(null);
    }

    /** One alias term of one node class against the versions of its clusters. */
    private record Term(Karpenter.Ec2NodeClass nodeClass, FieldPath at, String alias,
                        Optional<BottlerocketVariants> record, Map<String, String> targets, Findings findings) {

        String family() {
            return alias.substring(0, alias.indexOf('@'));
        }

        String version() {
            return alias.substring(alias.indexOf('@') + 1);
        }

        void check() {
            if (LATEST.equals(version())) {
                report("EC2NodeClass " + nodeClass.name() + " selects its AMI by " + alias + ": Karpenter follows"
                                + " every new " + family() + " release, marks every node drifted and replaces it at a"
                                + " time no commit chooses, and the tree does not say which AMI runs",
                        BOTTLEROCKET.equals(family()) ? "pin a release: " + suggestion(null)
                                : "pin a release of the family (" + family() + "@<version>)");
                return;
            }
            if (!BOTTLEROCKET.equals(family())) {
                return; // no record of the family's releases per Kubernetes version
            }
            Optional<BottlerocketVariants.Release> pinned = BottlerocketVariants.Release.parse(version());
            if (pinned.isEmpty()) {
                report("AMI alias " + alias + " names no Bottlerocket release (expected vX.Y.Z): Karpenter finds no"
                        + " SSM parameter for it and launches no node", "pin a release: " + suggestion(null));
                return;
            }
            if (record.isEmpty()) {
                report("no record of the Bottlerocket releases per Kubernetes version (" + BottlerocketVariants.FILE
                                + "): whether " + alias + " ships the variant of its cluster is not checked",
                        "record them in " + BottlerocketVariants.FILE + " (validator/rules/KARPENTER006/README.md)");
                return;
            }
            BottlerocketVariants r = record.get();
            if (pinned.get().compareTo(r.newest()) > 0) {
                report("Bottlerocket " + pinned.get() + " is newer than the newest release " + r.file() + " records ("
                                + r.newest() + "): which Kubernetes variants it ships is not known",
                        "add the release to " + r.file() + " with its source, or pin a recorded release");
                return;
            }
            targets.entrySet().stream().map(Map.Entry::getValue).distinct()
                    .forEach(k -> variant(r, pinned.get(), k, describe(k)));
        }

        private void variant(BottlerocketVariants r, BottlerocketVariants.Release pinned, String kubernetes,
                             String where) {
            Optional<BottlerocketVariants.Variant> row = r.find(kubernetes);
            if (row.isEmpty()) {
                report("Kubernetes " + kubernetes + " of " + where + " is not in " + r.file() + ": whether Bottlerocket "
                                + pinned + " ships aws-k8s-" + kubernetes + " is not known",
                        "add the row of Kubernetes " + kubernetes + " to " + r.file() + " with its source");
                return;
            }
            BottlerocketVariants.Variant v = row.get();
            if (v.shippedBy(pinned)) {
                return;
            }
            String missing = "/aws/service/bottlerocket/aws-k8s-" + kubernetes + "/<arch>/" + pinned.toString()
                    .substring(1) + "/image_id";
            String when = pinned.compareTo(v.first()) < 0 ? "the variant first shipped in " + v.first()
                    : "the variant was removed in " + v.removedIn();
            report("EC2NodeClass " + nodeClass.name() + " pins " + alias + ", which ships no aws-k8s-" + kubernetes
                            + " variant (" + when + ", " + r.file() + "), but runs on Kubernetes " + kubernetes + " in "
                            + where + ": Karpenter finds no SSM parameter " + missing
                            + ", resolves no AMI and launches no node",
                    v.removedIn() != null && pinned.compareTo(v.removedIn()) >= 0
                            ? "upgrade the cluster to a Kubernetes version " + pinned + " ships"
                            : "pin " + suggestion(v));
        }

        /** The clusters that run a Kubernetes version, for the message. */
        private String describe(String kubernetes) {
            return String.join(" and ", targets.entrySet().stream().filter(e -> e.getValue().equals(kubernetes))
                    .map(Map.Entry::getKey).toList());
        }

        /** What to pin: the variant's first release or later, up to the newest recorded. */
        private String suggestion(BottlerocketVariants.Variant v) {
            if (v == null || record.isEmpty()) {
                return BOTTLEROCKET + "@v<X.Y.Z>, a release that ships the aws-k8s variant of the cluster's Kubernetes"
                        + " version" + record.map(r -> " (" + r.file() + ")").orElse("");
            }
            return BOTTLEROCKET + "@" + v.first() + " or a later release up to " + record.get().newest() + " (the"
                    + " newest in " + record.get().file() + ")";
        }

        private void report(String message, String hint) {
            findings.at(AMI_ALIAS, nodeClass.source(), at, message, hint);
        }
    }
}
