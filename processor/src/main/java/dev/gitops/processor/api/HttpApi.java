package dev.gitops.processor.api;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.gitops.processor.config.ProcessorConfig;
import dev.gitops.processor.document.DocumentId;
import dev.gitops.processor.document.DocumentRecord;
import dev.gitops.processor.document.TenantId;
import dev.gitops.processor.service.Content;
import dev.gitops.processor.service.DocumentProblem;
import dev.gitops.processor.service.DocumentService;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.Executors;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * The public HTTP API, version 1, a thin adapter over {@link DocumentService} (see {@code openapi.yaml}, served at {@code /openapi}). Runs on the JDK's
 * HTTP server with one virtual thread per request; bodies are streamed, never buffered whole in memory.
 */
public final class HttpApi implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(HttpApi.class);
    private static final Logger ACCESS = LoggerFactory.getLogger("access");
    private static final Pattern DOCUMENT = Pattern.compile("/v1/documents/([^/]+)(/content|/text)?/?");
    private static final int MAX_PAGE = 100;
    private static final int DEFAULT_PAGE = 20;

    private final ProcessorConfig.Http config;
    private final DocumentService documents;
    private final BooleanSupplier draining;
    private final ObjectMapper json;
    private final byte[] openapi;
    private final HttpServer server;

    /** The API view of a record: the idempotency key hash stays internal. */
    abstract static class RecordView {
        @JsonIgnore
        abstract String idempotencyKeyHash();
    }

    public HttpApi(ProcessorConfig.Http config, DocumentService documents, ObjectMapper storageJson,
                   BooleanSupplier draining) throws IOException {
        this.config = config;
        this.documents = documents;
        this.draining = draining;
        this.json = storageJson.copy().addMixIn(DocumentRecord.class, RecordView.class);
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
        } catch (DocumentProblem e) {
            return sendProblem(exchange, Problem.of(e));
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
                    case "GET" -> sendJson(ex, 200, documents.get(tenant, id));
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
        OptionalLong length = OptionalLong.empty();
        String lengthHeader = ex.getRequestHeaders().getFirst("Content-Length");
        if (lengthHeader != null) {
            try {
                length = OptionalLong.of(Long.parseLong(lengthHeader.trim()));
            } catch (NumberFormatException e) {
                throw Problem.of(400, "bad-request", "Bad request", "Content-Length is not a number.").raise();
            }
        }
        Optional<String> idempotencyKey = Optional.ofNullable(ex.getRequestHeaders().getFirst("Idempotency-Key"));
        DocumentService.Accepted accepted = documents.upload(
                new DocumentService.Upload(tenant, declared, length, idempotencyKey), ex.getRequestBody());
        DocumentRecord record = accepted.document();
        ex.getResponseHeaders().set("Location", "/v1/documents/" + record.id());
        if (accepted.replayed()) ex.getResponseHeaders().set("Idempotent-Replayed", "true");
        return sendJson(ex, 202, record);
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
        DocumentService.Page page = documents.list(tenant, cursor, limit);
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
        DocumentService.Original original = documents.original(tenant, id);
        try (Content content = original.content()) {
            ex.getResponseHeaders().set("X-Content-Type-Options", "nosniff");
            ex.getResponseHeaders().set("Content-Disposition", "attachment");
            ex.getResponseHeaders().set("Digest", "sha-256=" + Base64.getEncoder().encodeToString(
                    HexFormat.of().parseHex(original.record().sha256())));
            return stream(ex, content);
        }
    }

    private int text(HttpExchange ex, TenantId tenant, DocumentId id) throws IOException {
        try (Content text = documents.text(tenant, id)) {
            return stream(ex, text);
        }
    }

    private int delete(HttpExchange ex, TenantId tenant, DocumentId id) throws IOException {
        documents.delete(tenant, id);
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

    private static int stream(HttpExchange ex, Content content) throws IOException {
        ex.getResponseHeaders().set("Content-Type", content.mediaType());
        ex.sendResponseHeaders(200, content.size() == 0 ? -1 : content.size());
        try (InputStream in = content.open(); OutputStream out = ex.getResponseBody()) {
            in.transferTo(out);
        }
        return 200;
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
            // The rest of a refused body is read and discarded (LingeringClose), but not kept reading for: the client
            // is told to open a new connection for its next request.
            if (p.status() == 413) ex.getResponseHeaders().set("Connection", "close");
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
                out.flush();
                // Before the close: closing the answer ends the exchange and drops the connection if the body is unread.
                LingeringClose.DEFAULT.discard(ex.getRequestBody());
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
}
