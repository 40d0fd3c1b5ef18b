package dev.gitops.processor.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** Typed access to environment variables, with errors that name the variable. */
final class Settings {
    private final Map<String, String> env;

    Settings(Map<String, String> env) {
        this.env = env;
    }

    Optional<String> optional(String name) {
        String v = env.get(name);
        return v == null || v.isBlank() ? Optional.empty() : Optional.of(v.trim());
    }

    String string(String name, String fallback) {
        return optional(name).orElse(fallback);
    }

    String required(String name) {
        return optional(name).orElseThrow(() -> new ConfigException(name + " is required"));
    }

    int integer(String name, int fallback) {
        return optional(name).map(v -> parse(name, v, Integer::parseInt)).orElse(fallback);
    }

    /** A TCP port, 0 meaning any free port. */
    int port(String name, int fallback) {
        int port = integer(name, fallback);
        if (port < 0 || port > 65535) throw new ConfigException(name + " must be a port (0-65535), got " + port);
        return port;
    }

    URI uri(String name, String fallback) {
        return parse(name, string(name, fallback), URI::new);
    }

    /** One of an enum's constants, case-insensitive; the error lists the allowed values. */
    <E extends Enum<E>> E choice(String name, E fallback, Class<E> type) {
        return optional(name).map(v -> {
            for (E e : type.getEnumConstants()) if (e.name().equalsIgnoreCase(v)) return e;
            throw new ConfigException(name + " must be one of " + Arrays.stream(type.getEnumConstants())
                    .map(e -> e.name().toLowerCase(Locale.ROOT)).toList() + ", got '" + v + "'");
        }).orElse(fallback);
    }

    boolean bool(String name, boolean fallback) {
        return optional(name).map(v -> switch (v.toLowerCase(Locale.ROOT)) {
            case "true", "yes", "1" -> true;
            case "false", "no", "0" -> false;
            default -> throw new ConfigException(name + " must be true or false, got '" + v + "'");
        }).orElse(fallback);
    }

    /** A size such as {@code 104857600}, {@code 100MiB}, {@code 512KiB} or {@code 1GiB}. */
    long bytes(String name, long fallback) {
        return optional(name).map(v -> parse(name, v, Settings::parseBytes)).orElse(fallback);
    }

    /** A size that must fit in memory at once (at most 2 GiB - 1). */
    int memoryBytes(String name, long fallback) {
        long bytes = bytes(name, fallback);
        if (bytes < 0 || bytes > Integer.MAX_VALUE) {
            throw new ConfigException(name + " must be between 0 and " + Integer.MAX_VALUE + " bytes, got " + bytes);
        }
        return (int) bytes;
    }

    /** A duration such as {@code 250ms}, {@code 5s}, {@code 2m} or ISO-8601 {@code PT5S}. */
    Duration duration(String name, Duration fallback) {
        return optional(name).map(v -> parse(name, v, Settings::parseDuration)).orElse(fallback);
    }

    List<Duration> durations(String name, List<Duration> fallback) {
        return optional(name)
                .map(v -> Arrays.stream(v.split(",")).map(String::trim).filter(p -> !p.isEmpty())
                        .map(p -> parse(name, p, Settings::parseDuration)).toList())
                .orElse(fallback);
    }

    static long parseBytes(String v) {
        String s = v.trim();
        long unit = 1;
        for (var u : new Object[][] {{"GiB", 1L << 30}, {"MiB", 1L << 20}, {"KiB", 1L << 10}, {"B", 1L}}) {
            if (s.endsWith((String) u[0])) {
                unit = (Long) u[1];
                s = s.substring(0, s.length() - ((String) u[0]).length()).trim();
                break;
            }
        }
        return Math.multiplyExact(Long.parseLong(s), unit);
    }

    static Duration parseDuration(String v) {
        String s = v.trim();
        if (s.startsWith("P") || s.startsWith("p")) return Duration.parse(s);
        if (s.endsWith("ms")) return Duration.ofMillis(Long.parseLong(s.substring(0, s.length() - 2)));
        if (s.endsWith("s")) return Duration.ofSeconds(Long.parseLong(s.substring(0, s.length() - 1)));
        if (s.endsWith("m")) return Duration.ofMinutes(Long.parseLong(s.substring(0, s.length() - 1)));
        if (s.endsWith("h")) return Duration.ofHours(Long.parseLong(s.substring(0, s.length() - 1)));
        return Duration.ofMillis(Long.parseLong(s));
    }

    private interface Parser<T> {
        T parse(String value) throws URISyntaxException;
    }

    private static <T> T parse(String name, String value, Parser<T> parser) {
        try {
            return parser.parse(value);
        } catch (URISyntaxException | RuntimeException e) {
            throw new ConfigException(name + ": cannot read '" + value + "' (" + e.getMessage() + ")");
        }
    }
}
