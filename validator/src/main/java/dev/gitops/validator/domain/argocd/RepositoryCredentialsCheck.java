package dev.gitops.validator.domain.argocd;

import static dev.gitops.validator.finding.Rule.error;

import dev.gitops.validator.check.Check;
import dev.gitops.validator.check.CheckContext;
import dev.gitops.validator.check.Findings;
import dev.gitops.validator.config.ConfigSection;
import dev.gitops.validator.domain.Topology;
import dev.gitops.validator.finding.Rule;
import dev.gitops.validator.model.ArgoCd.Application;
import dev.gitops.validator.model.ArgoCd.Source;
import dev.gitops.validator.resource.Resource;
import dev.gitops.validator.source.FieldPath;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Argo CD reads the root Application's repository with the credentials of a repository Secret (label
 * {@code argocd.argoproj.io/secret-type: repository}, or {@code repo-creds} for a URL prefix). When the
 * only thing in the tree that produces that Secret is a custom resource whose CRD and controller the tree
 * itself installs (an {@code ExternalSecret}, a {@code SealedSecret}, ...), a fresh cluster can never read
 * the repository that would install the controller: the Secret has to exist before the first sync. An
 * {@code ExternalSecret} with {@code creationPolicy: Merge} (or {@code None}) does not create its target,
 * it expects the Secret to exist and only keeps it current, which states that bootstrap creates it.
 * A credential producer of such a kind inside the directory bootstrap applies by hand (the Argo CD
 * install) is reported too: {@code kubectl apply} fails on a kind whose CRD does not exist yet.
 */
public final class RepositoryCredentialsCheck implements Check {

    public static final Rule RULE = error("ARGOCD015", ArgoCdCheck.CATEGORY);

    static final String SECRET_TYPE = "argocd.argoproj.io/secret-type";

    /** A resource that yields a repository Secret for a URL ({@code repo-creds}: for URLs under it). */
    private record Producer(Resource resource, String url, boolean prefix) {
    }

    @Override
    public List<Rule> rules() {
        return List.of(RULE);
    }

    @Override
    public List<ConfigSection<?>> configSections() {
        return List.of(ArgoCdCheck.SECTION);
    }

    @Override
    public void run(CheckContext context, Findings findings) {
        AppGraph graph = AppGraph.of(context).orElse(null);
        if (graph == null) {
            return;
        }
        Topology topology = Topology.of(context.config(), context.resources());
        Providers providers = new Providers(context.root(), graph);
        List<Producer> producers = new ArrayList<>();
        for (Resource r : context.resources()) {
            Producer p = producer(r);
            if (p != null) {
                producers.add(p);
            }
        }
        Set<Resource> reported = Collections.newSetFromMap(new IdentityHashMap<>());
        for (Application root : graph.roots()) {
            Set<String> urls = new LinkedHashSet<>();
            for (Source s : root.spec().effectiveSources()) {
                if (!s.isChart() && s.repoURL() != null) {
                    urls.add(AppGraph.normalize(s.repoURL()));
                }
            }
            for (String url : urls) {
                List<Producer> mine = producers.stream().filter(p -> topology.sameCluster(root.source(), p.resource())
                        && (p.prefix() ? url.startsWith(p.url()) : url.equals(p.url()))).toList();
                if (mine.isEmpty() || mine.stream().anyMatch(p -> isCoreSecret(p.resource()) || !creates(p.resource()))) {
                    continue;
                }
                for (Producer p : mine) {
                    Application installer = installer(providers, graph, topology, p.resource());
                    if (installer != null && reported.add(p.resource())) {
                        findings.at(RULE, p.resource(), at(p.resource()), p.resource().kind() + " "
                                        + p.resource().ref().name() + " is the only source of the credentials of "
                                        + url + ", the repository of root Application " + root.name()
                                        + ", but its kind is installed from that repository (Application "
                                        + installer.name() + "): on a fresh cluster Argo CD cannot read the "
                                        + "repository, so the controller that would create the Secret is never installed",
                                "create the repository Secret once at bootstrap (kubectl create secret ... from the "
                                        + "secret manager, never a literal in Git) and let the " + p.resource().kind()
                                        + " only keep it current (ExternalSecret: spec.target.creationPolicy: Merge, "
                                        + "deletionPolicy: Retain)");
                    }
                }
            }
        }
        for (Producer p : producers) {
            for (Application a : graph.renderersOf(p.resource())) {
                boolean bootstrapped = a.spec().effectiveSources().stream().anyMatch(s -> AppGraph.renders(s, p.resource())
                        && ArgoCdInstall.isInstall(context.root(), graph, s));
                if (bootstrapped && !Providers.isBuiltIn(p.resource().ref().group())
                        && installer(providers, graph, topology, p.resource()) != null) {
                    findings.at(RULE, p.resource(), FieldPath.of("kind"), p.resource().kind() + " "
                                    + p.resource().ref().name() + " lies in the Argo CD installation of Application "
                                    + a.name() + ", which bootstrap applies by hand before any CRD of the tree "
                                    + "exists: kubectl apply fails on it (no matches for kind " + p.resource().kind() + ")",
                            "keep the installation to Argo CD's own kinds; sync the " + p.resource().kind()
                                    + " from another directory in a wave after its controller");
                    break;
                }
            }
        }
    }

