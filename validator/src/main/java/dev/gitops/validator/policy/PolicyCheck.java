package dev.gitops.validator.policy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gitops.validator.check.Check;
import dev.gitops.validator.check.CheckContext;
import dev.gitops.validator.check.CheckFailedException;
import dev.gitops.validator.check.Findings;
import dev.gitops.validator.check.RunOptions;
import dev.gitops.validator.finding.Rule;
import dev.gitops.validator.finding.Severity;
import dev.gitops.validator.resource.Resource;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Evaluates the repository's Rego policies ({@code policies/}) with a real OPA, in one query for
 * all resources, and maps each violation's field path to file:line:column.
 *
 * <p>By default a private OPA server is started on loopback with the policy library (in
 * {@link #prepare}, so its startup overlaps loading) and stopped when the check is done. With the
 * option {@code opaUrl} ({@code --opa-url}) a running OPA is used instead; in a long-lived process
 * (the validation daemon) the {@link WarmOpa} it keeps, asked only by runs that apply a policy rule
 * (only those are prepared). Options read:
 * {@code opaUrl}, {@code opaTimeout} (seconds, default 60), {@code opaBinary} (default
 * {@code $GITOPS_OPA}, {@code .tools/bin/opa}, PATH).
 *
 * <p>Fails closed: OPA missing, policies that do not compile, a timeout, an error or a malformed
 * answer throw {@link CheckFailedException} (exit 2).
 */
public final class PolicyCheck implements Check {

    /** The document the validator evaluates: {@code data.validator.report} (policies/lib/report.rego). */
    static final String REPORT = "validator/report";

    private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(60);

    private final PolicyLibrary library;
    private final Map<String, Rule> rules;
    /** The server kept warm by the embedding process, or null. */
    private final WarmOpa warm;
    /** A private server started by {@link #prepare} for the run that follows. */
    private final AtomicReference<CompletableFuture<OpaServer>> starting = new AtomicReference<>();
    /** The warm server {@link #prepare} found for the run that follows. */
    private final AtomicReference<URI> warmUrl = new AtomicReference<>();

    public PolicyCheck(PolicyLibrary library) {
        this(library, null);
    }

    /** A check that evaluates with {@code warm}'s server, when it can start one, instead of a private one. */
    public PolicyCheck(PolicyLibrary library, WarmOpa warm) {
        this.library = library;
        this.warm = warm;
        Map<String, Rule> byId = new LinkedHashMap<>();
        library.rules().forEach(r -> byId.putIfAbsent(r.id(), r));
        this.rules = Map.copyOf(byId);
    }

    /** The check over the repository's policies/ (no rules, never run, if there is none). */
    public static PolicyCheck standard() {
        return new PolicyCheck(PolicyLibrary.standard());
    }

    /** The check over the repository's policies/, evaluated with {@code warm}'s server (null: a private one). */
    public static PolicyCheck standard(WarmOpa warm) {
        return new PolicyCheck(PolicyLibrary.standard(), warm);
    }

    @Override
    public List<Rule> rules() {
        return library.rules();
    }

    @Override
    public String documentation(String ruleId) {
        return library.policyOf(ruleId)
                .map(p -> "Policy " + p.name() + " (" + library.dir().relativize(p.dir()) + "/):\n\n" + p.readme())
                .orElse(null);
    }

    @Override
    public void prepare(RunOptions options) {
        warmUrl.set(null);
        if (options.opaUrl() != null || library.dir() == null) {
            return;
        }
        if (warm != null) {
            Optional<URI> url = warm.url(library);
            if (url.isPresent()) {
                warmUrl.set(url.get());
                return;
            }
        }
        CompletableFuture<OpaServer> server = new CompletableFuture<>();
        CompletableFuture<OpaServer> previous = starting.getAndSet(server);
        if (previous != null) {
            previous.thenAccept(OpaServer::close);
        }
        Thread.ofPlatform().daemon().name("opa-start").start(() -> {
            try {
                server.complete(OpaServer.start(OpaBinary.find(options, library.dir()), library.dir(), STARTUP_TIMEOUT));
            } catch (Throwable t) {
                server.completeExceptionally(t);
            }
        });
    }

    @Override
    public void run(CheckContext context, Findings findings) {
        Duration timeout = timeout(context.options().opaTimeout());
        String opaUrl = context.options().opaUrl();
        if (opaUrl != null) {
            evaluate(parseUrl(opaUrl), timeout, context.resources(), findings);
            return;
        }
        URI shared = warmUrl.getAndSet(null);
        if (shared != null) {
            evaluate(shared, timeout, context.resources(), findings);
            return;
        }
        if (library.dir() == null) {
            throw new CheckFailedException("policy check: no policies/ folder found (set GITOPS_POLICIES)");
        }
        CompletableFuture<OpaServer> pending = starting.getAndSet(null);
        OpaServer server = null;
        try {
            server = pending != null ? pending.join()
                    : OpaServer.start(OpaBinary.find(context.options(), library.dir()), library.dir(), STARTUP_TIMEOUT);
            evaluate(server.url(), timeout, context.resources(), findings);
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new CheckFailedException("policy check: OPA could not start: " + e.getCause(), e.getCause());
        } finally {
            if (server != null) {
                server.close();
            }
        }
    }

    private void evaluate(URI url, Duration timeout, List<Resource> resources, Findings findings) {
        List<Map<String, Object>> inputResources = new ArrayList<>(resources.size());
        for (int i = 0; i < resources.size(); i++) {
            Resource r = resources.get(i);
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("id", i);
            entry.put("file", r.file().displayName());
            entry.put("apiVersion", r.ref().apiVersion());
            entry.put("kind", r.ref().kind());
            entry.put("namespace", r.ref().namespace());
            entry.put("name", r.ref().name());
            entry.put("content", r.content());
            inputResources.add(entry);
        }
        JsonNode report = new OpaQueries(url, timeout).query(REPORT, Map.of("resources", inputResources));
        new ViolationMapper(rules, resources).map(report).forEach(findings::add);
    }

    private static Duration timeout(String seconds) {
        if (seconds == null) {
            return DEFAULT_TIMEOUT;
        }
        try {
            long s = Long.parseLong(seconds.strip());
            if (s > 0) {
                return Duration.ofSeconds(s);
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new CheckFailedException("policy check: --opa-timeout must be a positive number of seconds, not '"
                + seconds + "'");
    }

    private static URI parseUrl(String text) {
        try {
            URI uri = URI.create(text.strip());
            if (("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) && uri.getHost() != null) {
                return uri;
            }
        } catch (IllegalArgumentException e) {
            // reported below
        }
        throw new CheckFailedException("policy check: --opa-url must be an http(s) URL such as http://127.0.0.1:8181, not '"
                + text + "'");
    }

    /** The severity a report level stands for. */
    static Severity severityOf(String level) {
        return switch (level) {
            case "deny" -> Severity.ERROR;
            case "warn" -> Severity.WARNING;
            default -> null;
        };
    }

    Path libraryDir() {
        return library.dir();
    }
}
