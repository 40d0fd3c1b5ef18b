package dev.gitops.validator.model;

import dev.gitops.validator.resource.Resource;
import java.util.List;
import java.util.Map;

/**
 * Argo CD resources ({@code argoproj.io/v1alpha1}): Application, ApplicationSet, AppProject. Fields
 * follow argo-cd {@code docs/operator-manual/application.yaml}, {@code applicationset.yaml} and
 * {@code project.yaml}.
 */
public final class ArgoCd {

    public static final String GROUP = "argoproj.io";
    public static final String RESOURCES_FINALIZER = "resources-finalizer.argocd.argoproj.io";
    public static final String SYNC_WAVE = "argocd.argoproj.io/sync-wave";

    private ArgoCd() {
    }

    /** An Application. {@code sources} keeps list order; {@link ApplicationSpec#effectiveSources()} applies Argo CD's rule. */
    public record Application(Resource source, Meta metadata, ApplicationSpec spec) implements TypedModel {

        static Application read(Resource r, List<ModelProblem> p) {
            Node root = Header.root(r, p);
            root.allow("operation");
            Application a = new Application(r, Header.meta(root), root.read("spec", true, ApplicationSpec::read));
            root.end();
            return a;
        }
    }

    public record ApplicationSpec(String project, Source source, List<Source> sources, Destination destination,
                                  SyncPolicy syncPolicy) {

        static ApplicationSpec read(Node n) {
            ApplicationSpec s = new ApplicationSpec(n.requiredString("project"),
                    n.has("source") ? n.read("source", false, Source::read) : null,
                    n.objects("sources", Source::read),
                    n.read("destination", true, Destination::read),
                    n.has("syncPolicy") ? n.read("syncPolicy", false, SyncPolicy::read) : null);
            n.allow("ignoreDifferences", "info", "revisionHistoryLimit", "sourceHydrator");
            return s;
        }

        /** What Argo CD deploys: {@code sources} when set (then {@code source} is ignored), else {@code source}. */
        public List<Source> effectiveSources() {
            if (!sources.isEmpty()) {
                return sources;
            }
            return source == null ? List.of() : List.of(source);
        }

        public boolean hasSources() {
            return !sources.isEmpty();
        }
    }

    /**
     * A source. For a directory source, {@code recurse}, {@code include} and {@code exclude} are those of
     * {@code directory:} (Argo CD reads only the top folder unless recurse is set).
     */
    public record Source(String repoURL, String path, String targetRevision, String chart, String ref, String name,
                         boolean hasHelm, boolean recurse, String include, String exclude) {

        static Source read(Node n) {
            String[] dir = n.read("directory", false, d -> {
                Boolean recurse = d.bool("recurse");
                String include = d.string("include");
                String exclude = d.string("exclude");
                d.allow("jsonnet");
                return new String[] {String.valueOf(Boolean.TRUE.equals(recurse)), include, exclude};
            });
            Source s = new Source(n.requiredString("repoURL"), n.string("path"), n.string("targetRevision"),
                    n.string("chart"), n.string("ref"), n.string("name"), n.has("helm"), Boolean.parseBoolean(dir[0]),
                    dir[1], dir[2]);
            n.allow("helm", "kustomize", "plugin");
            return s;
        }

        public boolean isChart() {
            return chart != null && !chart.isEmpty();
        }
    }

    public record Destination(String server, String name, String namespace) {

        static Destination read(Node n) {
            return new Destination(n.string("server"), n.string("name"), n.string("namespace"));
        }
    }

    public record SyncPolicy(Automated automated, List<String> syncOptions) {

        static SyncPolicy read(Node n) {
            SyncPolicy s = new SyncPolicy(n.has("automated") ? n.read("automated", false, Automated::read) : null,
                    n.strings("syncOptions"));
            n.read("retry", false, r -> {
                r.integer("limit");
                r.read("backoff", false, b -> {
                    b.intOrString("duration");
                    b.integer("factor");
                    b.string("maxDuration");
                    return null;
                });
                r.allow("refresh");
                return null;
            });
            n.allow("managedNamespaceMetadata");
            return s;
        }
    }

    /** {@code syncPolicy.automated}: null fields are unset (Argo CD defaults: enabled true, others false). */
    public record Automated(Boolean enabled, Boolean prune, Boolean selfHeal, Boolean allowEmpty) {

        static Automated read(Node n) {
            return new Automated(n.bool("enabled"), n.bool("prune"), n.bool("selfHeal"), n.bool("allowEmpty"));
        }

        public boolean isEnabled() {
            return enabled == null || enabled;
        }
    }

    /** An ApplicationSet: generators are kept opaque; the template is read as an Application spec. */
    public record ApplicationSet(Resource source, Meta metadata, List<Object> generators, Meta templateMetadata,
                                 ApplicationSpec templateSpec) implements TypedModel {

        static ApplicationSet read(Resource r, List<ModelProblem> p) {
            Node root = Header.root(r, p);
            Meta meta = Header.meta(root);
            Node spec = root.object("spec", true);
            List<Object> generators = spec.list("generators", true, (item, at, sink) -> item);
            Node template = spec.object("template", true);
            Meta tm = template.read("metadata", false, Meta::read);
            ApplicationSpec ts = template.read("spec", true, ApplicationSpec::read);
            template.end();
            spec.bool("goTemplate");
            spec.strings("goTemplateOptions");
            spec.allow("syncPolicy", "strategy", "preservedFields", "ignoreApplicationDifferences", "templatePatch",
                    "applyNestedSelectors");
            spec.end();
            root.end();
            return new ApplicationSet(r, meta, generators, tm, ts);
        }
    }

    public record AppProject(Resource source, Meta metadata, List<String> sourceRepos,
                             List<Destination> destinations, List<String> sourceNamespaces) implements TypedModel {

        static AppProject read(Resource r, List<ModelProblem> p) {
            Node root = Header.root(r, p);
            Meta meta = Header.meta(root);
            Node spec = root.object("spec");
            List<String> repos = spec.strings("sourceRepos");
            List<Destination> dest = spec.objects("destinations", Destination::read);
            List<String> ns = spec.strings("sourceNamespaces");
            spec.string("description");
            for (String k : List.of("clusterResourceWhitelist", "clusterResourceBlacklist",
                    "namespaceResourceWhitelist", "namespaceResourceBlacklist")) {
                spec.objects(k, g -> Map.entry(String.valueOf(g.string("group")), String.valueOf(g.string("kind"))));
            }
            spec.allow("orphanedResources", "roles", "syncWindows", "signatureKeys", "permitOnlyProjectScopedClusters",
                    "destinationServiceAccounts", "sourceRepos");
            spec.end();
            root.end();
            return new AppProject(r, meta, repos, dest, ns);
        }
    }
}
