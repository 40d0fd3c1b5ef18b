package dev.gitops.processor.api;

import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;

/**
 * What the API does with a request body it answered before reading whole (413 on a too-large upload, 401, 503 while
 * draining): after the answer is flushed and before the exchange ends, it reads and discards the rest of the body, for
 * a bounded time and number of bytes. Closing a connection with unread bytes makes the kernel send a reset, and a
 * client still sending its body then loses the answer with it: it sees a broken connection instead of the 413. Web
 * servers call this a lingering close (nginx {@code lingering_close}).
 *
 * <p>The bounds are checked between reads: a client that stops sending mid-body keeps its connection until it closes
 * it or the gateway's read timeout does, as during any upload.
 *
 * @param time     how long to keep reading after the answer
 * @param maxBytes the most bytes to discard; beyond them the connection is closed as before
 */
record LingeringClose(Duration time, long maxBytes) {
    /** Five seconds, as nginx's {@code lingering_timeout}; 256 MiB, over three times the largest accepted upload. */
    static final LingeringClose DEFAULT = new LingeringClose(Duration.ofSeconds(5), 256L << 20);

    /** Reads and discards {@code body} until it ends or a bound is reached; true when it ended (the connection can be reused). */
    boolean discard(InputStream body) {
        long deadline = System.nanoTime() + time.toNanos();
        byte[] buffer = new byte[64 * 1024];
        long read = 0;
        try {
            while (read <= maxBytes && System.nanoTime() < deadline) {
                int n = body.read(buffer);
                if (n < 0) return true;
                read += n;
            }
        } catch (IOException e) {
            // the client closed or reset the connection: nothing left to protect
        }
        return false;
    }
}
