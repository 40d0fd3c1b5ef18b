package dev.gitops.validator.policy;

import com.bisnode.opa.client.OpaClientException;
import com.bisnode.opa.client.OpaConfiguration;
import com.bisnode.opa.client.query.OpaQueryClient;
import com.bisnode.opa.client.query.QueryForDocumentRequest;
import com.bisnode.opa.client.rest.ObjectMapperFactory;
import com.bisnode.opa.client.rest.OpaRestClient;
import com.bisnode.opa.client.rest.OpaServerConnectionException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gitops.validator.check.CheckFailedException;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;

/**
 * Queries OPA's Data API through the bisnode OPA Java client ({@code com.bisnode.opa:opa-java-client}).
 * The client has no timeouts and drops error bodies, so its REST client is wired by hand with a
 * connect and a request timeout, and when OPA answers an error the same request is sent once more
 * with the JDK client to read OPA's message.
 */
final class OpaQueries {

    private final URI url;
    private final Duration timeout;
    private final ObjectMapper mapper;
    private final HttpClient http;
    private final OpaQueryClient queries;

    OpaQueries(URI url, Duration timeout) {
        this.url = url;
        this.timeout = timeout;
        this.mapper = ObjectMapperFactory.getInstance().create();
        this.http = OpaHttp.builder(url).connectTimeout(Duration.ofSeconds(5)).build();
        OpaRestClient rest = new OpaRestClient(new OpaConfiguration(url.toString(), HttpClient.Version.HTTP_1_1), http,
                mapper) {
            @Override
            public HttpRequest.Builder getBasicRequestBuilder(String endpoint) {
                return super.getBasicRequestBuilder(endpoint).timeout(timeout);
            }
        };
        this.queries = new OpaQueryClient(rest);
    }

    /**
     * Evaluates the document at {@code path} (e.g. {@code validator/report}) with {@code input}:
     * one {@code POST /v1/data/<path>}.
     *
     * @throws CheckFailedException when OPA cannot be reached, times out, answers an error, or the
     *     document is undefined
     */
    JsonNode query(String path, Object input) {
        try {
            return queries.queryForDocument(new QueryForDocumentRequest(input, path), JsonNode.class);
        } catch (OpaServerConnectionException e) {
            throw new CheckFailedException("policy check: cannot reach OPA at " + url + ": " + rootMessage(e), e);
        } catch (OpaClientException e) {
            if (rootCause(e) instanceof InterruptedException) {
                Thread.currentThread().interrupt();
                throw new CheckFailedException("policy check: interrupted while OPA was evaluating", e);
            }
            if (rootCause(e) instanceof HttpTimeoutException) {
                throw new CheckFailedException("policy check: OPA at " + url + " did not answer within "
                        + timeout.toSeconds() + " s (--opa-timeout)", e);
            }
            String message = e.getMessage() == null ? "" : e.getMessage();
            if (message.startsWith("Result is empty")) {
                throw new CheckFailedException("policy check: OPA at " + url + " has no data." + path.replace('/', '.')
                        + ": it must load the repository's policies/ (lib/report.rego)", e);
            }
            if (message.contains("status code")) {
                throw new CheckFailedException("policy check: OPA at " + url + " answered an error: "
                        + errorBody(path, input), e);
            }
            throw new CheckFailedException("policy check: OPA at " + url + " answered something that is not a "
                    + "query result: " + rootMessage(e), e);
        } catch (IllegalArgumentException e) {
            throw new CheckFailedException("policy check: bad OPA URL " + url + ": " + e.getMessage(), e);
        }
    }

    /** Sends the failed request again to read what the bisnode client discards: OPA's error body. */
    private String errorBody(String path, Object input) {
        try {
            byte[] body = mapper.writeValueAsBytes(java.util.Map.of("input", input));
            HttpRequest request = HttpRequest.newBuilder(url.resolve("/v1/data/" + path)).timeout(timeout)
                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            String text = response.body() == null ? "" : response.body().strip();
            try {
                JsonNode error = mapper.readTree(text);
                StringBuilder b = new StringBuilder("HTTP " + response.statusCode());
                if (error.hasNonNull("code")) {
                    b.append(' ').append(error.get("code").asText());
                }
                if (error.hasNonNull("message")) {
                    b.append(": ").append(error.get("message").asText());
                }
                for (JsonNode e : error.path("errors")) {
                    b.append("\n  ");
                    if (e.hasNonNull("code")) {
                        b.append(e.get("code").asText()).append(": ");
                    }
                    b.append(e.path("message").asText());
                    JsonNode loc = e.path("location");
                    if (loc.hasNonNull("file")) {
                        b.append(" (").append(loc.get("file").asText()).append(':').append(loc.path("row").asInt())
                                .append(')');
                    }
                }
                return b.toString();
            } catch (IOException notJson) {
                return "HTTP " + response.statusCode() + ": " + text;
            }
        } catch (IOException e) {
            return "(its message could not be read: " + e.getMessage() + ")";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "(interrupted while reading its message)";
        }
    }

    private static Throwable rootCause(Throwable t) {
        Throwable c = t;
        while (c.getCause() != null && c.getCause() != c) {
            c = c.getCause();
        }
        return c;
    }

    private static String rootMessage(Throwable t) {
        Throwable c = rootCause(t);
        return c.getClass().getSimpleName() + (c.getMessage() == null ? "" : ": " + c.getMessage());
    }
}
