package dev.gitops.processor.storage;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gitops.processor.document.DocumentId;
import dev.gitops.processor.document.DocumentRecord;
import dev.gitops.processor.document.TenantId;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.model.CommonPrefix;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.S3Object;
import software.amazon.awssdk.services.s3.model.ServerSideEncryption;

/**
 * The documents of all tenants in one bucket. Every object body is encrypted client-side with its own data
 * key (Amazon S3 Encryption Client); the layout keeps each tenant under its own prefix:
 * <pre>
 *   tenants/{tenant}/documents/{id}/original   the uploaded bytes
 *   tenants/{tenant}/documents/{id}/record     the status and metadata (JSON)
 *   tenants/{tenant}/documents/{id}/text       the extracted text (UTF-8)
 *   tenants/{tenant}/idempotency/{sha256}      an Idempotency-Key claim: the document id (JSON)
 * </pre>
 * A tenant can only name keys under its own prefix, so another tenant's document is simply not found.
 */
public final class DocumentStore {
    private final S3Clients s3;
    private final String bucket;
    private final Optional<String> sse;
    private final Optional<String> sseKmsKeyId;
    private final ObjectMapper json;
    private final int spoolMemoryBytes;
    private final ExecutorService fanOut = Executors.newVirtualThreadPerTaskExecutor();
    private final PrefixDeletion deletion;
    /** Objects up to this size are decrypted in memory, authenticated before use. */
    static final long BUFFERED_READ_LIMIT = 8L * 1024 * 1024;
    /** Attempts of one encrypted put when S3 cannot be reached (each attempt encrypts anew). */
    static final int PUT_ATTEMPTS = 3;

    public DocumentStore(S3Clients s3, String bucket, Optional<String> sse, Optional<String> sseKmsKeyId,
                         ObjectMapper json, int spoolMemoryBytes) {
        this.s3 = s3;
        this.bucket = bucket;
        this.sse = sse;
        this.sseKmsKeyId = sseKmsKeyId;
        this.json = json;
        this.spoolMemoryBytes = spoolMemoryBytes;
        this.deletion = new PrefixDeletion(s3.plain(), bucket);
    }

    /** A page of a tenant's documents, oldest first; {@code next} is the cursor of the following page. */
    public record Page(List<DocumentRecord> documents, Optional<DocumentId> next) {}

    public String bucket() {
        return bucket;
    }

    static String documentPrefix(TenantId tenant) {
        return "tenants/" + tenant.value() + "/documents/";
    }

    static String key(TenantId tenant, DocumentId id, String part) {
        return documentPrefix(tenant) + id.value() + "/" + part;
    }

    static String idempotencyKey(TenantId tenant, String keyHash) {
        return "tenants/" + tenant.value() + "/idempotency/" + keyHash;
    }

    // ---- originals ------------------------------------------------------------------------------------

    /** Stores the original bytes; never overwrites an existing original. */
    public void putOriginal(TenantId tenant, DocumentId id, Spool content, String contentType) {
        PutObjectRequest.Builder put = PutObjectRequest.builder()
                .bucket(bucket).key(key(tenant, id, "original"))
                .contentType("application/octet-stream")
                .ifNoneMatch("*")
                .metadata(Map.of("declared-content-type", sanitizeHeader(contentType)));
        try {
            put(put, RequestBody.fromContentProvider(content::open, content.size(), "application/octet-stream"),
                    "store original " + id);
        } catch (RuntimeException e) {
            // Document ids are new for every upload, so an existing original can only be this upload's own:
            // an attempt whose answer was lost reached S3 before the retry did.
            if (!S3Failures.isStatus(e, 412)) throw e;
        }
    }

    /**
     * Decrypts the original into a spool. The spool is returned only after the stream reached its end and
     * the authentication tag verified, so tampered content is never handed on.
     */
    public Optional<Spool> readOriginal(TenantId tenant, DocumentId id, long size) {
        return readInto(key(tenant, id, "original"), size, size, "read original " + id);
    }

    // ---- records -------------------------------------------------------------------------------------

    public void putRecord(DocumentRecord record) {
        byte[] body = writeJson(record);
        put(PutObjectRequest.builder().bucket(bucket).key(key(record.tenantId(), record.documentId(), "record"))
                .contentType("application/json"), RequestBody.fromBytes(body), "store record " + record.id());
    }

    public Optional<DocumentRecord> getRecord(TenantId tenant, DocumentId id) {
        return readSmall(key(tenant, id, "record"), "read record " + id)
                .map(bytes -> readJson(bytes, DocumentRecord.class));
    }

    // ---- text ----------------------------------------------------------------------------------------

    /** Stores the extracted text once; returns false when a text was already stored (a redelivery). */
    public boolean putTextOnce(TenantId tenant, DocumentId id, Spool text) {
        try {
            put(PutObjectRequest.builder().bucket(bucket).key(key(tenant, id, "text"))
                            .contentType("text/plain; charset=utf-8").ifNoneMatch("*"),
                    RequestBody.fromContentProvider(text::open, text.size(), "text/plain"), "store text " + id);
            return true;
        } catch (RuntimeException e) {
            if (S3Failures.isStatus(e, 412)) return false;
            throw e;
        }
    }

