package dev.gitops.processor.service;

import dev.gitops.processor.storage.Spool;
import java.io.InputStream;

/**
 * Bytes of a stored document (its original or its text), decrypted and authenticated before this object
 * exists. Close it when sent: spilled content lives in an encrypted temporary file until then.
 */
public final class Content implements AutoCloseable {
    private final Spool spool;
    private final String mediaType;

    Content(Spool spool, String mediaType) {
        this.spool = spool;
        this.mediaType = mediaType;
    }

    public long size() {
        return spool.size();
    }

    public String mediaType() {
        return mediaType;
    }

    /** A fresh stream over the content. */
    public InputStream open() {
        return spool.open();
    }

    @Override
    public void close() {
        spool.close();
    }
}
