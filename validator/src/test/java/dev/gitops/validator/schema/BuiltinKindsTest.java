package dev.gitops.validator.schema;

import dev.gitops.validator.check.KubernetesVersion;
import dev.gitops.validator.finding.Suggestions;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class BuiltinKindsTest {

    private final BuiltinKinds kinds = BuiltinKinds.load(KubernetesVersion.DEFAULT);

    @Test
    void everyIndexedKindHasAModelWhoseApiVersionAndKindFieldsExist() {
        ModelCatalog catalog = new ModelCatalog();
        int checked = 0;
        for (String group : List.of("", "apps", "batch", "policy", "autoscaling", "networking.k8s.io",
                "rbac.authorization.k8s.io", "apiextensions.k8s.io", "storage.k8s.io", "admissionregistration.k8s.io")) {
            for (String kind : kinds.kindsOf(group)) {
                for (BuiltinKinds.Served s : kinds.versionsOf(group, kind)) {
                    ModelInfo info = catalog.model(kinds.modelClass(s));
                    assertTrue(info.fields().containsKey("apiVersion") && info.fields().containsKey("kind"),
                            s + " -> " + info.name());
                    checked++;
                }
            }
        }
        assertTrue(checked > 80, "checked " + checked);
    }

    @Test
    void removedAndDeprecatedApiVersionsNameTheirReplacement() {
        assertTrue(kinds.served("policy", "v1beta1", "PodDisruptionBudget").isEmpty());
        assertEquals("policy/v1", kinds.removed("policy/v1beta1", "PodDisruptionBudget").orElseThrow().replacement());
        assertEquals("apps/v1", kinds.removed("apps/v1beta2", "Deployment").orElseThrow().replacement());
        assertEquals("v2", kinds.versionsOf("autoscaling", "HorizontalPodAutoscaler").getFirst().version());
        assertTrue(kinds.isBuiltinGroup("extensions"));
        assertFalse(kinds.isBuiltinGroup("gateway.networking.k8s.io"));
        assertEquals("CoreV1Event", kinds.served("", "v1", "Event").orElseThrow().modelClass());
        assertEquals("EventsV1Event", kinds.served("events.k8s.io", "v1", "Event").orElseThrow().modelClass());
    }

    @Test
    void suggestionsAndFormats() {
        assertEquals("imagePullPolicy", Suggestions.closest("imagePullPolcy", List.of("image", "imagePullPolicy", "name")));
        assertEquals("Deployment", Suggestions.closest("Deploymnet", List.of("DaemonSet", "Deployment")));
        assertNull(Suggestions.closest("colour", List.of("size", "replicas")));
        assertNull(ValueFormats.quantity("1Gi"));
        assertNull(ValueFormats.quantity("250m"));
        assertTrue(ValueFormats.quantity("1GB").contains("not a valid quantity"));
        assertNull(ValueFormats.goDuration("1h30m"));
        assertNull(ValueFormats.goDuration("300ms"));
        assertTrue(ValueFormats.goDuration("PT1H") != null);
        assertNull(ValueFormats.base64("c2VjcmV0"));
        assertTrue(ValueFormats.base64("not base64!") != null);
        assertNull(ValueFormats.dateTime("2026-01-31T12:00:00Z"));
    }
}
