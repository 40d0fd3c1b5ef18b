package dev.gitops.processor.management;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.Executors;

/**
 * The management port: probes ({@code /health/live}, {@code /health/ready}, {@code /health/started}) and
 * Prometheus metrics ({@code /metrics}). Kept off the public port so the gateway never exposes it.
 */
public final class ManagementServer implements AutoCloseable {
    private final HttpServer server;
    private final Health health;
    private final PrometheusMeterRegistry registry;
    private final ObjectMapper json = new ObjectMapper();

    public ManagementServer(String host, int port, Health health, PrometheusMeterRegistry registry) throws IOException {
        this.health = health;
        this.registry = registry;
        this.server = HttpServer.create(new InetSocketAddress(host, port), 64);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/health/live", ex -> respond(ex, 200, "application/json", "{\"status\":\"UP\"}"));
        server.createContext("/health/started", ex -> {
            boolean up = health.started();
            respond(ex, up ? 200 : 503, "application/json", "{\"status\":\"" + (up ? "UP" : "DOWN") + "\"}");
        });
        server.createContext("/health/ready", ex -> {
            Map<String, String> report = health.readiness();
            boolean up = report.values().stream().allMatch("UP"::equals);
            respond(ex, up ? 200 : 503, "application/json",
                    json.writeValueAsString(Map.of("status", up ? "UP" : "DOWN", "checks", report)));
        });
        server.createContext("/metrics", ex -> respond(ex, 200, "text/plain; version=0.0.4; charset=utf-8", registry.scrape()));
    }

    public void start() {
        server.start();
    }

    public int port() {
        return server.getAddress().getPort();
    }

    private static void respond(HttpExchange ex, int status, String type, String body) throws IOException {
        try (ex) {
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            ex.getResponseHeaders().set("Content-Type", type);
            ex.sendResponseHeaders(status, bytes.length);
            try (OutputStream out = ex.getResponseBody()) {
                out.write(bytes);
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
