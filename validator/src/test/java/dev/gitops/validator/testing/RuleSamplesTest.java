package dev.gitops.validator.testing;

import dev.gitops.validator.transition.StandardChecks;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.TestFactory;

/** Every rule folder under {@code validator/rules/}: its README, allowed and denied samples. */
class RuleSamplesTest {

    @TestFactory
    Stream<DynamicNode> ruleFolders() {
        return RuleSamples.forAllRules(Path.of("rules"), StandardChecks.all());
    }
}
