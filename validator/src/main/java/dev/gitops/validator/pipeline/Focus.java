package dev.gitops.validator.pipeline;

import dev.gitops.validator.config.ValidatorConfig;
import dev.gitops.validator.finding.Finding;
import dev.gitops.validator.finding.Location;
import dev.gitops.validator.load.FileCollector;
import dev.gitops.validator.load.Globs;
import dev.gitops.validator.source.SourceFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The files an in-context run reports on ({@code validate --in-context PATH...}, used by the
 * pre-commit hook and the Argo CD plugin). The whole configured tree is loaded, so cross-file checks
 * and policies see every resource, but only findings in (or referring to) the focused files are
 * reported.
 *
 * <p>What a path contributes:
 * <ul>
 *   <li>a folder: every manifest below it;</li>
 *   <li>a manifest file inside the configured tree: that file;</li>
 *   <li>a Rego file or the validator configuration: the whole tree, since either can change any
 *       finding;</li>
 *   <li>anything else (a workflow file, a manifest outside the tree, an ignored or deleted file):
 *       nothing.</li>
 * </ul>
 *
 * @param files display names of the focused files
 * @param everything whether every finding is reported
 */
record Focus(Set<String> files, boolean everything) {

    Focus {
        files = Set.copyOf(files);
    }

    /** Works out the focus of the given paths (not {@code -}) under the repository root. */
    static Focus of(Path root, List<String> paths, ValidatorConfig config, FileCollector collector) {
        Globs tree = new Globs(config.include());
        Globs ignored = new Globs(config.ignore());
        Set<String> files = new LinkedHashSet<>();
        boolean everything = false;
        for (String given : paths) {
            Path p = Path.of(given);
            Path abs = (p.isAbsolute() ? p : Path.of("").toAbsolutePath().resolve(p)).normalize();
            String name = collector.displayName(abs);
            if (name.equals(ValidatorConfig.FILE_NAME) || name.toLowerCase(Locale.ROOT).endsWith(".rego")) {
                everything = true;
            } else if (Files.isDirectory(abs)) {
                try {
                    for (SourceFile f : collector.collect(List.of(abs.toString()))) {
                        files.add(f.displayName());
                    }
                } catch (FileCollector.MissingPathException e) {
                    // Cannot happen for an existing folder; a vanished one has nothing to report.
                }
            } else if (Files.isRegularFile(abs) && FileCollector.isManifest(abs) && abs.startsWith(root)
                    && (tree.matches(name) || config.include().contains(".")) && !ignored.matches(name)) {
                files.add(name);
            }
        }
        return new Focus(files, everything);
    }

    /** The paths to load: the configured tree, and focused files outside it. */
    List<String> pathsToLoad(Path root, ValidatorConfig config) {
        List<String> load = new ArrayList<>();
        for (String p : config.include()) {
            load.add(root.resolve(p).toString());
        }
        Globs tree = new Globs(config.include());
        for (String f : files) {
            if (!tree.matches(f) && !config.include().contains(".")) {
                load.add(root.resolve(f).toString());
            }
        }
        return load;
    }

    /** Whether nothing is to be reported, so the run can stop before loading anything. */
    boolean isEmpty() {
        return !everything && files.isEmpty();
    }

    /** Whether a finding is reported: it lies in a focused file or refers to one. */
    boolean reports(Finding f) {
        if (everything || f.file() == null || f.file().equals(SourceFile.STDIN) || files.contains(f.file())) {
            return true;
        }
        for (Location l : f.related()) {
            if (files.contains(l.file())) {
                return true;
            }
        }
        return false;
    }
}
