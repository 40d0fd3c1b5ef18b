package dev.gitops.processor.document;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A document identifier: a UUID version 7 (time-ordered), so a tenant's documents list in upload order.
 */
public record DocumentId(String value) implements Comparable<DocumentId> {
    private static final Pattern FORMAT =
            Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");

    public DocumentId {
        if (!FORMAT.matcher(value).matches()) throw new IllegalArgumentException("not a document id: " + value);
    }

    public static Optional<DocumentId> parse(String value) {
        return value != null && FORMAT.matcher(value).matches() ? Optional.of(new DocumentId(value)) : Optional.empty();
    }

    public static DocumentId generate(Clock clock, SecureRandom random) {
        long millis = clock.millis();
        long randA = random.nextInt(1 << 12);
        long msb = (millis << 16) | (0x7L << 12) | randA;
        long lsb = (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        return new DocumentId(new java.util.UUID(msb, lsb).toString());
    }

    @Override
    public int compareTo(DocumentId other) {
        return value.compareTo(other.value);
    }

    @Override
    public String toString() {
        return value;
    }
}