    /** The stored text; {@code characters} (from the record) chooses how it is decrypted. */
    public Optional<Spool> readText(TenantId tenant, DocumentId id, long characters) {
        return readInto(key(tenant, id, "text"), Math.multiplyExact(Math.max(characters, 1), 4L), 0, "read text " + id);
    }

    /** Whether the document still exists (its record), without reading it. */
    public boolean exists(TenantId tenant, DocumentId id) {
        try {
            s3.plain().headObject(b -> b.bucket(bucket).key(key(tenant, id, "record")));
            return true;
        } catch (RuntimeException e) {
            if (S3Failures.isNotFound(e)) return false;
            throw S3Failures.translate("head record " + id, e);
        }
    }

    // ---- idempotency keys ----------------------------------------------------------------------------

    /**
     * Claims an idempotency key for {@code id}. Returns empty when the claim is ours, or the document that
     * already holds the key.
     */
    public Optional<DocumentId> claimIdempotencyKey(TenantId tenant, String keyHash, DocumentId id) {
        String key = idempotencyKey(tenant, keyHash);
        byte[] body = writeJson(Map.of("documentId", id.value()));
        try {
            put(PutObjectRequest.builder().bucket(bucket).key(key).contentType("application/json").ifNoneMatch("*"),
                    RequestBody.fromBytes(body), "claim idempotency key");
            return Optional.empty();
        } catch (RuntimeException e) {
            if (!S3Failures.isStatus(e, 412)) throw e;
        }
        // A retried claim whose first attempt landed finds its own document: the claim is ours.
        return findIdempotencyKey(tenant, keyHash).filter(holder -> !holder.equals(id));
    }

    public Optional<DocumentId> findIdempotencyKey(TenantId tenant, String keyHash) {
        return readSmall(idempotencyKey(tenant, keyHash), "read idempotency key")
                .map(bytes -> DocumentId.parse(String.valueOf(readJson(bytes, Map.class).get("documentId"))).orElseThrow());
    }

    public void releaseIdempotencyKey(TenantId tenant, String keyHash) {
        deletion.deleteEverythingUnder(idempotencyKey(tenant, keyHash), "");
    }

    // ---- listing and deletion ------------------------------------------------------------------------

    /** The tenant's documents after {@code cursor} (exclusive), oldest first, at most {@code limit}. */
    public Page list(TenantId tenant, Optional<DocumentId> cursor, int limit) {
        String prefix = documentPrefix(tenant);
        List<DocumentId> ids = new ArrayList<>();
        String startAfter = cursor.map(c -> prefix + c.value() + "/~").orElse(null);
        // Each document is one common prefix, and S3 counts common prefixes against maxKeys.
        ListObjectsV2Response page = call("list documents", () -> s3.plain().listObjectsV2(b -> {
            b.bucket(bucket).prefix(prefix).delimiter("/").maxKeys(limit + 1);
            if (startAfter != null) b.startAfter(startAfter);
        }));
        for (CommonPrefix p : page.commonPrefixes()) {
            String rest = p.prefix().substring(prefix.length());
            DocumentId.parse(rest.endsWith("/") ? rest.substring(0, rest.length() - 1) : rest).ifPresent(ids::add);
        }
        boolean hasMore = ids.size() > limit;
        List<DocumentId> pageIds = ids.subList(0, Math.min(limit, ids.size()));
        List<Future<Optional<DocumentRecord>>> reads = pageIds.stream()
                .map(id -> fanOut.submit(() -> getRecord(tenant, id))).toList();
        List<DocumentRecord> records = new ArrayList<>();
        for (Future<Optional<DocumentRecord>> f : reads) {
            try {
                f.get().ifPresent(records::add);
            } catch (java.util.concurrent.ExecutionException e) {
                throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new StorageUnavailableException("interrupted", e);
            }
        }
        Optional<DocumentId> next = hasMore && !pageIds.isEmpty() ? Optional.of(pageIds.getLast()) : Optional.empty();
        return new Page(records, next);
    }

    /**
     * Removes every object of a document and its idempotency claim from this bucket: where the bucket keeps
     * versions, every version and delete marker (ListObjectVersions, then DeleteObjects by version id), so no
     * earlier version stays readable here; where the store keeps none, the current objects. A key the
     * DeleteObjects answer reports as not deleted fails the deletion ({@link DeletionIncompleteException},
     * naming the keys; the record is deleted last, so the document is still found and a retry finishes), as do versions that keep appearing (a worker writing the record meanwhile) after
     * {@link PrefixDeletion#DELETE_ROUNDS} rounds.
     *
     * <p>Only this bucket: replicas that S3 replication copied elsewhere (the backup bucket) are not
     * touched, because S3 does not replicate a deletion that names a version id.
     */
    public void delete(TenantId tenant, DocumentId id, Optional<String> idempotencyKeyHash) {
        // The record goes last: while it exists, the document is found and a retried deletion finishes the job.
        idempotencyKeyHash.ifPresent(h -> deletion.deleteEverythingUnder(idempotencyKey(tenant, h), ""));
        deletion.deleteEverythingUnder(documentPrefix(tenant) + id.value() + "/", key(tenant, id, "record"));
    }

