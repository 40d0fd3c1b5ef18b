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
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * STORAGE008: a bucket that workloads read does not archive its current objects out of reach. GetObject on
 * an object in GLACIER (Flexible Retrieval) or DEEP_ARCHIVE fails with 403 InvalidObjectState until a
 * RestoreObject has finished (minutes to 48 hours). So for every ACK {@code Bucket} of the tree whose enabled
 * lifecycle rules transition current versions ({@code transitions}) to one of those classes, every role an
 * EKS Pod Identity association of the infrastructure layer gives a workload, which allows {@code s3:GetObject}
 * on the bucket's objects but not {@code s3:RestoreObject}, is reported at the transition: that workload can
 * no longer read what it stored once the transition ran. GLACIER_IR (milliseconds, like STANDARD) and
 * non-current version transitions are fine.
 */
public final class ArchivedReadCheck implements Check {

    public static final Rule ARCHIVED_READ = error("STORAGE008", "storage");

    static final Set<String> RESTORE_ONLY = Set.of("GLACIER", "DEEP_ARCHIVE");
    private static final String S3 = "s3.services.k8s.aws";

    @Override
    public List<Rule> rules() {
        return List.of(ARCHIVED_READ);
    }

    @Override
    public void run(CheckContext context, Findings findings) {
        InfraLayer infra = InfraLayer.of(context);
        if (infra.associations().isEmpty()) {
            return;
        }
        for (Resource bucket : context.resources()) {
            if (!"Bucket".equals(bucket.kind()) || !S3.equals(bucket.ref().group())
                    || !(bucket.get(FieldPath.of("spec", "name")) instanceof String name)) {
                continue;
            }
            List<FieldPath> archiving = archivingTransitions(bucket);
            if (archiving.isEmpty()) {
                continue;
            }
            Map<Resource, Resource> readers = readersWithoutRestore(name, infra);
            if (readers.isEmpty()) {
                continue;
            }
            List<String> who = new ArrayList<>();
            List<Location> related = new ArrayList<>();
            readers.forEach((role, association) -> {
                who.add(role.get(FieldPath.of("spec", "name")) + " (" + association.get(FieldPath.of("spec", "namespace"))
                        + "/" + association.get(FieldPath.of("spec", "serviceAccount")) + ")");
                related.add(Findings.location(role, FieldPath.of("spec", "inlinePolicies"), "role "
                        + role.get(FieldPath.of("spec", "name"))));
            });
            for (FieldPath at : archiving) {
                findings.at(ARCHIVED_READ, bucket, at, "bucket " + name + " moves current objects to "
                                + bucket.get(at) + ", where GetObject fails with 403 InvalidObjectState until a"
                                + " RestoreObject finishes (minutes to hours), yet " + String.join(", ", who)
                                + " may read it with s3:GetObject but not s3:RestoreObject: from that day on, the"
                                + " workload cannot read what it stored",
                        "transition current versions to GLACIER_IR (millisecond reads) and keep GLACIER/DEEP_ARCHIVE"
                                + " for noncurrentVersionTransitions or the backup bucket; or restore before reading and"
                                + " allow s3:RestoreObject", related);
            }
        }
    }

    /** The storageClass fields of enabled lifecycle rules that move current versions to a restore-only class. */
    static List<FieldPath> archivingTransitions(Resource bucket) {
        List<FieldPath> out = new ArrayList<>();
        if (!(bucket.get(FieldPath.of("spec", "lifecycle", "rules")) instanceof List<?> rules)) {
            return out;
        }
        for (int i = 0; i < rules.size(); i++) {
            if (!(rules.get(i) instanceof Map<?, ?> rule) || !"Enabled".equals(rule.get("status"))
                    || !(rule.get("transitions") instanceof List<?> transitions)) {
                continue;
            }
            for (int j = 0; j < transitions.size(); j++) {
                if (transitions.get(j) instanceof Map<?, ?> t && t.get("storageClass") instanceof String cls
                        && RESTORE_ONLY.contains(cls.toUpperCase(Locale.ROOT))) {
                    out.add(FieldPath.of("spec", "lifecycle", "rules", i, "transitions", j, "storageClass"));
                }
            }
        }
        return out;
    }

    /** Roles (to one association that gives each) allowed GetObject on the bucket's objects but not RestoreObject. */
    private static Map<Resource, Resource> readersWithoutRestore(String bucket, InfraLayer infra) {
        Map<Resource, Resource> out = new LinkedHashMap<>();
        String objects = "arn:aws:s3:::" + bucket + "/*";
        for (Resource association : infra.associations()) {
            Resource role = RolePolicies.roleOf(association, infra);
            if (role == null || out.containsKey(role)) {
                continue;
            }
            List<JsonNode> statements = RolePolicies.statements(role, infra);
            boolean reads = RolePolicies.allows(statements, "s3:GetObject", objects)
                    || readsSomeObject(statements, "arn:aws:s3:::" + bucket + "/");
            if (reads && !RolePolicies.allows(statements, "s3:RestoreObject", objects)) {
                out.put(role, association);
            }
        }
        return out;
    }

    /** Whether an Allow of s3:GetObject names objects under a prefix of the bucket (not all of them). */
    private static boolean readsSomeObject(List<JsonNode> statements, String bucketPrefix) {
        return PolicyDocuments.allowedResources(statements, "s3:GetObject").stream()
                .anyMatch(r -> r.startsWith(bucketPrefix));
    }
}
