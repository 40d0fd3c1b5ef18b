package dev.gitops.processor.storage;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.Delete;
import software.amazon.awssdk.services.s3.model.DeleteObjectsRequest;
import software.amazon.awssdk.services.s3.model.DeleteObjectsResponse;
import software.amazon.awssdk.services.s3.model.ListObjectVersionsResponse;
import software.amazon.awssdk.services.s3.model.ObjectIdentifier;
import software.amazon.awssdk.services.s3.model.S3Error;

/**
 * Deletes everything stored under a key prefix of one bucket: every version and delete marker where the
 * bucket keeps versions, the current objects where the store keeps none. Needs {@code s3:ListBucketVersions}
 * (or {@code s3:ListBucket} without versions) on the bucket and {@code s3:DeleteObjectVersion} (or
 * {@code s3:DeleteObject}) on its objects (processor/aws-actions.yaml).
 */
final class PrefixDeletion {
    /** Rounds of list-and-delete before objects that keep appearing under a deleted prefix are reported. */
    static final int DELETE_ROUNDS = 3;
    /** DeleteObjects takes at most this many keys per request. */
    private static final int DELETE_BATCH = 1000;

    private final S3Client s3;
    private final String bucket;

    PrefixDeletion(S3Client s3, String bucket) {
        this.s3 = s3;
        this.bucket = bucket;
    }

    /**
     * Deletes everything under {@code prefix}; the versions of the key {@code last} (if any) only after every
     * other key succeeded, so a failed deletion leaves that key (a document's record) for a retry to find.
     */
    void deleteEverythingUnder(String prefix, String last) {
        for (int round = 1; ; round++) {
            List<ObjectIdentifier> stored = storedUnder(prefix);
            if (stored.isEmpty()) return;
            if (round > DELETE_ROUNDS) {
                throw new DeletionIncompleteException("objects under " + prefix + " kept appearing while it was deleted",
                        stored.stream().map(PrefixDeletion::describe).toList());
            }
            deleteAll(stored.stream().filter(id -> !id.key().equals(last)).toList());
            deleteAll(stored.stream().filter(id -> id.key().equals(last)).toList());
        }
    }

    private void deleteAll(List<ObjectIdentifier> ids) {
        for (int from = 0; from < ids.size(); from += DELETE_BATCH) {
            deleteBatch(ids.subList(from, Math.min(ids.size(), from + DELETE_BATCH)));
        }
    }

    /** Every version and delete marker under the prefix; the current objects where the store keeps no versions. */
    private List<ObjectIdentifier> storedUnder(String prefix) {
        List<ObjectIdentifier> ids = new ArrayList<>();
        try {
            for (ListObjectVersionsResponse page : s3.listObjectVersionsPaginator(b -> b.bucket(bucket).prefix(prefix))) {
                page.versions().forEach(v -> ids.add(ObjectIdentifier.builder().key(v.key()).versionId(v.versionId()).build()));
                page.deleteMarkers().forEach(v -> ids.add(ObjectIdentifier.builder().key(v.key()).versionId(v.versionId()).build()));
            }
            return ids;
        } catch (RuntimeException e) {
            // 501 Not Implemented: a store without versions (S3Proxy). AWS S3 answers every bucket, versioned or
            // not, and a missing s3:ListBucketVersions is a 403 that fails the deletion like any other error.
            if (!S3Failures.isStatus(e, 501)) throw S3Failures.translate("list versions under " + prefix, e);
        }
        call("list " + prefix, () -> s3.listObjectsV2Paginator(b -> b.bucket(bucket).prefix(prefix)).contents()
                .stream().map(o -> ObjectIdentifier.builder().key(o.key()).build()).toList())
                .forEach(ids::add);
        return ids;
    }

    /** One DeleteObjects request; every key its answer lists under {@code Error} fails the deletion. */
    private void deleteBatch(List<ObjectIdentifier> ids) {
        DeleteObjectsResponse answer = call("delete " + ids.size() + " objects", () -> s3.deleteObjects(
                DeleteObjectsRequest.builder().bucket(bucket).delete(Delete.builder().objects(ids).quiet(true).build()).build()));
        if (answer.hasErrors() && !answer.errors().isEmpty()) {
            throw new DeletionIncompleteException("S3 did not delete " + answer.errors().size() + " of " + ids.size()
                    + " objects", answer.errors().stream().map(PrefixDeletion::describe).toList());
        }
    }

    private static String describe(ObjectIdentifier id) {
        return id.key() + (id.versionId() == null ? "" : " (version " + id.versionId() + ")");
    }

    private static String describe(S3Error error) {
        return error.key() + (error.versionId() == null ? "" : " (version " + error.versionId() + ")") + ": "
                + error.code() + (error.message() == null ? "" : " " + error.message());
    }

    private static <T> T call(String what, Supplier<T> action) {
        try {
            return action.get();
        } catch (RuntimeException e) {
            throw S3Failures.translate(what, e);
        }
    }
}
