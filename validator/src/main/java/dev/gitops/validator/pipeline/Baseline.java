package dev.gitops.validator.pipeline;

import dev.gitops.validator.finding.Finding;
import dev.gitops.validator.git.BaseTree;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code validate --base REF}: the transition rules judge the change from the base revision; with
 * {@code --new-only}, only the findings the base did not have are reported.
 *
 * <p>{@code --new-only} keeps the findings the base revision did not have. A finding of the working
 * tree matches one of the base when rule, resource (or file, below resource level), field path and
 * message agree; lines may differ (also where a message quotes them), so code moving in a file does
 * not make old findings new. Each
 * base finding excuses one working finding.
 */
public final class Baseline {

    private Baseline() {
    }

    /**
     * Runs a validation against base revision {@code ref} of the repository at the request's root.
     *
     * @throws IOException when the revision cannot be extracted; the message says why
     */
    public static Report run(Validator validator, RunRequest request, String ref, boolean newOnly)
            throws IOException {
        try (BaseTree base = BaseTree.extract(request.root(), ref)) {
            Report work = validator.run(request.withOptions(request.options().withBase(ref, base.dir())));
            return newOnly ? newOnly(work, baseReport(validator, request, base.dir()), ref) : work;
        }
    }

    /** The same run on the base tree (without transition rules): the given paths as they were there. */
    private static Report baseReport(Validator validator, RunRequest request, Path baseDir) {
        Path root = request.root();
        List<String> paths = request.paths().stream().filter(p -> !p.equals("-"))
                .map(p -> baseDir.resolve(root.relativize(Path.of(p).toAbsolutePath().normalize())))
                .filter(Files::exists).map(Path::toString).toList();
        if (!request.paths().isEmpty() && paths.isEmpty()) {
            return Report.empty();
        }
        return validator.run(new RunRequest(baseDir, paths, null, request.config(), request.filter(),
                request.annotationWaivers(), request.options(), request.inContext()));
    }

    /**
     * The working report less the findings the base report had. The base's fatal problems are kept
     * (prefixed), since a base that could not be judged cannot excuse anything.
     */
    public static Report newOnly(Report work, Report base, String baseName) {
        Map<String, Integer> known = new HashMap<>();
        for (Finding f : base.findings()) {
            known.merge(key(f), 1, Integer::sum);
        }
        List<Finding> kept = new ArrayList<>();
        for (Finding f : work.findings()) {
            String k = key(f);
            int n = known.getOrDefault(k, 0);
            if (n > 0) {
                known.put(k, n - 1);
            } else {
                kept.add(f);
            }
        }
        List<String> fatal = new ArrayList<>(work.fatal());
        for (String f : base.fatal()) {
            fatal.add("base " + baseName + ": " + f);
        }
        Summary s = work.summary();
        return new Report(kept, work.waived(), fatal, Summary.of(s.files(), s.resources(), kept, s.waived()),
                work.inputs());
    }

    static String key(Finding f) {
        String where = f.resource() != null ? f.resource().display() : f.file();
        return f.rule() + "\u0000" + where + "\u0000" + (f.path() == null ? "" : f.path()) + "\u0000"
                + withoutLines(f.message());
    }

    /**
     * The message without the line numbers it may quote ({@code first at line 7},
     * {@code defined at a.yaml:12}), so that a finding whose lines moved still matches.
     */
    static String withoutLines(String message) {
        return LINE_REF.matcher(FILE_LINE.matcher(message).replaceAll("$1")).replaceAll("line #");
    }

    private static final java.util.regex.Pattern LINE_REF = java.util.regex.Pattern.compile("\\bline \\d+");
    private static final java.util.regex.Pattern FILE_LINE =
            java.util.regex.Pattern.compile("(\\S+\\.(?:ya?ml|json|rego)):\\d+(?::\\d+)?");
}
