package dev.gitops.validator.schema;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Optional;

/**
 * Schemas fetched over HTTP(S), kept on disk ({@code .cache/schemas/http/} under the repository,
 * git-ignored) so that a second run needs no network. A schema the server does not have (404) is
 * remembered as absent too. Delete the folder to fetch again.
 */
final class SchemaCache {

    /** Thrown when a schema can neither be fetched nor found in the cache. */
    static final class FetchException extends Exception {
        FetchException(String message) {
            super(message);
        }
    }

    private final Path dir;
    private HttpClient client;

    SchemaCache(Path dir) {
        this.dir = dir;
    }

    Path dir() {
        return dir;
    }

    /** The schema text at {@code url}, empty when the server says it has none. */
    synchronized Optional<String> get(String url) throws FetchException {
        String key = sha256(url);
        Path hit = dir.resolve(key + ".json");
        Path absent = dir.resolve(key + ".absent");
        try {
            if (Files.isRegularFile(hit)) {
                return Optional.of(Files.readString(hit));
            }
            if (Files.isRegularFile(absent)) {
                return Optional.empty();
            }
        } catch (IOException e) {
            throw new FetchException("cannot read the schema cache " + dir + ": " + e.getMessage());
        }
        HttpResponse<String> response;
        try {
            if (client == null) {
                client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(10))
                        .followRedirects(HttpClient.Redirect.NORMAL).build();
            }
            HttpRequest request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30)).GET().build();
            response = client.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException | IllegalArgumentException e) {
            throw new FetchException("cannot fetch schema " + url + ": " + (e.getMessage() == null ? e : e.getMessage())
                    + " (no cached copy in " + dir + ")");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new FetchException("interrupted while fetching " + url);
        }
        try {
            Files.createDirectories(dir);
            if (response.statusCode() == 404) {
                write(absent, url + "\n");
                return Optional.empty();
            }
            if (response.statusCode() != 200) {
                throw new FetchException("cannot fetch schema " + url + ": HTTP " + response.statusCode());
            }
            write(hit, response.body());
            write(dir.resolve(key + ".url"), url + "\n");
            return Optional.of(response.body());
        } catch (IOException e) {
            throw new FetchException("cannot write the schema cache " + dir + ": " + e.getMessage());
        }
    }

    private static void write(Path target, String text) throws IOException {
        Path tmp = Files.createTempFile(target.getParent(), ".tmp", ".part");
        Files.writeString(tmp, text);
        Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    private static String sha256(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
