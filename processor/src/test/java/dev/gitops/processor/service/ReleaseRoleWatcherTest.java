package dev.gitops.processor.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gitops.processor.config.ConfigException;
import dev.gitops.processor.config.ProcessorConfig;
import dev.gitops.processor.config.ReleaseRole;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReleaseRoleWatcherTest {
    private static final String LABEL = "gitops.dev/release-role";

    @TempDir
    Path dir;

    private Path labels(String content) throws Exception {
        return Files.writeString(dir.resolve("labels"), content);
    }

    @Test
    void readsTheRoleFromADownwardApiLabelsFile() throws Exception {
        assertEquals(ReleaseRole.PREVIEW, ReleaseRoleWatcher.read(
                labels("app=\"processor\"\ngitops.dev/release-role=\"preview\"\nrollouts-pod-template-hash=\"5d8\"\n"), LABEL));
        assertEquals(ReleaseRole.ACTIVE, ReleaseRoleWatcher.read(labels("gitops.dev/release-role=\"active\"\n"), LABEL));
    }

    @Test
    void aPodWithoutTheLabelIsActive() throws Exception {
        assertEquals(ReleaseRole.ACTIVE, ReleaseRoleWatcher.read(labels("app=\"processor\"\n"), LABEL));
        assertEquals(ReleaseRole.ACTIVE, new ReleaseRoleWatcher(
                new ProcessorConfig.Release(Optional.empty(), LABEL, Duration.ofSeconds(1))).current());
    }

    @Test
    void anUnknownRoleOrAMissingFileStopsTheStart() throws Exception {
        Path bad = labels("gitops.dev/release-role=\"canary\"\n");
        ConfigException e = assertThrows(ConfigException.class, () -> new ReleaseRoleWatcher(
                new ProcessorConfig.Release(Optional.of(bad), LABEL, Duration.ofSeconds(1))));
        assertTrue(e.getMessage().contains("is 'canary', expected active or preview"), e.getMessage());
        assertThrows(ConfigException.class, () -> new ReleaseRoleWatcher(
                new ProcessorConfig.Release(Optional.of(dir.resolve("absent")), LABEL, Duration.ofSeconds(1))));
    }

    @Test
    void followsARelabelledPod() throws Exception {
        Path file = labels("gitops.dev/release-role=\"preview\"\n");
        try (ReleaseRoleWatcher watcher = new ReleaseRoleWatcher(
                new ProcessorConfig.Release(Optional.of(file), LABEL, Duration.ofMillis(20)))) {
            java.util.concurrent.BlockingQueue<ReleaseRole> seen = new java.util.concurrent.LinkedBlockingQueue<>();
            watcher.onChange(seen::add);
            watcher.start();
            assertEquals(ReleaseRole.PREVIEW, watcher.current());
            labels("gitops.dev/release-role=\"active\"\n");
            assertEquals(ReleaseRole.ACTIVE, seen.poll(10, java.util.concurrent.TimeUnit.SECONDS));
            assertEquals(ReleaseRole.ACTIVE, watcher.current());
        }
    }
}
