package dev.gitops.validator.release;

import dev.gitops.validator.check.RunOptions;
import dev.gitops.validator.config.ConfigException;
import dev.gitops.validator.config.ConfigLoader;
import dev.gitops.validator.config.ValidatorConfig;
import dev.gitops.validator.domain.traffic.ReleaseSettings;
import dev.gitops.validator.domain.traffic.TrafficTree;
import dev.gitops.validator.finding.Finding;
import dev.gitops.validator.pipeline.CheckRegistry;
import dev.gitops.validator.pipeline.Report;
import dev.gitops.validator.pipeline.RuleFilter;
import dev.gitops.validator.pipeline.RunRequest;
import dev.gitops.validator.pipeline.TreeReader;
import dev.gitops.validator.pipeline.Validator;
import dev.gitops.validator.resource.Resource;
import dev.gitops.validator.source.SourceFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A repository's tree as the release commands see it: its configuration, its resources, and its
 * traffic state. A change is applied only if the tree it produces validates, judged by every check
 * of the validator plus the transition rules against the tree as it is now.
 */
public final class Workspace {

    private final Path root;
    private final ValidatorConfig config;
    private final ReleaseSettings settings;
    private final TrafficTree tree;
    private final List<Resource> resources;
    private final CheckRegistry registry;

    private Workspace(Path root, ValidatorConfig config, ReleaseSettings settings, TrafficTree tree,
                      List<Resource> resources, CheckRegistry registry) {
        this.root = root;
        this.config = config;
        this.settings = settings;
        this.tree = tree;
        this.resources = List.copyOf(resources);
        this.registry = registry;
    }

    /**
     * Opens the tree at {@code root}.
     *
     * @throws Refusal when the configuration or the cluster states cannot be read
     */
    public static Workspace open(Path root, CheckRegistry registry) throws Refusal {
        Path r = root.toAbsolutePath().normalize();
        ValidatorConfig config;
        try {
            config = ConfigLoader.load(r, registry.configSections());
        } catch (ConfigException e) {
            throw new Refusal(e.getMessage());
        }
        ReleaseSettings settings;
        try {
            settings = ReleaseSettings.of(config);
        } catch (IllegalArgumentException e) {
            throw new Refusal(e.getMessage());
        }
        TreeReader.Tree read = new TreeReader(r, config).read(Map.of());
        if (!read.fatal().isEmpty()) {
            throw new Refusal("cannot read the tree: " + String.join("; ", read.fatal()));
        }
        TrafficTree tree = TrafficTree.of(r, read.resources(), settings);
        return new Workspace(r, config, settings, tree, read.resources(), registry);
    }

    public Path root() {
        return root;
    }

    public ValidatorConfig config() {
        return config;
    }

    public ReleaseSettings settings() {
        return settings;
    }

    public TrafficTree tree() {
        return tree;
    }

    /** Every resource of the tree as it is. */
    public List<Resource> resources() {
        return resources;
    }

    /** The traffic state, refusing when it is incomplete. */
    public TrafficTree requireComplete() throws Refusal {
        if (!tree.problems().isEmpty()) {
            throw new Refusal("cannot read the cluster state: " + String.join("; ", tree.problems()));
        }
        return tree;
    }

    /** Validates the tree as it is, with every check. */
    public Report validate() {
        return validate(Map.of(), false);
    }

    private Report validate(Map<String, byte[]> overlay, boolean asChange) {
        RunOptions options = asChange ? RunOptions.NONE.withBase(null, root) : RunOptions.NONE;
        RunRequest request = new RunRequest(root, List.of(), null, config, RuleFilter.ALL, true, options);
        return new Validator(registry).run(request, overlay);
    }

    /** What {@link #apply} did. */
    public record Outcome(Map<String, byte[]> files, Report report) {
    }

    /**
     * Renders the plan, validates the tree it would produce and, when that tree validates and
     * {@code write} is set, writes the edited files. Nothing is written otherwise.
     *
     * @throws Refusal when the change cannot be made in place or the tree would not validate; the
     *     message lists the error findings
     */
    public Outcome apply(Plan plan, boolean write) throws Refusal {
        Map<String, byte[]> files;
        try {
            files = plan.edits().render(this::read);
        } catch (TreeEdits.EditException e) {
            throw new Refusal(e.getMessage());
        }
        Report report = validate(files, true);
        if (!report.fatal().isEmpty() || report.hasErrors()) {
            List<String> lines = new ArrayList<>();
            lines.add("the tree would not validate after this change; nothing was changed:");
            for (String f : report.fatal()) {
                lines.add("  " + f);
            }
            for (Finding f : report.findings()) {
                if (f.isError()) {
                    lines.add("  " + f.file() + ":" + f.line() + ":" + f.column() + ": " + f.rule() + ": " + f.message());
                }
            }
            throw new Refusal(String.join("\n", lines));
        }
        if (write) {
            write(files);
        }
        return new Outcome(files, report);
    }

    private byte[] read(SourceFile file) throws TreeEdits.EditException {
        try {
            return Files.readAllBytes(root.resolve(file.displayName()));
        } catch (IOException e) {
            throw new TreeEdits.EditException("cannot read " + file.displayName() + ": " + e.getMessage());
        }
    }

    /** Writes every file next to its target first, then moves them all into place. */
    private void write(Map<String, byte[]> files) throws Refusal {
        Map<Path, Path> staged = new java.util.LinkedHashMap<>();
        try {
            List<Path> deleted = new ArrayList<>();
            for (Map.Entry<String, byte[]> f : files.entrySet()) {
                Path target = root.resolve(f.getKey());
                if (f.getValue() == null) {
                    deleted.add(target);
                    continue;
                }
                Files.createDirectories(target.getParent());
                Path tmp = Files.createTempFile(target.getParent(), ".gitops-", ".tmp");
                staged.put(tmp, target);
                Files.write(tmp, f.getValue());
                try {
                    Files.setPosixFilePermissions(tmp, Files.exists(target) ? Files.getPosixFilePermissions(target)
                            : java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--"));
                } catch (UnsupportedOperationException ignored) {
                    // not a POSIX file system: the default permissions stay
                }
            }
            for (Map.Entry<Path, Path> s : staged.entrySet()) {
                Files.move(s.getKey(), s.getValue(), StandardCopyOption.REPLACE_EXISTING,
                        StandardCopyOption.ATOMIC_MOVE);
            }
            for (Path d : deleted) {
                Files.deleteIfExists(d);
                removeEmptyFolders(d.getParent());
            }
        } catch (IOException e) {
            for (Path tmp : staged.keySet()) {
                try {
                    Files.deleteIfExists(tmp);
                } catch (IOException ignored) {
                    // best effort: the message below names the failure
                }
            }
            throw new Refusal("cannot write the change: " + e.getMessage());
        }
    }

    /** Removes the folder and its parents up to the root while they are empty (git keeps no empty folder). */
    private void removeEmptyFolders(Path dir) throws IOException {
        Path d = dir;
        while (d != null && d.startsWith(root) && !d.equals(root)) {
            try (var entries = Files.list(d)) {
                if (entries.findAny().isPresent()) {
                    return;
                }
            }
            Files.delete(d);
            d = d.getParent();
        }
    }
}
