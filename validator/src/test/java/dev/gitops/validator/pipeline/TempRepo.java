package dev.gitops.validator.pipeline;

import dev.gitops.validator.check.RunOptions;
import dev.gitops.validator.config.ConfigLoader;
import dev.gitops.validator.transition.StandardChecks;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;

/** A repository in a temporary folder, validated in-process. */
record TempRepo(Path root) {

    static final Clock TODAY = Clock.fixed(LocalDate.of(2026, 6, 1).atStartOfDay().toInstant(ZoneOffset.UTC),
            ZoneOffset.UTC);

    TempRepo write(String relative, String content) throws IOException {
        Path p = root.resolve(relative);
        Files.createDirectories(p.getParent());
        Files.writeString(p, content, StandardCharsets.UTF_8);
        return this;
    }

    /** Validates with the core stages (yaml, waiver) only. */
    Report validate(boolean annotationWaivers, String... paths) throws Exception {
        return validate(only("yaml", "waiver"), annotationWaivers, paths);
    }

    Report validate(RuleFilter filter, boolean annotationWaivers, String... paths) throws Exception {
        List<String> given = java.util.Arrays.stream(paths).map(p -> root.resolve(p).toString()).toList();
        return new Validator(StandardChecks.all(), TODAY).run(new RunRequest(root, given, null,
                ConfigLoader.load(root, StandardChecks.all().configSections()), filter, annotationWaivers, RunOptions.NONE));
    }

    static RuleFilter only(String... rules) {
        return new RuleFilter(Set.of(rules), Set.of());
    }
}
