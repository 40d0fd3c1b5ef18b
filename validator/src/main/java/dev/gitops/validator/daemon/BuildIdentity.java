package dev.gitops.validator.daemon;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * What makes two validator processes interchangeable: the same build (the jar and the libraries
 * beside it, by path, size and modification time) and the same {@code GITOPS_*} environment
 * (policy folder, opa binary, ...). A daemon serves only clients with its own identity, and
 * retires when its jar changes under it.
 *
 * @param build the jar and {@code lib/} entries, one per line
 * @param environment the {@code GITOPS_*} variables, except the daemon's own settings
 */
public record BuildIdentity(String build, String environment) {

    /** The opa binary the launcher found, for runs that may apply policy rules. */
    private static final String OPA = "GITOPS_OPA";

    /** The identity of this process. */
    public static BuildIdentity current() throws IOException {
        return new BuildIdentity(build(jar()), environment(System.getenv()));
    }

    /** The file this class was loaded from: the validator jar (or a classes folder in tests). */
    static Path jar() throws IOException {
        try {
            return Path.of(BuildIdentity.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException | SecurityException e) {
            throw new IOException("cannot locate the validator's jar: " + e.getMessage(), e);
        }
    }

    static String build(Path jar) throws IOException {
        List<String> lines = new ArrayList<>();
        lines.add(describe(jar));
        Path lib = jar.resolveSibling("lib");
        if (Files.isRegularFile(jar) && Files.isDirectory(lib)) {
            try (Stream<Path> files = Files.list(lib)) {
                for (Path p : files.sorted().toList()) {
                    lines.add(describe(p));
                }
            }
        }
        return String.join("\n", lines);
    }

    private static String describe(Path p) throws IOException {
        if (!Files.exists(p)) {
            return p + " missing";
        }
        return p + " " + Files.size(p) + " " + Files.getLastModifiedTime(p).toMillis();
    }

    /**
     * Whether a daemon of this identity may serve a run of {@code client}'s environment: the same
     * {@code GITOPS_*} variables, except that a client without {@code GITOPS_OPA} is served by a
     * daemon with one. The launcher looks up the opa binary only for runs that may apply a policy rule
     * (not {@code --skip policy}, {@code --only yaml,schema}, ...); those runs never start OPA, so
     * that difference does not change their result and must not cost the daemon.
     */
    boolean servesEnvironmentOf(BuildIdentity client) {
        if (environment.equals(client.environment())) {
            return true;
        }
        return !setsOpa(client.environment()) && withoutOpa(environment).equals(client.environment());
    }

    private static boolean setsOpa(String environment) {
        return environment.lines().anyMatch(l -> l.startsWith(OPA + "="));
    }

    private static String withoutOpa(String environment) {
        StringBuilder text = new StringBuilder();
        environment.lines().filter(l -> !l.startsWith(OPA + "=")).forEach(l -> text.append(l).append('\n'));
        return text.toString();
    }

    static String environment(Map<String, String> env) {
        Map<String, String> relevant = new TreeMap<>();
        env.forEach((k, v) -> {
            if (k.startsWith("GITOPS_") && !k.startsWith("GITOPS_DAEMON")) {
                relevant.put(k, v);
            }
        });
        StringBuilder text = new StringBuilder();
        relevant.forEach((k, v) -> text.append(k).append('=').append(v).append('\n'));
        return text.toString();
    }
}