    private static FieldPath at(Resource r) {
        FieldPath policy = FieldPath.of("spec", "target", "creationPolicy");
        return r.get(policy) != null ? policy : FieldPath.of("metadata", "name");
    }

    /** The Application of the resource's cluster that installs the resource's kind, or null. */
    private static Application installer(Providers providers, AppGraph graph, Topology topology, Resource r) {
        String group = r.ref().group();
        if (group == null || Providers.isBuiltIn(group)) {
            return null;
        }
        for (Application a : graph.apps()) {
            if (topology.sameCluster(a.source(), r) && providers.provides(a, group, r.kind())) {
                return a;
            }
        }
        return null;
    }

    private static boolean isCoreSecret(Resource r) {
        return "Secret".equals(r.kind()) && (r.ref().group() == null || r.ref().group().isEmpty());
    }

    /** False for an ExternalSecret that expects its target to exist (creationPolicy Merge or None). */
    private static boolean creates(Resource r) {
        Object policy = r.get(FieldPath.of("spec", "target", "creationPolicy"));
        return !("external-secrets.io".equals(r.ref().group()) && ("Merge".equals(policy) || "None".equals(policy)));
    }

    static Producer producer(Resource r) {
        if (isCoreSecret(r)) {
            Object type = r.get(FieldPath.of("metadata", "labels", SECRET_TYPE));
            if (!"repository".equals(type) && !"repo-creds".equals(type)) {
                return null;
            }
            String url = r.get(FieldPath.of("stringData", "url")) instanceof String s ? s
                    : r.get(FieldPath.of("data", "url")) instanceof String b ? decode(b) : null;
            return url == null ? null : new Producer(r, AppGraph.normalize(url), "repo-creds".equals(type));
        }
        if (!(r.content() instanceof Map<?, ?> content) || !(content.get("spec") instanceof Map<?, ?> spec)) {
            return null;
        }
        String type = find(spec, SECRET_TYPE);
        String url = find(spec, "url");
        if (!"repository".equals(type) && !"repo-creds".equals(type) || url == null) {
            return null;
        }
        return new Producer(r, AppGraph.normalize(url), "repo-creds".equals(type));
    }

    /** The first string value of the key anywhere beneath the node. */
    private static String find(Object node, String key) {
        if (node instanceof Map<?, ?> m) {
            if (m.get(key) instanceof String s) {
                return s;
            }
            for (Object v : m.values()) {
                String found = find(v, key);
                if (found != null) {
                    return found;
                }
            }
        } else if (node instanceof List<?> l) {
            for (Object v : l) {
                String found = find(v, key);
                if (found != null) {
                    return found;
                }
            }
        }
        return null;
    }

    private static String decode(String b64) {
        try {
            return new String(Base64.getDecoder().decode(b64.strip()), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
