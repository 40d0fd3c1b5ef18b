package dev.gitops.processor.manifests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gitops.processor.support.LocalRabbitMq;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The committed Rollouts carry exactly the pod template JKube generates (see {@link RolloutTemplates}).
 * Fails when processor/src/main/jkube or the plugin configuration changed without
 * {@code ./gitops processor-manifests}, or when the tree was edited by hand where JKube owns it.
 * With {@code -Dprocessor.manifests.write=true} it rewrites the Rollouts instead (what that command runs).
 */
class ProcessorManifestsTest {
    private static final Path GENERATED = Path.of("target/classes/META-INF/jkube/kubernetes/processor-deployment.yml");

    @ParameterizedTest
    @ValueSource(strings = {"even", "odd"})
    void rolloutTemplateIsWhatJKubeGenerates(String cluster) throws Exception {
        assertTrue(Files.exists(GENERATED), GENERATED + " is missing: run the build (k8s:resource runs in process-resources)");
        Path rolloutFile = LocalRabbitMq.repositoryRoot().resolve("apps/processor/" + cluster + "/processor-rollout.yml");
        Map<String, Object> deployment = RolloutTemplates.load(GENERATED);
        Map<String, Object> rollout = RolloutTemplates.load(rolloutFile);
        Map<String, Object> expected = RolloutTemplates.expectedTemplate(deployment, rollout);
        if (Boolean.getBoolean("processor.manifests.write")) {
            String text = Files.readString(rolloutFile, StandardCharsets.UTF_8);
            Files.writeString(rolloutFile, RolloutTemplates.withTemplate(text, expected), StandardCharsets.UTF_8);
            rollout = RolloutTemplates.load(rolloutFile);
        }
        Object actual = RolloutTemplates.child(rollout, "spec").get("template");
        List<String> drift = RolloutTemplates.differences(expected, actual, "spec.template");
        assertEquals(List.of(), drift, rolloutFile + " drifted from JKube's output; run ./gitops processor-manifests");
        // The selector of the Rollout must still select the generated pods.
        Map<String, Object> selector = RolloutTemplates.child(rollout, "spec", "selector", "matchLabels");
        Map<String, Object> labels = RolloutTemplates.child(rollout, "spec", "template", "metadata", "labels");
        selector.forEach((k, v) -> assertEquals(v, labels.get(k), "selector label " + k));
    }
}
