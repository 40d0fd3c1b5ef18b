package dev.gitops.validator.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gitops.validator.domain.arch.ArchitectureCheckProbe;
import dev.gitops.validator.domain.argocd.ManagedWeightsProbe;
import dev.gitops.validator.domain.upstream.UpstreamImages;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The path, image and file-name parsing behind ARGOCD012, UPSTREAM001 and ARCH002. */
class AwsDeployabilityHelpersTest {

    @Test
    void jsonPointersAndJqPathsAreComparedWithIndicesErased() {
        assertEquals(".spec.rules[].backendRefs[].weight", ManagedWeightsProbe.fromPointer("/spec/rules/0/backendRefs/1/weight"));
        assertEquals(".metadata.annotations.a/b", ManagedWeightsProbe.fromPointer("/metadata/annotations/a~1b"));
        assertEquals(".spec.rules[].backendRefs[].weight", ManagedWeightsProbe.fromJq(".spec.rules[0]?.backendRefs[] .weight"));
        assertEquals(".webhooks[]", ManagedWeightsProbe.fromJq(".webhooks[] | select(.name == \"x\")"));
    }

    @Test
    void anIgnoredAncestorCoversTheWeightsButASiblingDoesNot() {
        String weights = ".spec.rules[].backendRefs[].weight";
        assertTrue(ManagedWeightsProbe.covers(".spec.rules", weights));
        assertTrue(ManagedWeightsProbe.covers(".spec.rules[]", weights));
        assertTrue(ManagedWeightsProbe.covers(weights, weights));
        assertFalse(ManagedWeightsProbe.covers(".spec.rulesX", weights));
        assertFalse(ManagedWeightsProbe.covers(".spec.rules[].matches", weights));
        assertFalse(ManagedWeightsProbe.covers("", weights));
    }

    @Test
    void imagesArePinnedByDigestOrVersionTagOnly() {
        assertTrue(UpstreamImages.pinned("quay.io/argoproj/argocd:v3.6.1"));
        assertTrue(UpstreamImages.pinned("kong:3.9"));
        assertTrue(UpstreamImages.pinned("registry:5000/team/app@sha256:" + "a".repeat(64)));
        assertFalse(UpstreamImages.pinned("registry:5000/team/app"));
        assertFalse(UpstreamImages.pinned("nginx:latest"));
        assertFalse(UpstreamImages.pinned("nginx:stable"));
        assertFalse(UpstreamImages.pinned("nginx@sha256:abc"));
    }

    @Test
    void theRecordMustListImagesForEverySource(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("images.yaml");
        Files.writeString(file, "sources:\n  - repoURL: https://charts.example.com/\n    chart: a\n    version: 1.0.0\n    images: []\n");
        UpstreamImages record = UpstreamImages.read(file);
        assertEquals(1, record.forSource("https://charts.example.com", "a", null).size());
        assertTrue(record.forSource("https://charts.example.com", "b", null).isEmpty());
        Files.writeString(file, "sources:\n  - chart: a\n    version: 1.0.0\n");
        IOException e = org.junit.jupiter.api.Assertions.assertThrows(IOException.class, () -> UpstreamImages.read(file));
        assertTrue(e.getMessage().contains("images"), e.getMessage());
        assertTrue(UpstreamImages.read(dir.resolve("missing.yaml")).entries().isEmpty());
    }

    @Test
    void theArchitectureIsReadFromTheDownloadedFileName() {
        assertEquals("amd64", ArchitectureCheckProbe.archOf("https://x/releases/download/v1/plugin-linux-amd64"));
        assertEquals("arm64", ArchitectureCheckProbe.archOf("https://x/v1/plugin_linux_aarch64.tar.gz"));
        assertEquals("amd64", ArchitectureCheckProbe.archOf("https://x/v1/tool-x86_64"));
        assertNull(ArchitectureCheckProbe.archOf("https://x/v1/plugin"));
        assertNull(ArchitectureCheckProbe.archOf("https://amd64.example.com/plugin"));
    }
}