    /** Every object key under a tenant's prefix (for tests and operators). */
    public List<String> allKeys(String prefix) {
        List<String> keys = new ArrayList<>();
        s3.plain().listObjectsV2Paginator(b -> b.bucket(bucket).prefix(prefix))
                .contents().forEach((S3Object o) -> keys.add(o.key()));
        return keys;
    }

    /** A cheap round trip to the bucket, for readiness. */
    public void ping() {
        call("head bucket", () -> s3.plain().headBucket(b -> b.bucket(bucket)));
    }

    public void createBucketIfMissing() {
        try {
            s3.plain().headBucket(b -> b.bucket(bucket));
        } catch (RuntimeException e) {
            if (!S3Failures.isNotFound(e)) throw S3Failures.translate("head bucket", e);
            call("create bucket", () -> s3.plain().createBucket(b -> b.bucket(bucket)));
        }
    }

    // ---- plumbing ------------------------------------------------------------------------------------

    /**
     * Puts one encrypted object. Each attempt is a new {@code putObject} call, so it encrypts under a new data
     * key and IV: the SDK's own retry would send the same encrypted body again, which AES-GCM forbids (the
     * retry then fails with "Must use either different key or iv"), so transport failures are retried here.
     * The body must be re-readable ({@link RequestBody#fromBytes}, {@link RequestBody#fromContentProvider}).
     */
    private void put(PutObjectRequest.Builder request, RequestBody body, String what) {
        sse.ifPresent(mode -> {
            request.serverSideEncryption(ServerSideEncryption.fromValue(mode));
            sseKmsKeyId.ifPresent(request::ssekmsKeyId);
        });
        for (int attempt = 1; ; attempt++) {
            try {
                call(what, () -> s3.encrypting().putObject(request.build(), body));
                return;
            } catch (StorageUnavailableException e) {
                if (attempt >= PUT_ATTEMPTS) throw e;
                pause(Duration.ofMillis(50L << attempt), e);
            }
        }
    }

    private static void pause(Duration backoff, StorageUnavailableException cause) {
        try {
            Thread.sleep(backoff);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            cause.addSuppressed(e);
            throw cause;
        }
    }

    private Optional<byte[]> readSmall(String key, String what) {
        return readInto(key, 1024L * 1024, 0, what).map(spool -> {
            try (spool) {
                return spool.toByteArray();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    /**
     * Decrypts an object into a spool. Objects up to {@link #BUFFERED_READ_LIMIT} (by the expected size) go
     * through the buffered mode, which authenticates before releasing anything; larger ones stream with
     * delayed authentication, and the spool is handed on only after the tag verified at the end.
     * {@code exactSize}, when known (else 0), sizes the spool's memory buffer once.
     */
    private Optional<Spool> readInto(String key, long expectedSize, long exactSize, String what) {
        Spool spool = new Spool(spoolMemoryBytes, Long.MAX_VALUE, exactSize);
        var client = expectedSize <= BUFFERED_READ_LIMIT ? s3.encrypting() : s3.streaming();
        try (ResponseInputStream<GetObjectResponse> in =
                     client.getObject(GetObjectRequest.builder().bucket(bucket).key(key).build())) {
            spool.fill(in);
            return Optional.of(spool);
        } catch (Spool.TooLargeException e) {
            spool.close();
            throw new IntegrityException(what + ": stored object is larger than expected", e);
        } catch (IOException | RuntimeException e) {
            spool.close();
            if (S3Failures.isNotFound(e)) return Optional.empty();
            throw S3Failures.translate(what, e);
        }
    }

    private <T> T call(String what, java.util.function.Supplier<T> action) {
        try {
            return action.get();
        } catch (RuntimeException e) {
            if (S3Failures.isStatus(e, 412)) throw e;
            throw S3Failures.translate(what, e);
        }
    }

    private byte[] writeJson(Object value) {
        try {
            return json.writeValueAsBytes(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private <T> T readJson(byte[] bytes, Class<T> type) {
        try {
            return json.readValue(bytes, type);
        } catch (IOException e) {
            throw new IntegrityException("stored JSON is unreadable", e);
        }
    }

    private static String sanitizeHeader(String value) {
        String v = value == null ? "" : value;
        StringBuilder b = new StringBuilder();
        for (char c : v.toCharArray()) if (c >= 0x20 && c < 0x7f) b.append(c);
        return b.length() > 200 ? b.substring(0, 200) : b.toString();
    }

    public void close() {
        fanOut.close();
    }
}
