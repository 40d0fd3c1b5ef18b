package dev.gitops.validator.policy;

import dev.gitops.validator.check.CheckFailedException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A private OPA server: {@code opa run --server} on a free loopback port with the policy library
 * loaded. It is stopped by {@link #close()}, and by a shutdown hook if the JVM exits first.
 */
final class OpaServer implements AutoCloseable {

    private static final int ATTEMPTS = 3;
    private static final int OUTPUT_LIMIT = 64 * 1024;

    private final Process process;
    private final URI url;
    private final Thread shutdownHook;
    private final ByteArrayOutputStream output;

    private OpaServer(Process process, URI url, Thread shutdownHook, ByteArrayOutputStream output) {
        this.process = process;
        this.url = url;
        this.shutdownHook = shutdownHook;
        this.output = output;
    }

    URI url() {
        return url;
    }

    long pid() {
        return process.pid();
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /**
     * Starts OPA and waits until {@code /health} answers.
     *
     * @throws CheckFailedException when OPA cannot start, e.g. a policy does not compile (OPA's own
     *     message is included)
     */
    static OpaServer start(Path opa, Path libraryDir, Duration startupTimeout) {
        CheckFailedException last = null;
        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
            int port = freePort();
            try {
                return startOn(opa, libraryDir, port, startupTimeout);
            } catch (PortTaken e) {
                last = new CheckFailedException("policy check: OPA could not bind 127.0.0.1:" + port, e);
            }
        }
        throw last;
    }

    private static OpaServer startOn(Path opa, Path libraryDir, int port, Duration startupTimeout) throws PortTaken {
        List<String> command = List.of(opa.toString(), "run", "--server",
                "--addr", "127.0.0.1:" + port,
                "--disable-telemetry",
                "--log-level", "error",
                "--ignore", "samples",
                "--ignore", ".*",
                libraryDir.toString());
        Process process;
        try {
            process = new ProcessBuilder(command).redirectErrorStream(true).start();
        } catch (IOException e) {
            throw new CheckFailedException("policy check: cannot start " + opa + ": " + e.getMessage(), e);
        }
        try {
            process.getOutputStream().close();
        } catch (IOException e) {
            // nothing is written to OPA's standard input
        }
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        Thread reader = Thread.ofPlatform().daemon().name("opa-output").start(() -> drain(process.getInputStream(), output));
        Thread hook = Thread.ofPlatform().unstarted(() -> destroy(process));
        Runtime.getRuntime().addShutdownHook(hook);
        OpaServer server = new OpaServer(process, URI.create("http://127.0.0.1:" + port), hook, output);
        try {
            server.awaitHealthy(startupTimeout, reader);
            return server;
        } catch (RuntimeException | PortTaken e) {
            server.close();
            throw e;
        }
    }

    private void awaitHealthy(Duration timeout, Thread reader) throws PortTaken {
        HttpClient http = OpaHttp.builder(url).connectTimeout(Duration.ofMillis(500)).build();
        HttpRequest health = HttpRequest.newBuilder(url.resolve("/health")).timeout(Duration.ofSeconds(2)).GET().build();
        long deadline = System.nanoTime() + timeout.toNanos();
        long sleepMillis = 5;
        while (true) {
            if (!process.isAlive()) {
                try {
                    reader.join(2000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                String out = output();
                if (out.contains("address already in use")) {
                    throw new PortTaken(out);
                }
                throw new CheckFailedException("policy check: OPA could not load the policies (exit "
                        + process.exitValue() + "):\n" + out.strip());
            }
            try {
                HttpResponse<Void> r = http.send(health, HttpResponse.BodyHandlers.discarding());
                if (r.statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new CheckFailedException("policy check: interrupted while OPA was starting", e);
            }
            if (System.nanoTime() > deadline) {
                throw new CheckFailedException("policy check: OPA did not become healthy within "
                        + timeout.toSeconds() + " s:\n" + output().strip());
            }
            try {
                Thread.sleep(sleepMillis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new CheckFailedException("policy check: interrupted while OPA was starting", e);
            }
            sleepMillis = Math.min(50, sleepMillis * 2);
        }
    }

    /** What OPA printed so far (bounded). */
    String output() {
        synchronized (output) {
            return output.toString(StandardCharsets.UTF_8);
        }
    }

    private static void drain(InputStream in, ByteArrayOutputStream sink) {
        byte[] buf = new byte[8192];
        try (in) {
            int n;
            while ((n = in.read(buf)) > 0) {
                synchronized (sink) {
                    if (sink.size() < OUTPUT_LIMIT) {
                        sink.write(buf, 0, Math.min(n, OUTPUT_LIMIT - sink.size()));
                    }
                }
            }
        } catch (IOException e) {
            // the process ended
        }
    }

    @Override
    public void close() {
        destroy(process);
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException e) {
            // the JVM is already shutting down: the hook runs anyway
        }
    }

    private static void destroy(Process process) {
        if (!process.isAlive()) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(2, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(2, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    private static int freePort() {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free loopback port", e);
        }
    }

    /** OPA exited because another process took the port between our probe and its bind. */
    private static final class PortTaken extends Exception {
        PortTaken(String output) {
            super(output.strip());
        }
    }
}
