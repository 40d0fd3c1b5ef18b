package dev.gitops.validator.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import dev.gitops.validator.check.RuleDocumentation;
import dev.gitops.validator.finding.Rule;
import dev.gitops.validator.load.YamlRules;
import dev.gitops.validator.pipeline.WaiverRules;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Every rule of the core (loader and waivers) has its folder, README and samples, packaged for --explain. */
class CoreRuleFoldersTest {

    @Test
    void everyCoreRuleHasAFolderWithReadmeAndSamples() {
        List<String> missing = new ArrayList<>();
        for (Rule r : Stream.concat(YamlRules.ALL.stream(), WaiverRules.ALL.stream()).toList()) {
            Path dir = Path.of("rules", r.id());
            for (String part : List.of("README.md", "samples/allowed", "samples/denied")) {
                if (!Files.exists(dir.resolve(part))) {
                    missing.add(dir.resolve(part).toString());
                }
            }
            String readme = RuleDocumentation.readme(r.id());
            assertNotNull(readme, r.id() + " README is packaged");
            for (String section : List.of("**Why.**", "**Fix.**", "**Waive.**")) {
                if (!readme.contains(section)) {
                    missing.add(r.id() + " README section " + section);
                }
            }
        }
        assertEquals(List.of(), missing);
    }
}
