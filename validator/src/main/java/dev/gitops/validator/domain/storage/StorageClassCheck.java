package dev.gitops.validator.domain.storage;

import static dev.gitops.validator.finding.Rule.error;

import dev.gitops.validator.check.Check;
import dev.gitops.validator.check.CheckContext;
import dev.gitops.validator.check.Findings;
import dev.gitops.validator.finding.Rule;
import dev.gitops.validator.domain.Topology;
import dev.gitops.validator.model.ArgoCd.Application;
import dev.gitops.validator.model.ArgoCd.Source;
import dev.gitops.validator.model.ModelKind;
import dev.gitops.validator.model.Models;
import dev.gitops.validator.resource.Resource;
import dev.gitops.validator.source.FieldPath;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Persistent storage resolves within each cluster's tree: every storage class a PersistentVolumeClaim, a
 * StatefulSet volumeClaimTemplate or a RabbitmqCluster names is a StorageClass of the same cluster
 * (STORAGE001); the provisioner of every StorageClass is installed in that cluster, by a CSIDriver object
 * or an Application installing the driver's chart (STORAGE002); and EBS classes encrypt with a named KMS
 * key (STORAGE003).
 */
public final class StorageClassCheck implements Check {

    public static final String CATEGORY = "storage";
    public static final Rule DEFINED = error("STORAGE001", CATEGORY);
    public static final Rule PROVISIONER = error("STORAGE002", CATEGORY);
    public static final Rule ENCRYPTED = error("STORAGE003", CATEGORY);

    static final String EBS = "ebs.csi.aws.com";
    /** CSI provisioner to the Helm charts that install it. */
    private static final Map<String, Set<String>> DRIVER_CHARTS = Map.of(
            EBS, Set.of("aws-ebs-csi-driver"),
            "efs.csi.aws.com", Set.of("aws-efs-csi-driver"));

    @Override
    public List<Rule> rules() {
        return List.of(DEFINED, PROVISIONER, ENCRYPTED);
    }

    @Override
    public void run(CheckContext context, Findings findings) {
        Topology topology = Topology.of(context.config(), context.resources());
        List<Resource> classes = context.resources().stream().filter(r -> "StorageClass".equals(r.kind())).toList();
        List<Application> apps = Models.of(context.resources()).all(ModelKind.APPLICATION);
        for (Resource r : context.resources()) {
            for (Claim c : claims(r)) {
                defined(r, c, classes, topology, findings);
            }
        }
        for (Resource sc : classes) {
            provisioner(sc, context.resources(), apps, topology, findings);
            encrypted(sc, findings);
        }
    }

    /** A storage class named at a path of a resource. */
    record Claim(String storageClass, FieldPath path) {
    }

    static List<Claim> claims(Resource r) {
        List<Claim> out = new ArrayList<>();
        switch (r.kind() == null ? "" : r.kind()) {
            case "PersistentVolumeClaim" -> add(out, r, FieldPath.of("spec", "storageClassName"));
            case "RabbitmqCluster" -> add(out, r, FieldPath.of("spec", "persistence", "storageClassName"));
            case "StatefulSet" -> {
                if (r.get("spec.volumeClaimTemplates") instanceof List<?> l) {
                    for (int i = 0; i < l.size(); i++) {
                        add(out, r, FieldPath.of("spec", "volumeClaimTemplates", i, "spec", "storageClassName"));
                    }
                }
            }
            default -> {
            }
        }
        return out;
    }

    private static void add(List<Claim> out, Resource r, FieldPath p) {
        if (r.get(p) instanceof String s && !s.isEmpty()) {
            out.add(new Claim(s, p));
        }
    }

    private void defined(Resource r, Claim c, List<Resource> classes, Topology topology, Findings f) {
        Set<String> clusters = topology.clustersOf(r);
        List<Resource> named = classes.stream().filter(sc -> c.storageClass().equals(sc.ref().name())).toList();
        List<String> missing = new ArrayList<>();
        if (clusters.isEmpty()) {
            if (named.isEmpty()) {
                missing.add("this tree");
            }
        } else {
            for (String cluster : clusters) {
                if (named.stream().noneMatch(sc -> topology.clustersOf(sc).isEmpty()
                        || topology.clustersOf(sc).contains(cluster))) {
                    missing.add("cluster " + cluster);
                }
            }
        }
        if (!missing.isEmpty()) {
            f.at(DEFINED, r, c.path(), r.kind() + " " + r.ref().name() + " asks for storage class '" + c.storageClass()
                            + "', which is not defined in " + String.join(", ", missing)
                            + ": its volumes stay Pending",
                    "add a StorageClass " + c.storageClass() + " (and its CSI driver) to the tree of every cluster "
                            + "that runs this resource");
        }
    }

    private void provisioner(Resource sc, List<Resource> resources, List<Application> apps, Topology topology,
                             Findings f) {
        if (!(sc.get("provisioner") instanceof String prov) || prov.startsWith("kubernetes.io/no-provisioner")) {
            return;
        }
        boolean csiDriver = resources.stream().anyMatch(r -> "CSIDriver".equals(r.kind())
                && prov.equals(r.ref().name()) && topology.sameCluster(sc, r));
        Set<String> charts = DRIVER_CHARTS.getOrDefault(prov, Set.of());
        boolean chart = apps.stream().anyMatch(a -> a.spec() != null && topology.sameCluster(sc, a.source())
                && a.spec().effectiveSources().stream().map(Source::chart)
                        .anyMatch(c -> c != null && charts.contains(c)));
        if (!csiDriver && !chart) {
            f.at(PROVISIONER, sc, FieldPath.of("provisioner"), "StorageClass " + sc.ref().name() + " uses provisioner "
                            + prov + ", which nothing in this cluster's tree installs: claims of this class stay Pending",
                    charts.isEmpty() ? "add the CSI driver (its chart, or its CSIDriver object) to the cluster's tree"
                            : "add an Application installing chart " + String.join(" or ", charts));
        }
    }

    private void encrypted(Resource sc, Findings f) {
        if (!EBS.equals(sc.get("provisioner"))) {
            return;
        }
        Object enc = sc.get("parameters.encrypted");
        Object key = sc.get("parameters.kmsKeyId");
        if (!"true".equals(enc)) {
            f.at(ENCRYPTED, sc, sc.get("parameters") == null ? FieldPath.of("provisioner")
                            : FieldPath.of("parameters"), "StorageClass " + sc.ref().name()
                            + " creates unencrypted EBS volumes (parameters.encrypted is not \"true\")",
                    "set parameters.encrypted: \"true\" and parameters.kmsKeyId to the cluster's KMS key ARN");
        } else if (!(key instanceof String k) || k.isBlank()) {
            f.at(ENCRYPTED, sc, FieldPath.of("parameters", "encrypted"), "StorageClass " + sc.ref().name()
                            + " encrypts with the account's default aws/ebs key, which cannot be shared, rotated "
                            + "or restricted by key policy",
                    "set parameters.kmsKeyId to the cluster's KMS key ARN");
        }
    }
}
