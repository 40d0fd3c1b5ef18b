package dev.gitops.processor.storage;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class SpoolTest {
    private static byte[] random(int size) {
        byte[] b = new byte[size];
        new Random(size).nextBytes(b);
        return b;
    }

    private static String sha256(byte[] b) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
    }

    private static List<Path> spoolFiles() throws IOException {
        try (Stream<Path> files = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
            return files.filter(p -> p.getFileName().toString().startsWith("processor-spool-")).toList();
        }
    }

    @Test
    void smallContentStaysInMemory() throws Exception {
        byte[] body = "hello".getBytes(StandardCharsets.UTF_8);
        try (Spool spool = new Spool(1024, 1024).fill(new ByteArrayInputStream(body))) {
            assertTrue(spool.inMemory());
            assertEquals(5, spool.size());
            assertEquals(sha256(body), spool.sha256Hex());
            assertArrayEquals(body, spool.toByteArray());
        }
    }

    @Test
    void largeContentSpillsToAnEncryptedFileThatCloseRemoves() throws Exception {
        byte[] body = random(300_000);
        List<Path> before = spoolFiles();
        Path file;
        try (Spool spool = new Spool(64 * 1024, Long.MAX_VALUE).fill(new ByteArrayInputStream(body))) {
            assertFalse(spool.inMemory());
            assertEquals(body.length, spool.size());
            assertEquals(sha256(body), spool.sha256Hex());
            List<Path> created = spoolFiles().stream()
                    .filter(p -> !before.contains(p) && p.toFile().length() == body.length).toList();
            assertEquals(1, created.size());
            file = created.getFirst();
            byte[] onDisk = Files.readAllBytes(file);
            assertEquals(body.length, onDisk.length);
            assertFalse(java.util.Arrays.equals(body, onDisk), "the spill file holds ciphertext only");
            for (int i = 0; i < 2; i++) { // every open() is a fresh stream over the whole content
                try (InputStream in = spool.open()) {
                    assertArrayEquals(body, in.readAllBytes());
                }
            }
        }
        assertFalse(Files.exists(file), "closing removes the spill file");
    }

    @Test
    void writingBeyondTheLimitIsRefused() {
        Spool spool = new Spool(16, 100);
        Spool.TooLargeException e = assertThrows(Spool.TooLargeException.class,
                () -> spool.fill(new ByteArrayInputStream(random(101))));
        assertEquals("more than 100 bytes", e.getMessage());
        spool.close();
    }

    @Test
    void contentIsReadableOnlyOnceSealedAndNotWritableAfter() throws Exception {
        try (Spool spool = new Spool(16, 100)) {
            spool.write(new byte[] {1, 2, 3}, 0, 3);
            assertThrows(IllegalStateException.class, spool::open);
            assertThrows(IllegalStateException.class, spool::sha256Hex);
            spool.seal();
            assertArrayEquals(new byte[] {1, 2, 3}, spool.toByteArray());
            assertThrows(IllegalStateException.class, () -> spool.write(new byte[] {4}, 0, 1));
        }
    }

    @Test
    void anEmptySpoolHasTheDigestOfNothing() throws Exception {
        try (Spool spool = new Spool(16, 100).fill(InputStream.nullInputStream())) {
            assertEquals(0, spool.size());
            assertEquals(sha256(new byte[0]), spool.sha256Hex());
        }
    }
}
