package dev.gitops.validator.load;

import dev.gitops.validator.source.Position;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Turns a manifest's bytes into text. Manifests must be UTF-8: a UTF-8 byte order mark is dropped,
 * UTF-16 and invalid bytes are refused with the line and column where the problem starts (columns
 * count characters, not bytes).
 */
final class Utf8Decoder {

    private static final char REPLACEMENT = '\uFFFD';

    private Utf8Decoder() {
    }

    /** Why bytes are not a UTF-8 manifest, and where. */
    static final class InvalidEncoding extends Exception {

        private final transient Position position;

        InvalidEncoding(String message, Position position) {
            super(message, null, false, false);
            this.position = position;
        }

        Position position() {
            return position;
        }
    }

    /** The text of {@code bytes}, without a leading byte order mark. */
    static String decode(byte[] bytes) throws InvalidEncoding {
        if (bytes.length >= 2 && ((bytes[0] == (byte) 0xFE && bytes[1] == (byte) 0xFF)
                || (bytes[0] == (byte) 0xFF && bytes[1] == (byte) 0xFE))) {
            throw new InvalidEncoding("file is UTF-16 encoded; manifests must be UTF-8", Position.START);
        }
        int offset = hasUtf8Bom(bytes) ? 3 : 0;
        // The lenient decoder is the fast one; it replaces every malformed sequence by U+FFFD, so
        // text without U+FFFD was valid. Text with it is decoded again strictly, since the file may
        // hold a U+FFFD of its own.
        String text = new String(bytes, offset, bytes.length - offset, StandardCharsets.UTF_8);
        if (text.indexOf(REPLACEMENT) < 0) {
            return text;
        }
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes, offset, bytes.length - offset))
                    .toString();
        } catch (CharacterCodingException e) {
            int bad = firstInvalidByte(bytes, offset);
            throw new InvalidEncoding(String.format("invalid UTF-8 byte 0x%02X", bytes[bad] & 0xFF),
                    positionOfByte(bytes, offset, bad));
        }
    }

    private static boolean hasUtf8Bom(byte[] b) {
        return b.length >= 3 && b[0] == (byte) 0xEF && b[1] == (byte) 0xBB && b[2] == (byte) 0xBF;
    }

    /**
     * The first byte that starts no well-formed sequence by lead byte and continuation bytes; the
     * last byte when every sequence is well-formed by that measure (an overlong form or a surrogate).
     */
    static int firstInvalidByte(byte[] b, int from) {
        int i = from;
        while (i < b.length) {
            int len = sequenceLength(b[i] & 0xFF);
            if (len == 0 || i + len > b.length) {
                return i;
            }
            for (int k = 1; k < len; k++) {
                if ((b[i + k] & 0xC0) != 0x80) {
                    return i;
                }
            }
            i += len;
        }
        return Math.max(from, b.length - 1);
    }

    /** Bytes in the sequence a lead byte starts, 0 for a byte that starts none. */
    private static int sequenceLength(int lead) {
        if (lead < 0x80) {
            return 1;
        }
        if (lead >= 0xC2 && lead <= 0xDF) {
            return 2;
        }
        if (lead >= 0xE0 && lead <= 0xEF) {
            return 3;
        }
        if (lead >= 0xF0 && lead <= 0xF4) {
            return 4;
        }
        return 0;
    }

    /** Line and column of byte {@code index}, counting from byte {@code from}; columns count characters. */
    static Position positionOfByte(byte[] b, int from, int index) {
        int line = 1;
        int column = 1;
        for (int i = from; i < index; i++) {
            if (b[i] == '\n') {
                line++;
                column = 1;
            } else if ((b[i] & 0xC0) != 0x80) {
                column++;
            }
        }
        return new Position(line, column);
    }
}
