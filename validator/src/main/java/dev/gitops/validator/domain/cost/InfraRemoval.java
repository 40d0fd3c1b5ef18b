package dev.gitops.validator.domain.cost;

import dev.gitops.validator.check.Findings;
import dev.gitops.validator.domain.Topology;
import dev.gitops.validator.domain.ack.AckDeletionPolicy;
import dev.gitops.validator.finding.Location;
import dev.gitops.validator.model.ModelKind;
import dev.gitops.validator.resource.Resource;
import dev.gitops.validator.source.FieldPath;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * COST004 for the second step of a shutdown: removing a cluster's infra folder
 * ({@code release.shutdownInfra}) deletes every AWS resource it declares.
 *
 * <p>The management Argo CD prunes the folder's objects and each ACK controller then deletes or keeps
 * the AWS resource by the effective deletion policy ({@link AckDeletionPolicy}). A retained EKS
 * cluster, node group, collector or queue keeps billing while the cost report prices the cluster at
 * nothing, and the release that restores the folder from history fails to create it again (it
 * exists; nothing adopts it). The one exception is a resource AWS does not charge for that the
 * restored folder adopts ({@code adoption-policy: adopt-or-create} with {@code adoption-fields}): a
 * security group whose id the tree names, for instance, which a re-created cluster then finds again.
 */
final class InfraRemoval {

    /** ACK kinds AWS does not charge for (EC2 security groups, IAM roles and policies), as group/kind. */
    static final Set<String> NO_CHARGE = Set.of("ec2.services.k8s.aws/SecurityGroup", "iam.services.k8s.aws/Role",
            "iam.services.k8s.aws/Policy");
    static final String ADOPTION_POLICY = "services.k8s.aws/adoption-policy";
    static final String ADOPTION_FIELDS = "services.k8s.aws/adoption-fields";

    private InfraRemoval() {
    }

    static void check(String infra, List<Resource> resources, Topology topology, Findings f) {
        if (infra.isEmpty()) {
            return;
        }
        Resource deployer = deployer(infra, resources);
        AckDeletionPolicy.Resolver policies = new AckDeletionPolicy.Resolver(resources, topology);
        for (Resource r : resources) {
            if (!r.file().displayName().startsWith(infra + "/") || !AckDeletionPolicy.isAck(r)) {
                continue;
            }
            AckDeletionPolicy policy = policies.of(r, deployer);
            if (!policy.retains() || adoptedWithoutCharge(r)) {
                continue;
            }
            List<Location> related = new ArrayList<>(policy.locations());
            String fix = NO_CHARGE.contains(r.ref().group() + "/" + r.kind())
                    ? "annotate it services.k8s.aws/deletion-policy: delete, or keep it retained with "
                    + ADOPTION_POLICY + ": adopt-or-create and its " + ADOPTION_FIELDS + " so the restored folder adopts it"
                    : "annotate it services.k8s.aws/deletion-policy: delete";
            f.at(ShutdownCheck.REMOVAL_WORKS, r, at(r, policy), r.ref().display() + " is under " + infra
                            + "/, which ./gitops shutdown removes, but ACK retains it (" + policy.source() + " is retain): "
                            + "the AWS resource outlives the shutdown, "
                            + (NO_CHARGE.contains(r.ref().group() + "/" + r.kind()) ? ""
                            : "whatever AWS bills for it goes on while the cost report prices the cluster at 0.00, ")
                            + "and the release that restores the folder fails to create it again (it exists, nothing "
                            + "adopts it)", fix, related);
        }
    }

    /** Where a finding about a resource's policy points: its annotation, or its name when it has none. */
    static FieldPath at(Resource r, AckDeletionPolicy policy) {
        return policy.where() == r ? policy.path() : FieldPath.of("metadata", "name");
    }

    /** A retained resource that costs nothing and that the restored folder adopts. */
    private static boolean adoptedWithoutCharge(Resource r) {
        return NO_CHARGE.contains(r.ref().group() + "/" + r.kind())
                && "adopt-or-create".equals(r.get(FieldPath.of("metadata", "annotations", ADOPTION_POLICY)))
                && r.get(FieldPath.of("metadata", "annotations", ADOPTION_FIELDS)) instanceof String fields
                && fields.strip().startsWith("{") && !fields.replaceAll("\\s", "").equals("{}");
    }

    /** The Application that syncs the folder (its source path is the folder or one above it). */
    private static Resource deployer(String infra, List<Resource> resources) {
        for (Resource a : resources) {
            if (ModelKind.APPLICATION.matches(a) && ShutdownCheck.sourcePaths(a).stream()
                    .anyMatch(p -> infra.equals(p) || infra.startsWith(p + "/"))) {
                return a;
            }
        }
        return null;
    }
}
