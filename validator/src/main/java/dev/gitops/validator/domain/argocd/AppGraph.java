package dev.gitops.validator.domain.argocd;

import dev.gitops.validator.check.CheckContext;
import dev.gitops.validator.model.ArgoCd;
import dev.gitops.validator.model.ArgoCd.Application;
import dev.gitops.validator.model.ArgoCd.Source;
import dev.gitops.validator.model.ModelKind;
import dev.gitops.validator.model.Models;
import dev.gitops.validator.resource.Resource;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * The Argo CD app-of-apps graph of the repository: which resources each Application renders from this
 * repository (directory sources, honouring {@code recurse}, {@code include} and {@code exclude}), and
 * which Applications no other Application renders (the roots, applied by bootstrap).
 *
 * <p>This repository is recognised by its URL: {@code argocd.repoURL} in .gitops-validator.yaml, or else
 * the repository of the sources that point into {@code clusters/}.
 */
public final class AppGraph {

    private final List<Application> apps;
    private final List<Resource> resources;
    private final String repoURL;
    private final Map<Application, List<Resource>> content = new IdentityHashMap<>();
    private final Map<Resource, List<Application>> renderedBy = new IdentityHashMap<>();
    /** The Applications of each Application object (one, unless the tree repeats an object). */
    private final Map<Resource, List<Application>> bySource = new IdentityHashMap<>();

    private AppGraph(List<Application> apps, List<Resource> resources, String repoURL) {
        this.apps = apps;
        this.resources = resources;
        this.repoURL = repoURL;
        // The resources by file, in path order, so that a source looks only at the files under its folder.
        NavigableMap<String, List<Resource>> byFile = new TreeMap<>();
        Map<Resource, Integer> position = new IdentityHashMap<>();
        for (int i = 0; i < resources.size(); i++) {
            Resource r = resources.get(i);
            position.put(r, i);
            byFile.computeIfAbsent(path(r), k -> new ArrayList<>()).add(r);
        }
        for (Application a : apps) {
            bySource.computeIfAbsent(a.source(), k -> new ArrayList<>()).add(a);
        }
        for (Application a : apps) {
            Set<Resource> rendered = Collections.newSetFromMap(new IdentityHashMap<>());
            for (Source s : a.spec().effectiveSources()) {
                if (!isLocal(s)) {
                    continue;
                }
                String dir = trim(s.path());
                // The paths that start with dir + "/": from it up to dir + "0" ('0' follows '/').
                Map<String, List<Resource>> under = dir.isEmpty() || dir.equals(".") ? byFile
                        : byFile.subMap(dir + "/", true, dir + "0", false);
                for (Map.Entry<String, List<Resource>> file : under.entrySet()) {
                    if (renders(s, dir, file.getKey())) {
                        rendered.addAll(file.getValue());
                    }
                }
            }
            List<Resource> c = new ArrayList<>(rendered);
            c.sort(Comparator.comparingInt(position::get)); // the run's order: file, document, item
            content.put(a, c);
            for (Resource r : c) {
                renderedBy.computeIfAbsent(r, k -> new ArrayList<>()).add(a);
            }
        }
    }

    /**
     * The graph of the run's Argo CD Applications, with the repository the {@code argocd} configuration
     * names; empty when the tree has no Application.
     */
    public static Optional<AppGraph> of(CheckContext context) {
        List<Application> apps = Models.of(context.resources()).all(ModelKind.APPLICATION);
        return apps.isEmpty() ? Optional.empty()
                : Optional.of(of(apps, context.resources(), context.config().settings(ArgoCdCheck.SECTION)));
    }

    public static AppGraph of(List<Application> apps, List<Resource> resources, String repo) {
        if (repo == null) {
            Map<String, Integer> votes = new HashMap<>();
            for (Application a : apps) {
                for (Source s : a.spec() == null ? List.<Source>of() : a.spec().effectiveSources()) {
                    if (s.path() != null && s.repoURL() != null && (s.path().startsWith("clusters/")
                            || s.path().startsWith("apps/"))) {
                        votes.merge(s.repoURL(), 1, Integer::sum);
                    }
                }
            }
            repo = votes.entrySet().stream().max(Map.Entry.comparingByValue()).map(Map.Entry::getKey).orElse(null);
        }
        List<Application> usable = apps.stream().filter(a -> a.spec() != null).toList();
        return new AppGraph(usable, resources, repo);
    }

