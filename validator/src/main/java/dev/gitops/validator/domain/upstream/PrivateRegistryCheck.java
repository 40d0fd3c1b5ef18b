package dev.gitops.validator.domain.upstream;

import static dev.gitops.validator.finding.Rule.error;

import dev.gitops.validator.check.Check;
import dev.gitops.validator.check.CheckContext;
import dev.gitops.validator.check.Findings;
import dev.gitops.validator.config.ConfigSection;
import dev.gitops.validator.domain.Kustomization;
import dev.gitops.validator.domain.Topology;
import dev.gitops.validator.domain.argocd.AppGraph;
import dev.gitops.validator.domain.argocd.ArgoCdCheck;
import dev.gitops.validator.domain.infra.AwsOutputs;
import dev.gitops.validator.finding.Rule;
import dev.gitops.validator.model.ArgoCd.Application;
import dev.gitops.validator.model.ArgoCd.Source;
import dev.gitops.validator.resource.Resource;
import dev.gitops.validator.source.FieldPath;
import dev.gitops.validator.source.Position;
import dev.gitops.validator.source.SourceFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Every image the tree pulls from the account's own ECR registry ({@code <account>.dkr.ecr.<region>
 * .amazonaws.com/<repository>}, the account of the recorded outputs, {@code clusters/<c>/aws-outputs.yaml}
 * {@code accountId}) names a repository the tree creates: an ACK ecr {@code Repository} with that
 * {@code spec.name}, or an ACK ecr {@code PullThroughCacheRule} whose {@code ecrRepositoryPrefix} is the
 * repository's first path segment. Images are found in every string of every resource (container images,
 * a RabbitmqCluster's {@code spec.image}, chart values) and in the {@code kustomization.yaml} of the
 * Applications' directory sources (images of inline patches, {@code images:} entries).
 */
public final class PrivateRegistryCheck implements Check {

    public static final Rule RULE = error("UPSTREAM002", UpstreamImagesCheck.CATEGORY);

    static final Pattern IMAGE = Pattern.compile(
            "(\\d{12})\\.dkr\\.ecr\\.([a-z0-9-]+)\\.amazonaws\\.com(?:\\.cn)?/([a-z0-9._/-]+)");

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
        Topology topology = Topology.of(context.config(), context.resources());
        Set<String> accounts = new TreeSet<>();
        Set<String> repositories = new HashSet<>();
        List<String> prefixes = new ArrayList<>();
        for (Resource r : context.resources()) {
            AwsOutputs outputs = AwsOutputs.read(r, topology);
            if (outputs != null && outputs.get("accountId") != null) {
                accounts.add(outputs.get("accountId"));
            }
            if ("ecr.services.k8s.aws".equals(r.ref().group())) {
                if ("Repository".equals(r.kind()) && r.get(FieldPath.of("spec", "name")) instanceof String name) {
                    repositories.add(name);
                } else if ("PullThroughCacheRule".equals(r.kind())
                        && r.get(FieldPath.of("spec", "ecrRepositoryPrefix")) instanceof String prefix) {
                    prefixes.add(prefix);
                }
            }
        }
        if (accounts.isEmpty()) {
            return;
        }
        Registry registry = new Registry(accounts, repositories, prefixes);
        for (Resource r : context.resources()) {
            r.forEachString((path, value) -> {
                String missing = registry.missing(value);
                if (missing != null) {
                    findings.at(RULE, r, path, missing, registry.fix());
                }
            });
        }
        AppGraph graph = AppGraph.of(context).orElse(null);
        if (graph == null) {
            return;
        }
        Set<Path> seen = new HashSet<>();
        for (Application a : graph.apps()) {
            for (Source s : a.spec().effectiveSources()) {
                if (graph.isLocal(s)) {
                    kustomization(context.root(), context.root().resolve(s.path()), seen, registry, findings);
                }
            }
        }
    }

    private static void kustomization(Path root, Path dir, Set<Path> seen, Registry registry, Findings findings) {
        Path file = Kustomization.fileOf(dir);
        if (file == null || !seen.add(file.normalize())) {
            return;
        }
        file = file.normalize();
        List<String> lines;
        try {
            lines = Files.readAllLines(file);
        } catch (IOException e) {
            return;
        }
        SourceFile source = new SourceFile(file, root.relativize(file).toString().replace('\\', '/'));
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.stripLeading().startsWith("#")) {
                continue;
            }
            Matcher m = IMAGE.matcher(line);
            while (m.find()) {
                String missing = registry.missing(m.group());
                if (missing != null) {
                    findings.inFile(RULE, source, new Position(i + 1, m.start() + 1), missing, registry.fix());
                }
            }
        }
    }

    /** The account's registry as the tree declares it. */
    private record Registry(Set<String> accounts, Set<String> repositories, List<String> prefixes) {

        /** Why the images in the text name no declared repository, or null when they all do. */
        String missing(String text) {
            Matcher m = IMAGE.matcher(text);
            while (m.find()) {
                String repository = m.group(3);
                if (!accounts.contains(m.group(1)) || repositories.contains(repository)
                        || prefixes.stream().anyMatch(p -> repository.startsWith(p + "/"))) {
                    continue;
                }
                return "image " + m.group() + " is pulled from the account's ECR registry, but no ecr Repository "
                        + "of the tree is named " + repository + " and no PullThroughCacheRule covers it: the "
                        + "pull fails (repository not found) and the pod never starts";
            }
            return null;
        }

        String fix() {
            return "declare the repository in infra/ (ACK ecr Repository, spec.name " + "as in the image, immutable "
                    + "tags, scan on push, encryption) and document how its images get there (CI push or a "
                    + "bootstrap mirroring step), or use a PullThroughCacheRule for mirrored upstream images";
        }
    }
}
