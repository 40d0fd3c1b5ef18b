package dev.gitops.processor.document;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class DocumentIdTest {
    private static final SecureRandom RANDOM = new SecureRandom();

    private static Clock at(long millis) {
        return Clock.fixed(Instant.ofEpochMilli(millis), ZoneOffset.UTC);
    }

    @Test
    void generatedIdsAreVersion7UuidsCarryingTheTime() {
        long millis = Instant.parse("2026-11-30T12:00:00Z").toEpochMilli();
        DocumentId id = DocumentId.generate(at(millis), RANDOM);
        UUID uuid = UUID.fromString(id.value());
        assertEquals(7, uuid.version());
        assertEquals(2, uuid.variant());
        assertEquals(millis, uuid.getMostSignificantBits() >>> 16);
        assertEquals(Optional.of(id), DocumentId.parse(id.value()));
    }

    @Test
    void idsSortInUploadOrder() {
        List<DocumentId> ids = new ArrayList<>();
        for (long t = 1_700_000_000_000L; t < 1_700_000_000_000L + 50; t++) ids.add(DocumentId.generate(at(t), RANDOM));
        List<DocumentId> sorted = new ArrayList<>(ids);
        sorted.sort(null);
        assertEquals(ids, sorted);
    }

    @Test
    void idsGeneratedInTheSameMillisecondDiffer() {
        HashSet<DocumentId> ids = new HashSet<>();
        for (int i = 0; i < 1000; i++) ids.add(DocumentId.generate(at(42), RANDOM));
        assertEquals(1000, ids.size());
    }

    @Test
    void parseRejectsAnythingButALowerCaseVersion7Uuid() {
        String valid = DocumentId.generate(Clock.systemUTC(), RANDOM).value();
        assertTrue(DocumentId.parse(valid).isPresent());
        for (String bad : new String[] {null, "", "not-an-id", valid.toUpperCase(), valid + "0", "../" + valid,
                UUID.randomUUID().toString(), valid.replace('-', '_')}) {
            assertEquals(Optional.empty(), DocumentId.parse(bad), String.valueOf(bad));
        }
        assertThrows(IllegalArgumentException.class, () -> new DocumentId("tenants/x"));
    }
}