    public String repoURL() {
        return repoURL;
    }

    public List<Application> apps() {
        return apps;
    }

    /** True when the source is a directory of this repository. */
    public boolean isLocal(Source s) {
        return s.path() != null && !s.isChart() && repoURL != null && normalize(repoURL).equals(normalize(s.repoURL()));
    }

    static String normalize(String url) {
        String u = url == null ? "" : url.strip().toLowerCase(java.util.Locale.ROOT);
        if (u.endsWith("/")) {
            u = u.substring(0, u.length() - 1);
        }
        return u.endsWith(".git") ? u.substring(0, u.length() - 4) : u;
    }

    /** True when a directory source of this repository renders the resource's file. */
    static boolean renders(Source s, Resource r) {
        return renders(s, trim(s.path()), path(r));
    }

    private static String path(Resource r) {
        return r.file().displayName().replace('\\', '/');
    }

    /** {@link #renders(Source, Resource)} for a file path, with the source's folder trimmed. */
    private static boolean renders(Source s, String dir, String file) {
        String rel;
        if (dir.isEmpty() || dir.equals(".")) {
            rel = file;
        } else if (file.startsWith(dir + "/")) {
            rel = file.substring(dir.length() + 1);
        } else {
            return false;
        }
        if (!s.recurse() && rel.contains("/")) {
            return false;
        }
        if (!(rel.endsWith(".yaml") || rel.endsWith(".yml") || rel.endsWith(".json"))) {
            return false;
        }
        if (s.include() != null && !glob(s.include(), rel)) {
            return false;
        }
        return s.exclude() == null || !glob(s.exclude(), rel);
    }

    private static boolean glob(String pattern, String rel) {
        PathMatcher m = FileSystems.getDefault().getPathMatcher("glob:" + pattern);
        return m.matches(Path.of(rel)) || m.matches(Path.of(rel).getFileName());
    }

    private static String trim(String p) {
        String t = p.strip();
        while (t.startsWith("./")) {
            t = t.substring(2);
        }
        while (t.endsWith("/")) {
            t = t.substring(0, t.length() - 1);
        }
        return t;
    }

    /** The resources the Application renders from this repository. */
    public List<Resource> contentOf(Application a) {
        return content.getOrDefault(a, List.of());
    }

    /** The Applications that render the resource. */
    public List<Application> renderersOf(Resource r) {
        return renderedBy.getOrDefault(r, List.of());
    }

    /** Applications rendered by no Application: the roots applied by bootstrap. */
    public List<Application> roots() {
        return apps.stream().filter(a -> renderersOf(a.source()).isEmpty()).toList();
    }

    /** The Applications an Application renders (its children). */
    public List<Application> children(Application a) {
        List<Application> out = new ArrayList<>();
        for (Resource r : contentOf(a)) {
            out.addAll(bySource.getOrDefault(r, List.of()));
        }
        return out;
    }

    /** Every resource reachable from the roots, with the root that reaches it first. */
    public Map<Resource, Application> reachable() {
        Map<Resource, Application> out = new LinkedHashMap<>();
        for (Application root : roots()) {
            walk(root, root, out, java.util.Collections.newSetFromMap(new IdentityHashMap<>()));
        }
        return out;
    }

    private void walk(Application a, Application root, Map<Resource, Application> out,
                      java.util.Set<Application> seen) {
        if (!seen.add(a)) {
            return;
        }
        out.putIfAbsent(a.source(), root);
        for (Resource r : contentOf(a)) {
            out.putIfAbsent(r, root);
        }
        for (Application c : children(a)) {
            walk(c, root, out, seen);
        }
    }

    /** The sync wave of a resource (0 when unset or not an integer). */
    public static int wave(Resource r) {
        Object v = r.get(dev.gitops.validator.source.FieldPath.of("metadata", "annotations", ArgoCd.SYNC_WAVE));
        if (v instanceof String s) {
            try {
                return Integer.parseInt(s.strip());
            } catch (NumberFormatException e) {
                return 0;
            }
        }
        return 0;
    }

    public List<Resource> resources() {
        return resources;
    }
}
