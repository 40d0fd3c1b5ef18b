package dev.gitops.processor.storage;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.HexFormat;
import javax.crypto.Cipher;
import javax.crypto.CipherInputStream;
import javax.crypto.CipherOutputStream;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * A bounded buffer for one document in transit: kept in memory up to a threshold, beyond it spilled to a
 * temporary file encrypted with a key that exists only in this object (so no plaintext document ever
 * reaches the local disk). Counts bytes and computes the SHA-256 as it is written.
 */
public final class Spool implements AutoCloseable {
    private static final SecureRandom RANDOM = new SecureRandom();

    private final int memoryLimit;
    private final long maxBytes;
    private final MessageDigest sha256;
    private Memory memory;
    private Path file;
    private OutputStream fileOut;
    private byte[] fileKey;
    private byte[] fileIv;
    private long size;
    private boolean sealed;

    /** @param maxBytes the most this spool accepts; writing beyond it throws {@link TooLargeException}. */
    public Spool(int memoryLimit, long maxBytes) {
        this(memoryLimit, maxBytes, 0);
    }

    /**
     * @param expectedBytes the size announced for the content (a Content-Length, a stored size), so the
     *                      memory buffer is allocated once instead of grown by copying; 0 when unknown
     */
    public Spool(int memoryLimit, long maxBytes, long expectedBytes) {
        this.memoryLimit = memoryLimit;
        this.maxBytes = maxBytes;
        this.memory = new Memory(Math.clamp(expectedBytes, 0, Math.max(0, memoryLimit)));
        try {
            this.sha256 = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Thrown when more than {@code maxBytes} are written. */
    public static final class TooLargeException extends IOException {
        public TooLargeException(long limit) {
            super("more than " + limit + " bytes");
        }
    }

    /** Copies {@code in} to its end into this spool. */
    public Spool fill(InputStream in) throws IOException {
        byte[] buffer = new byte[64 * 1024];
        int n;
        while ((n = in.read(buffer)) >= 0) write(buffer, 0, n);
        return seal();
    }

    public void write(byte[] b, int off, int len) throws IOException {
        if (sealed) throw new IllegalStateException("spool is sealed");
        if (size + len > maxBytes) throw new TooLargeException(maxBytes);
        sha256.update(b, off, len);
        size += len;
        if (file == null && memory.size() + len > memoryLimit) spill();
        if (file != null) fileOut.write(b, off, len);
        else memory.write(b, off, len);
    }

    public Spool seal() throws IOException {
        if (!sealed && fileOut != null) fileOut.close();
        sealed = true;
        return this;
    }

    private void spill() throws IOException {
        fileKey = new byte[32];
        fileIv = new byte[16];
        RANDOM.nextBytes(fileKey);
        RANDOM.nextBytes(fileIv);
        file = Files.createTempFile("processor-spool-", ".bin");
        fileOut = new CipherOutputStream(Files.newOutputStream(file), cipher(Cipher.ENCRYPT_MODE));
        memory.writeTo(fileOut);
        memory = null;
    }

    private Cipher cipher(int mode) {
        try {
            Cipher c = Cipher.getInstance("AES/CTR/NoPadding");
            c.init(mode, new SecretKeySpec(fileKey, "AES"), new IvParameterSpec(fileIv));
            return c;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    public long size() {
        return size;
    }

    public boolean inMemory() {
        return file == null;
    }

    /** Hex SHA-256 of everything written. Only valid once sealed. */
    public String sha256Hex() {
        if (!sealed) throw new IllegalStateException("spool is not sealed");
        try {
            return HexFormat.of().formatHex(((MessageDigest) sha256.clone()).digest());
        } catch (CloneNotSupportedException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A fresh stream over the content; may be called more than once. */
    public InputStream open() {
        if (!sealed) throw new IllegalStateException("spool is not sealed");
        if (file == null) return memory.stream();
        try {
            return new CipherInputStream(Files.newInputStream(file), cipher(Cipher.DECRYPT_MODE));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The content as bytes; for small spools only (texts, records). */
    public byte[] toByteArray() throws IOException {
        if (file == null) return memory.toByteArray();
        try (InputStream in = open()) {
            return in.readAllBytes();
        }
    }

    /** The in-memory buffer; once sealed, streams read it in place instead of copying it. */
    private static final class Memory extends ByteArrayOutputStream {
        Memory(int capacity) {
            super(capacity);
        }

        InputStream stream() {
            return new ByteArrayInputStream(buf, 0, count);
        }
    }

    @Override
    public void close() {
        try {
            if (fileOut != null) fileOut.close();
            if (file != null) Files.deleteIfExists(file);
        } catch (IOException ignored) {
            // best effort: the file is encrypted with a key that is now gone
        }
        memory = null;
        fileKey = null;
    }
}
