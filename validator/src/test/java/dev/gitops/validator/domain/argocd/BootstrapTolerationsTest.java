package dev.gitops.validator.domain.argocd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gitops.validator.domain.argocd.Taints.Taint;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The toleration matching of ARGOCD014 and what it reads from kustomizations and chart values. */
class BootstrapTolerationsTest {

    private static final Taint SYSTEM = new Taint("CriticalAddonsOnly", "true", "NoSchedule");

    private static Map<String, Object> tol(Object... kv) {
        java.util.LinkedHashMap<String, Object> m = new java.util.LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return m;
    }

    @Test
    void matchesByTheKubernetesRule() {
        assertTrue(Taints.tolerates(List.of(tol("key", "CriticalAddonsOnly", "operator", "Exists")), SYSTEM));
        assertTrue(Taints.tolerates(List.of(tol("key", "CriticalAddonsOnly", "value", "true")), SYSTEM),
                "Equal is the default operator");
        assertTrue(Taints.tolerates(List.of(tol("operator", "Exists")), SYSTEM), "empty key with Exists matches all");
        assertTrue(Taints.tolerates(List.of(tol("key", "CriticalAddonsOnly", "operator", "Exists",
                "effect", "NoSchedule")), SYSTEM));
        assertFalse(Taints.tolerates(List.of(tol("key", "CriticalAddonsOnly", "value", "false")), SYSTEM));
        assertFalse(Taints.tolerates(List.of(tol("key", "CriticalAddonsOnly", "operator", "Exists",
                "effect", "NoExecute")), SYSTEM), "another effect");
        assertFalse(Taints.tolerates(List.of(tol("operator", "Equal")), SYSTEM), "empty key needs Exists");
        assertFalse(Taints.tolerates(List.of(tol("key", "dedicated", "operator", "Exists")), SYSTEM));
        assertFalse(Taints.tolerates(null, SYSTEM));
        assertFalse(Taints.toleratesAll(List.of(tol("key", "CriticalAddonsOnly", "operator", "Exists")),
                List.of(SYSTEM, new Taint("dedicated", "", "NoExecute"))), "every taint must be tolerated");
    }

    @Test
    void chartValuesOverrideTheRecordedDefault() {
        ChartTolerations.Pod karpenter = ChartTolerations.of("karpenter").get(0);
        assertTrue(Taints.tolerates(ChartTolerations.effective(karpenter, Map.of()), SYSTEM), "the chart's default");
        assertFalse(Taints.tolerates(ChartTolerations.effective(karpenter, Map.of("tolerations", List.of())), SYSTEM));
        ChartTolerations.Pod webhook = ChartTolerations.of("cert-manager").get(1);
        assertTrue(Taints.tolerates(ChartTolerations.effective(webhook, Map.of("webhook", Map.of("tolerations",
                List.of(tol("key", "CriticalAddonsOnly", "operator", "Exists"))))), SYSTEM));
        assertNull(ChartTolerations.of("unknown-chart"));
    }

    @Test
    void readsKindWideAndNamedPatches(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("local.yaml"), "kind: Deployment\n");
        Files.writeString(dir.resolve("sts.yaml"), """
                apiVersion: apps/v1
                kind: StatefulSet
                metadata: {name: db}
                spec:
                  template:
                    spec:
                      tolerations: [{key: CriticalAddonsOnly, operator: Exists}]
                """);
        Files.writeString(dir.resolve("kustomization.yaml"), """
                resources:
                  - https://github.com/argoproj/argo-cd//manifests/cluster-install?ref=v3.6.1
                  - local.yaml
                patches:
                  - target: {kind: Deployment}
                    patch: |
                      - op: add
                        path: /spec/template/spec/tolerations
                        value: [{key: CriticalAddonsOnly, operator: Exists}]
                  - path: sts.yaml
                """);
        KustomizePatches k = KustomizePatches.read(dir);
        assertNull(k.error());
        assertEquals(List.of("https://github.com/argoproj/argo-cd//manifests/cluster-install?ref=v3.6.1"), k.remote());
        assertTrue(Taints.tolerates(k.kindWide("Deployment"), SYSTEM));
        assertNull(k.kindWide("StatefulSet"), "a patch naming one StatefulSet does not cover the kind");
        assertTrue(Taints.tolerates(k.tolerationsOf("StatefulSet", "db"), SYSTEM));
        assertNull(k.tolerationsOf("StatefulSet", "other"));
    }

    @Test
    void noKustomizationMeansNothingRemote(@TempDir Path dir) {
        KustomizePatches k = KustomizePatches.read(dir);
        assertNull(k.file());
        assertTrue(k.remote().isEmpty());
    }
}
