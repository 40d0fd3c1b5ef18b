package dev.gitops.processor.api;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.gitops.processor.config.ProcessorConfig;
import dev.gitops.processor.document.DocumentId;
import dev.gitops.processor.document.DocumentRecord;
import dev.gitops.processor.document.DocumentStatus;
import dev.gitops.processor.document.TenantId;
import dev.gitops.processor.queue.Broker;
import dev.gitops.processor.queue.WorkMessage;
import dev.gitops.processor.storage.DocumentStore;
import dev.gitops.processor.storage.IntegrityException;
import dev.gitops.processor.storage.Spool;
import dev.gitops.processor.storage.StorageUnavailableException;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * The public HTTP API, version 1 (see {@code openapi.yaml}, served at {@code /openapi}). Runs on the JDK's
 * HTTP server with one virtual thread per request; bodies are streamed, never buffered whole in memory.
 */
public final class HttpApi implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(HttpApi.class);
    private static final Logger ACCESS = LoggerFactory.getLogger("access");
    private static final Pattern DOCUMENT = Pattern.compile("/v1/documents/([^/]+)(/content|/text)?/?");
    private static final int MAX_PAGE = 100;
    private static final int DEFAULT_PAGE = 20;

    private final ProcessorConfig.Http config;
    private final DocumentStore store;
    private final Broker broker;
    private final Clock clock;
    private final MeterRegistry meters;
    private final BooleanSupplier draining;
    private final ObjectMapper json;
    private final SecureRandom random = new SecureRandom();
    private final DistributionSummary uploadBytes;
    private final byte[] openapi;
    private final HttpServer server;

    /** The API view of a record: the idempotency key hash stays internal. */
    abstract static class RecordView {
        @JsonIgnore
        abstract String idempotencyKeyHash();
    }

    public HttpApi(ProcessorConfig.Http config, DocumentStore store, Broker broker, Clock clock, MeterRegistry meters,
                   ObjectMapper storageJson, BooleanSupplier draining) throws IOException {
        this.config = config;
        this.store = store;
        this.broker = broker;
        this.clock = clock;
        this.meters = meters;
        this.draining = draining;
        this.json = storageJson.copy().addMixIn(DocumentRecord.class, RecordView.class);
        this.uploadBytes = DistributionSummary.builder("documents.upload.bytes").baseUnit("bytes")
                .description("Size of accepted uploads").publishPercentiles(0.5, 0.99).register(meters);
        try (InputStream in = HttpApi.class.getResourceAsStream("/openapi.yaml")) {
            this.openapi = in.readAllBytes();
        }
        this.server = HttpServer.create(new InetSocketAddress(config.host(), config.port()), 512);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/", this::handle);
    }

    public void start() {
        server.start();
    }

    public int port() {
        return server.getAddress().getPort();
    }

    @Override
    public void close() {
        server.stop(2);
    }

    private void handle(HttpExchange exchange) {
        long start = System.nanoTime();
        int status = 500;
        try {
            status = respond(exchange);
        } finally {
            exchange.close();
            ACCESS.info("{} {} {} {}ms", exchange.getRequestMethod(), exchange.getRequestURI().getPath(), status,
                    (System.nanoTime() - start) / 1_000_000);
            MDC.clear();
        }
    }

    /** Routes the request and turns every failure into a problem response; returns the status sent. */
    private int respond(HttpExchange exchange) {
        try {
            return route(exchange);
        } catch (Problem.Exception e) {
            return sendProblem(exchange, e.problem());
        } catch (StorageUnavailableException e) {
            LOG.warn("storage unavailable: {}", e.getMessage());
            return sendProblem(exchange, Problem.unavailable("Storage"));
        } catch (IntegrityException e) {
            LOG.error("integrity check failed: {}", e.getMessage());
            meters.counter("documents.integrity.failures").increment();
            return sendProblem(exchange, Problem.of(500, "integrity-check-failed", "Integrity check failed",
                    "The stored document failed authentication on decryption and was not returned."));
        } catch (IOException e) {
            LOG.debug("client connection: {}", e.toString());
            return 499;
        } catch (RuntimeException e) {
            LOG.error("unexpected error on {} {}", exchange.getRequestMethod(), exchange.getRequestURI().getPath(), e);
            return sendProblem(exchange, Problem.of(500, "internal-error", "Internal error",
                    "The request failed unexpectedly; it has been logged."));
        }
    }

    private int route(HttpExchange ex) throws IOException {
        String method = ex.getRequestMethod();
        String path = ex.getRequestURI().getPath();
        if (path.equals("/openapi") || path.equals("/openapi.yaml")) {
            requireMethod(method, "GET");
            return send(ex, 200, "application/yaml", openapi);
        }
        if (path.equals("/v1/documents") || path.equals("/v1/documents/")) {
            TenantId tenant = tenant(ex);
            return switch (method) {
                case "POST" -> upload(ex, tenant);
                case "GET" -> list(ex, tenant);
                default -> throw methodNotAllowed("GET, POST");
            };
        }
        Matcher m = DOCUMENT.matcher(path);
        if (m.matches()) {
            TenantId tenant = tenant(ex);
            DocumentId id = DocumentId.parse(m.group(1)).orElseThrow(() -> Problem.notFound().raise());
            MDC.put("documentId", id.value());
            String part = m.group(2);
            if (part == null) {
                return switch (method) {
                    case "GET" -> sendJson(ex, 200, record(tenant, id));
                    case "DELETE" -> delete(ex, tenant, id);
                    default -> throw methodNotAllowed("GET, DELETE");
                };
            }
            requireMethod(method, "GET");
            return part.equals("/content") ? content(ex, tenant, id) : text(ex, tenant, id);
        }
        throw Problem.of(404, "not-found", "Not found", "No such resource: " + path).raise();
    }

    // ---- handlers --------------------------------------------------------------------------------------

    private int upload(HttpExchange ex, TenantId tenant) throws IOException {
        if (draining.getAsBoolean()) {
            throw Problem.of(503, "draining", "Shutting down", "This instance is shutting down; retry.").raise();
        }
        String declared = Optional.ofNullable(ex.getRequestHeaders().getFirst("Content-Type"))
                .orElse("application/octet-stream");
        String lengthHeader = ex.getRequestHeaders().getFirst("Content-Length");
        if (lengthHeader != null) {
            try {
                if (Long.parseLong(lengthHeader.trim()) > config.maxUploadBytes()) throw tooLarge();
            } catch (NumberFormatException e) {
                throw Problem.of(400, "bad-request", "Bad request", "Content-Length is not a number.").raise();
            }
        }
        Optional<String> idempotencyKey = Optional.ofNullable(ex.getRequestHeaders().getFirst("Idempotency-Key"));
        if (idempotencyKey.isPresent() && (idempotencyKey.get().isBlank() || idempotencyKey.get().length() > 255)) {
            throw Problem.of(400, "bad-idempotency-key", "Bad Idempotency-Key",
                    "Idempotency-Key must be 1 to 255 characters.").raise();
        }
        try (Spool body = new Spool(config.spoolMemoryBytes(), config.maxUploadBytes())) {
            try (InputStream in = ex.getRequestBody()) {
                body.fill(in);
            } catch (Spool.TooLargeException e) {
                meters.counter("documents.uploaded", "result", "too_large").increment();
                throw tooLarge();
            }
            DocumentId id = DocumentId.generate(clock, random);
            Optional<String> keyHash = idempotencyKey.map(k -> sha256(tenant.value() + "\n" + k));
            if (keyHash.isPresent()) {
                Optional<DocumentId> existing = store.claimIdempotencyKey(tenant, keyHash.get(), id);
                if (existing.isPresent()) {
                    Optional<DocumentRecord> prior = store.getRecord(tenant, existing.get());
                    if (prior.isPresent()) return replay(ex, prior.get(), body.sha256Hex());
                    // A claim left by an upload that never completed: take it over.
                    store.releaseIdempotencyKey(tenant, keyHash.get());
                    if (store.claimIdempotencyKey(tenant, keyHash.get(), id).isPresent()) {
                        throw Problem.of(409, "conflict", "Conflict",
                                "Another upload with this Idempotency-Key is in progress.").raise();
                    }
                }
            }
            MDC.put("documentId", id.value());
            DocumentRecord record = DocumentRecord.queued(id, tenant, declared, body.size(), body.sha256Hex(),
                    keyHash.orElse(null), clock.instant());
            boolean stored = false;
            try {
                store.putOriginal(tenant, id, body, declared);
                store.putRecord(record);
                stored = true;
                broker.publishWork(new WorkMessage(tenant, id));
            } catch (Broker.PublishException | InterruptedException | RuntimeException e) {
                if (e instanceof InterruptedException) Thread.currentThread().interrupt();
                undo(tenant, id, keyHash, stored);
                meters.counter("documents.uploaded", "result", "unavailable").increment();
                if (e instanceof Broker.PublishException) {
                    LOG.warn("broker did not take the work message: {}", e.getMessage());
                    throw Problem.unavailable("The work queue").raise();
                }
                if (e instanceof RuntimeException r) throw r;
                throw Problem.unavailable("The work queue").raise();
            }
            meters.counter("documents.uploaded", "result", "accepted").increment();
            uploadBytes.record(body.size());
            LOG.info("document accepted: {} bytes, declared {}", body.size(), declared);
            ex.getResponseHeaders().set("Location", "/v1/documents/" + id.value());
            return sendJson(ex, 202, record);
        }
    }

    private int replay(HttpExchange ex, DocumentRecord prior, String sha256) throws IOException {
        if (!prior.sha256().equals(sha256)) {
            throw Problem.of(422, "idempotency-key-reused", "Idempotency-Key reused",
                    "This Idempotency-Key was used for a different document.").raise();
        }
        meters.counter("documents.uploaded", "result", "replayed").increment();
        ex.getResponseHeaders().set("Location", "/v1/documents/" + prior.id());
        ex.getResponseHeaders().set("Idempotent-Replayed", "true");
        return sendJson(ex, 202, prior);
    }

    /** Best-effort removal of a half-finished upload, so nothing is left behind. */
    private void undo(TenantId tenant, DocumentId id, Optional<String> keyHash, boolean recordStored) {
        try {
            store.delete(tenant, id, keyHash);
        } catch (RuntimeException e) {
            LOG.warn("could not remove the incomplete upload {} (record stored: {}): {}", id, recordStored, e.getMessage());
        }
    }

    private DocumentRecord record(TenantId tenant, DocumentId id) {
        return store.getRecord(tenant, id).orElseThrow(() -> Problem.notFound().raise());
    }

    private int list(HttpExchange ex, TenantId tenant) throws IOException {
        Map<String, String> query = query(ex.getRequestURI());
        int limit = DEFAULT_PAGE;
        if (query.containsKey("limit")) {
            try {
                limit = Integer.parseInt(query.get("limit"));
            } catch (NumberFormatException e) {
                limit = -1;
            }
            if (limit < 1 || limit > MAX_PAGE) {
                throw Problem.of(400, "bad-request", "Bad request", "limit must be between 1 and " + MAX_PAGE + ".").raise();
            }
        }
        Optional<DocumentId> cursor = Optional.empty();
        if (query.containsKey("cursor")) {
            try {
                String decoded = new String(Base64.getUrlDecoder().decode(query.get("cursor")), StandardCharsets.UTF_8);
                cursor = Optional.of(DocumentId.parse(decoded).orElseThrow(IllegalArgumentException::new));
            } catch (IllegalArgumentException e) {
                throw Problem.of(400, "bad-cursor", "Bad cursor", "The cursor is not one this API returned.").raise();
            }
        }
        DocumentStore.Page page = store.list(tenant, cursor, limit);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("documents", page.documents());
        page.next().ifPresent(next -> {
            String c = Base64.getUrlEncoder().withoutPadding().encodeToString(next.value().getBytes(StandardCharsets.UTF_8));
            body.put("nextCursor", c);
            ex.getResponseHeaders().set("Link", "</v1/documents?limit=" + page.documents().size() + "&cursor=" + c + ">; rel=\"next\"");
        });
        return sendJson(ex, 200, body);
    }

    private int content(HttpExchange ex, TenantId tenant, DocumentId id) throws IOException {
        DocumentRecord record = record(tenant, id);
        try (Spool original = store.readOriginal(tenant, id, record.size()).orElseThrow(() -> Problem.notFound().raise())) {
            ex.getResponseHeaders().set("Content-Type", record.declaredMediaType());
            ex.getResponseHeaders().set("X-Content-Type-Options", "nosniff");
            ex.getResponseHeaders().set("Content-Disposition", "attachment");
            ex.getResponseHeaders().set("Digest", "sha-256=" + Base64.getEncoder().encodeToString(HexFormat.of().parseHex(record.sha256())));
            ex.sendResponseHeaders(200, original.size() == 0 ? -1 : original.size());
            try (InputStream in = original.open(); OutputStream out = ex.getResponseBody()) {
                in.transferTo(out);
            }
            return 200;
        }
    }

    private int text(HttpExchange ex, TenantId tenant, DocumentId id) throws IOException {
        DocumentRecord record = record(tenant, id);
        if (record.status() != DocumentStatus.DONE) {
            throw Problem.of(409, "text-not-available", "Text not available",
                    "The document is " + record.status().wire() + "; text exists only once it is done.")
                    .with(Map.of("documentStatus", record.status().wire())).raise();
        }
        try (Spool text = store.readText(tenant, id, record.textLength() == null ? Long.MAX_VALUE / 8 : record.textLength()).orElseThrow(() -> Problem.notFound().raise())) {
            ex.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
            ex.sendResponseHeaders(200, text.size() == 0 ? -1 : text.size());
            try (InputStream in = text.open(); OutputStream out = ex.getResponseBody()) {
                in.transferTo(out);
            }
            return 200;
        }
    }

    private int delete(HttpExchange ex, TenantId tenant, DocumentId id) throws IOException {
        DocumentRecord record = record(tenant, id);
        boolean shredded = store.delete(tenant, id, Optional.ofNullable(record.idempotencyKeyHash()));
        meters.counter("documents.deleted").increment();
        LOG.info("document deleted (all versions removed: {})", shredded);
        ex.sendResponseHeaders(204, -1);
        return 204;
    }

    // ---- helpers ---------------------------------------------------------------------------------------

    private TenantId tenant(HttpExchange ex) {
        String raw = ex.getRequestHeaders().getFirst(config.tenantHeader());
        if (raw == null || raw.isBlank()) {
            if (config.developmentTenant().isPresent()) return new TenantId(config.developmentTenant().get());
            throw Problem.of(401, "missing-tenant", "Unauthenticated",
                    "The request carries no " + config.tenantHeader() + " header; call the API through the gateway.").raise();
        }
        TenantId tenant = TenantId.parse(raw.trim()).orElseThrow(() -> Problem.of(400, "bad-tenant", "Bad tenant",
                "The " + config.tenantHeader() + " header is not a valid tenant id.").raise());
        MDC.put("tenant", tenant.value());
        return tenant;
    }

    private static Problem.Exception tooLarge() {
        return Problem.of(413, "too-large", "Document too large", "The document exceeds the maximum upload size; nothing was stored.").raise();
    }

    private static void requireMethod(String method, String allowed) {
        if (!method.equals(allowed)) throw methodNotAllowed(allowed);
    }

    private static Problem.Exception methodNotAllowed(String allowed) {
        return Problem.of(405, "method-not-allowed", "Method not allowed", "Allowed: " + allowed + ".")
                .with(Map.of("allow", allowed)).raise();
    }

    private int sendJson(HttpExchange ex, int status, Object body) throws IOException {
        return send(ex, status, "application/json", json.writeValueAsBytes(body));
    }

    private int sendProblem(HttpExchange ex, Problem p) {
        try {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("type", p.type());
            body.put("title", p.title());
            body.put("status", p.status());
            body.put("detail", p.detail());
            body.put("instance", ex.getRequestURI().getPath());
            body.putAll(p.extensions());
            if (p.status() == 503) ex.getResponseHeaders().set("Retry-After", "5");
            if (p.status() == 405) ex.getResponseHeaders().set("Allow", String.valueOf(p.extensions().get("allow")));
            return send(ex, p.status(), "application/problem+json", json.writeValueAsBytes(body));
        } catch (IOException e) {
            return p.status();
        }
    }

    private static int send(HttpExchange ex, int status, String type, byte[] body) throws IOException {
        ex.getResponseHeaders().set("Content-Type", type);
        ex.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        if (body.length > 0) {
            try (OutputStream out = ex.getResponseBody()) {
                out.write(body);
            }
        }
        return status;
    }

    private static Map<String, String> query(URI uri) {
        Map<String, String> out = new LinkedHashMap<>();
        String q = uri.getRawQuery();
        if (q == null) return out;
        for (String pair : q.split("&")) {
            int eq = pair.indexOf('=');
            String k = java.net.URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String v = eq < 0 ? "" : java.net.URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            out.putIfAbsent(k.toLowerCase(Locale.ROOT), v);
        }
        return out;
    }

    private static String sha256(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
