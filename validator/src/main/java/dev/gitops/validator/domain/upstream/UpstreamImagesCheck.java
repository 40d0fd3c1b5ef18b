package dev.gitops.validator.domain.upstream;

import static dev.gitops.validator.finding.Rule.error;

import dev.gitops.validator.check.Check;
import dev.gitops.validator.check.CheckContext;
import dev.gitops.validator.check.Findings;
import dev.gitops.validator.config.ConfigSection;
import dev.gitops.validator.finding.Rule;
import dev.gitops.validator.domain.Kustomization;
import dev.gitops.validator.domain.argocd.AppGraph;
import dev.gitops.validator.domain.argocd.ArgoCdCheck;
import dev.gitops.validator.model.ArgoCd.Application;
import dev.gitops.validator.model.ArgoCd.Source;
import dev.gitops.validator.model.ModelKind;
import dev.gitops.validator.model.Models;
import dev.gitops.validator.source.FieldPath;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Every image an upstream source renders is recorded and pinned: each Helm chart, remote Git path and
 * remote manifest (a URL in a kustomization.yaml of a directory source) that an Application installs has
 * an entry in the image record for the pinned version, and every image recorded there is pinned by digest
 * or version tag.
 *
 * <p>Configuration ({@code upstream:} in .gitops-validator.yaml): {@code images}, the record's path from
 * the repository root (default {@code upstream/images.yaml}).
 */
public final class UpstreamImagesCheck implements Check {

    public static final String CATEGORY = "upstream";
    public static final Rule RULE = error("UPSTREAM001", CATEGORY);

    @Override
    public List<Rule> rules() {
        return List.of(RULE);
    }

    @Override
    public void run(CheckContext context, Findings findings) {
        List<Application> apps = Models.of(context.resources()).all(ModelKind.APPLICATION);
        if (apps.isEmpty()) {
            return;
        }
        String rel = context.config().settings(SECTION).images();
        UpstreamImages record;
        try {
            record = UpstreamImages.read(context.root().resolve(rel));
        } catch (IOException e) {
            Application first = apps.getFirst();
            findings.at(RULE, first.source(), FieldPath.of("spec"), "the image record " + rel + " cannot be read: "
                    + e.getMessage(), "fix the file");
            return;
        }
        AppGraph graph = AppGraph.of(apps, context.resources(), context.config().settings(ArgoCdCheck.SECTION));
        for (Application a : graph.apps()) {
            List<Source> sources = a.spec().effectiveSources();
            for (int i = 0; i < sources.size(); i++) {
                Source s = sources.get(i);
                FieldPath at = a.spec().hasSources() ? FieldPath.of("spec", "sources", i) : FieldPath.of("spec", "source");
                if (graph.isLocal(s)) {
                    kustomization(context.root(), rel, record, a, s, at, findings);
                } else if (s.isChart() || s.path() != null) {
                    remote(rel, record, a, s, at, findings);
                }
            }
        }
    }

    private void remote(String rel, UpstreamImages record, Application a, Source s, FieldPath at, Findings f) {
        String what = s.isChart() ? "chart " + s.chart() : "path " + s.path() + " of " + s.repoURL();
        List<UpstreamImages.Entry> entries = record.forSource(s.repoURL(), s.isChart() ? s.chart() : null,
                s.isChart() ? null : s.path());
        UpstreamImages.Entry match = entries.stream().filter(e -> s.targetRevision() != null
                && s.targetRevision().equals(e.version())).findFirst().orElse(null);
        if (match == null) {
            String recorded = entries.isEmpty() ? "has no entry"
                    : "is recorded for " + entries.stream().map(UpstreamImages.Entry::version).toList()
                    + ", not for " + s.targetRevision();
            f.at(RULE, a.source(), at, "Application " + a.name() + " installs " + what + " " + s.targetRevision()
                            + ", which " + recorded + " in " + rel + ": the images it renders are not reviewed",
                    "render it (helm template / kustomize build) at this version and values, and record its images, "
                            + "pinned, in " + rel);
            return;
        }
        unpinned(rel, match, a, at, what, f);
        FieldPath values = at.key("helm").key("valuesObject");
        valueTags(a, values, a.source().get(values), match, rel, what, f);
    }

    /**
     * Image tags set explicitly in the chart values ({@code image: {tag: ...}} at any depth) are tags of
     * recorded images: a tag bumped in the values without re-recording is reported where it is set.
     */
    private void valueTags(Application a, FieldPath at, Object node, UpstreamImages.Entry e, String rel,
                           String what, Findings f) {
        if (node instanceof Map<?, ?> m) {
            for (Map.Entry<?, ?> en : m.entrySet()) {
                String key = String.valueOf(en.getKey());
                if (key.equals("image") && en.getValue() instanceof Map<?, ?> image
                        && image.get("tag") instanceof String tag && !tag.isBlank()
                        && e.images().stream().noneMatch(i -> i.endsWith(":" + tag) || i.contains(":" + tag + "@"))) {
                    f.at(RULE, a.source(), at.key(key).key("tag"), "the values of " + what + " set image tag " + tag
                                    + ", which no image recorded for it in " + rel + " carries",
                            "re-render the chart and record the images it renders with this tag");
                }
                valueTags(a, at.key(key), en.getValue(), e, rel, what, f);
            }
        } else if (node instanceof List<?> l) {
            for (int i = 0; i < l.size(); i++) {
                valueTags(a, at.index(i), l.get(i), e, rel, what, f);
            }
        }
    }

    private void kustomization(Path root, String rel, UpstreamImages record, Application a, Source s,
                               FieldPath at, Findings f) {
        Kustomization k = Kustomization.read(root.resolve(s.path()));
        Path file = k.file();
        if (file == null) {
            return;
        }
        if (k.error() != null) {
            f.at(RULE, a.source(), at, root.relativize(file) + " cannot be read: " + k.error(), null);
            return;
        }
        List<String> urls = k.resources().stream().filter(u -> u.startsWith("https://") || u.startsWith("http://"))
                .toList();
        for (String url : urls) {
            UpstreamImages.Entry e = record.forUrl(url);
            if (e == null) {
                f.at(RULE, a.source(), at, "Application " + a.name() + " installs " + url + " (through "
                                + root.relativize(file) + "), which has no entry in " + rel
                                + ": the images it renders are not reviewed",
                        "record its images, pinned, in " + rel);
            } else {
                unpinned(rel, e, a, at, url, f);
            }
        }
    }

    private void unpinned(String rel, UpstreamImages.Entry e, Application a, FieldPath at, String what, Findings f) {
        for (String image : e.images()) {
            if (!UpstreamImages.pinned(image)) {
                f.at(RULE, a.source(), at, "image " + image + " of " + what + " (recorded in " + rel
                                + ") is not pinned: Application " + a.name() + " may run whatever the tag points to",
                        "pin the image in the Application's values (digest or version tag) and record it");
            }
        }
    }

    /** {@code upstream:} in the configuration: where the image record lives. */
    record Settings(String images) {
    }

    static final ConfigSection<Settings> SECTION = new ConfigSection<>(CATEGORY, r -> {
        r.only("images");
        return new Settings(r.string("images", "upstream/images.yaml"));
    });

    @Override
    public List<ConfigSection<?>> configSections() {
        return List.of(SECTION, ArgoCdCheck.SECTION);
    }
}
