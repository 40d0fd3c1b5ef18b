package dev.gitops.validator.domain.kong;

import static dev.gitops.validator.finding.Rule.warning;

import dev.gitops.validator.check.Check;
import dev.gitops.validator.check.CheckContext;
import dev.gitops.validator.check.Findings;
import dev.gitops.validator.finding.Rule;
import dev.gitops.validator.domain.Topology;
import dev.gitops.validator.model.Kong;
import dev.gitops.validator.model.ModelKind;
import dev.gitops.validator.model.Models;
import dev.gitops.validator.resource.Resource;
import dev.gitops.validator.source.FieldPath;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Kong's bot-detection plugin on API routes: besides its {@code deny} list the plugin refuses every user
 * agent its built-in list matches (Kong {@code plugins/bot-detection/rules.lua}), which includes the HTTP
 * clients of Java and Python. A route whose clients authenticate with API credentials (key-auth, jwt,
 * hmac-auth, basic-auth, mtls-auth) is API-only; bot-detection on it must {@code allow} those clients.
 */
public final class BotDetectionCheck implements Check {

    public static final Rule RULE = warning("KONG007", KongCheck.CATEGORY);

    /** Authentication plugins used by programmatic clients, which mark a route as API-only. */
    static final Set<String> API_AUTH = Set.of("key-auth", "key-auth-enc", "jwt", "hmac-auth", "basic-auth",
            "mtls-auth");
    /** User agents of API clients that Kong's built-in bot list refuses (its "Downloader" pattern). */
    static final List<String> CLIENT_AGENTS = List.of("Apache-HttpClient/5.3 (Java/21.0.5)", "Python-urllib/3.12",
            "Google-HTTP-Java-Client/1.45.0 (gzip)");

    @Override
    public List<Rule> rules() {
        return List.of(RULE);
    }

    @Override
    public void run(CheckContext context, Findings findings) {
        Topology topology = Topology.of(context.config(), context.resources());
        List<Kong.Plugin> plugins = Models.of(context.resources()).all(ModelKind.KONG_PLUGIN,
                ModelKind.KONG_CLUSTER_PLUGIN);
        for (Resource route : context.resources()) {
            if (!List.of("HTTPRoute", "GRPCRoute", "Ingress").contains(route.kind())) {
                continue;
            }
            List<Kong.Plugin> attached = attached(route, plugins, topology);
            boolean api = attached.stream().anyMatch(p -> API_AUTH.contains(p.plugin()));
            for (Kong.Plugin p : attached) {
                if (api && "bot-detection".equals(p.plugin())) {
                    judge(route, p, findings);
                }
            }
        }
    }

    private void judge(Resource route, Kong.Plugin bot, Findings f) {
        List<Pattern> allow = new ArrayList<>();
        if (bot.config().get("allow") instanceof List<?> l) {
            for (Object o : l) {
                try {
                    allow.add(Pattern.compile(String.valueOf(o)));
                } catch (PatternSyntaxException e) {
                    // A regex Java cannot read is judged by Kong at runtime; it allows nothing here.
                }
            }
        }
        List<String> refused = CLIENT_AGENTS.stream()
                .filter(ua -> allow.stream().noneMatch(p -> p.matcher(ua).find())).toList();
        if (refused.isEmpty()) {
            return;
        }
        f.at(RULE, route, KongCheck.PLUGINS_AT, route.kind() + " " + route.ref().name() + " is an API route (API "
                        + "credentials) behind bot-detection plugin " + bot.name() + ", whose built-in list refuses "
                        + "HTTP clients such as " + String.join(", ", refused) + " with 403",
                "add config.allow regexes for the API clients' user agents to " + bot.name() + " (allow is checked "
                        + "before the built-in list), e.g. ^(Apache-HttpClient|Google-HTTP-Java-Client|Python-urllib)/",
                List.of(Findings.location(bot.source(), FieldPath.of("config"), "the bot-detection plugin")));
    }

    /** Enabled plugins named on the route (same namespace or cluster plugins) and global cluster plugins. */
    private static List<Kong.Plugin> attached(Resource route, List<Kong.Plugin> plugins, Topology topology) {
        List<Kong.Plugin> out = new ArrayList<>();
        List<String> names = new ArrayList<>();
        if (route.get(KongCheck.PLUGINS_AT) instanceof String text) {
            for (String n : text.split(",")) {
                if (!n.isBlank()) {
                    names.add(n.strip());
                }
            }
        }
        for (Kong.Plugin p : plugins) {
            if (Boolean.TRUE.equals(p.disabled()) || !topology.sameCluster(route, p.source())) {
                continue;
            }
            boolean named = names.contains(p.name()) && (p.clusterScoped() || p.namespace() == null
                    || route.ref().namespace() == null || p.namespace().equals(route.ref().namespace()));
            if (named || p.clusterScoped() && p.isGlobal()) {
                out.add(p);
            }
        }
        return out;
    }
}
