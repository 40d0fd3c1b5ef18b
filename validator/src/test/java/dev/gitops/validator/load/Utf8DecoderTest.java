package dev.gitops.validator.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.gitops.validator.source.Position;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class Utf8DecoderTest {

    /** The bytes of the given parts: a String as UTF-8, an Integer as one raw byte. */
    private static byte[] bytes(Object... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (Object p : parts) {
            if (p instanceof String s) {
                out.writeBytes(s.getBytes(StandardCharsets.UTF_8));
            } else {
                out.write((Integer) p);
            }
        }
        return out.toByteArray();
    }

    private static Utf8Decoder.InvalidEncoding refused(byte[] b) {
        return assertThrows(Utf8Decoder.InvalidEncoding.class, () -> Utf8Decoder.decode(b));
    }

    @Test
    void decodesUtf8IncludingCharactersOutsideTheBasicPlane() throws Exception {
        assertEquals("name: café € 😀\n", Utf8Decoder.decode(bytes("name: café € 😀\n")));
        assertEquals("", Utf8Decoder.decode(new byte[0]));
    }

    @Test
    void keepsAReplacementCharacterTheFileHolds() throws Exception {
        assertEquals("a: \uFFFD\n", Utf8Decoder.decode(bytes("a: \uFFFD\n")));
    }

    @Test
    void dropsAUtf8ByteOrderMark() throws Exception {
        assertEquals("kind: A\n", Utf8Decoder.decode(bytes(0xEF, 0xBB, 0xBF, "kind: A\n")));
        assertEquals("", Utf8Decoder.decode(bytes(0xEF, 0xBB, 0xBF)));
    }

    @Test
    void refusesUtf16ByItsByteOrderMark() {
        for (byte[] b : new byte[][] {bytes(0xFE, 0xFF, 0, "a"), bytes(0xFF, 0xFE, "a", 0)}) {
            Utf8Decoder.InvalidEncoding e = refused(b);
            assertEquals("file is UTF-16 encoded; manifests must be UTF-8", e.getMessage());
            assertEquals(Position.START, e.position());
        }
    }

    @Test
    void columnsOfAnInvalidByteCountCharactersNotBytes() {
        // é is 2 bytes, € 3, 😀 4 (and two UTF-16 units): each is one column
        Utf8Decoder.InvalidEncoding e = refused(bytes("a:\nname: é€😀", 0xFF, "\n"));
        assertEquals("invalid UTF-8 byte 0xFF", e.getMessage());
        assertEquals(new Position(2, 10), e.position());
    }

    @Test
    void crlfLineEndsCountAsOneLineEach() {
        Utf8Decoder.InvalidEncoding e = refused(bytes("a: 1\r\nb: 2\r\nc: ", 0xC3, 0x28, "\r\n"));
        assertEquals("invalid UTF-8 byte 0xC3", e.getMessage());
        assertEquals(new Position(3, 4), e.position());
    }

    @Test
    void positionsAfterAByteOrderMarkStartAtTheFirstCharacter() {
        assertEquals(new Position(1, 1), refused(bytes(0xEF, 0xBB, 0xBF, 0x80, "a: b\n")).position());
    }

    @Test
    void aTruncatedSequenceIsReportedAtItsLeadByte() {
        Utf8Decoder.InvalidEncoding e = refused(bytes("a: x", 0xE2, 0x82));
        assertEquals("invalid UTF-8 byte 0xE2", e.getMessage());
        assertEquals(new Position(1, 5), e.position());
    }

    @Test
    void bytesThatStartNoSequenceAreRefused() {
        // 0xC0 and 0xC1 only start overlong forms, 0xF5 and above start none
        assertEquals("invalid UTF-8 byte 0xC0", refused(bytes("k: ", 0xC0, 0xAF)).getMessage());
        assertEquals("invalid UTF-8 byte 0xF8", refused(bytes("k: ", 0xF8)).getMessage());
        assertEquals("invalid UTF-8 byte 0x80", refused(bytes("k: ", 0x80)).getMessage());
    }

    @Test
    void anEncodedSurrogateIsRefused() {
        // well-formed by lead and continuation bytes, but U+D800 is no character: found by the
        // strict decoder, reported at the last byte since no lead byte is at fault
        Utf8Decoder.InvalidEncoding e = refused(bytes("k: ", 0xED, 0xA0, 0x80));
        assertEquals("invalid UTF-8 byte 0x80", e.getMessage());
        assertEquals(new Position(1, 5), e.position());
    }
}
