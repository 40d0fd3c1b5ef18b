package dev.gitops.validator.daemon;

import dev.gitops.validator.cli.Embedding;
import dev.gitops.validator.cli.Main;
import dev.gitops.validator.policy.WarmOpa;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * The validation daemon of one repository: a JVM that stays up between runs with its classes
 * loaded and compiled and an OPA holding the compiled policies, and answers {@code validate}
 * requests on a Unix socket only its user can reach.
 *
 * <p>It never serves a stale result: every run reads the tree from disk as a one-shot run does
 * (nothing about the files is kept between runs), a run that applies policy rules hands OPA the
 * library it read and OPA is restarted when the library changed ({@link WarmOpa}), and a request from another build (the jar was
 * rebuilt) or another {@code GITOPS_*} environment is declined and the daemon retires. It exits
 * after {@code idle} without a request, on {@code ./gitops daemon stop}, and when its jar changes.
 *
 * <p>Usage: {@code java -cp validator.jar dev.gitops.validator.daemon.Server ROOT IDLE_SECONDS}.
 */
public final class Server {

    private final DaemonAddress address;
    private final Duration idle;
    private final BuildIdentity identity;
    private final WarmOpa opa = new WarmOpa();
    private final Instant started = Instant.now();
    private int served;
    private Instant lastRun;

    Server(DaemonAddress address, Duration idle, BuildIdentity identity) {
        this.address = address;
        this.idle = idle;
        this.identity = identity;
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 2) {
            System.err.println("usage: Server ROOT IDLE_SECONDS");
            System.exit(2);
        }
        DaemonAddress address = DaemonAddress.of(Path.of(args[0]));
        address.secure();
        Server server = new Server(address, Duration.ofSeconds(Long.parseLong(args[1])), BuildIdentity.current());
        try (FileChannel lockFile = FileChannel.open(address.lock(), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
             FileLock lock = lock(lockFile)) {
            if (lock == null) {
                log("another daemon serves " + address.root() + "; exiting");
                return;
            }
            server.serve();
        }
    }

    /** The daemon lock, waiting up to 5 s for a retiring daemon to release it; null if another keeps it. */
    private static FileLock lock(FileChannel file) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + 5_000_000_000L;
        FileLock lock = file.tryLock();
        while (lock == null && System.nanoTime() < deadline) {
            Thread.sleep(50);
            lock = file.tryLock();
        }
        return lock;
    }

    /** Warms up, then answers requests until idle, stopped or retired. */
    void serve() throws IOException {
        log("daemon " + ProcessHandle.current().pid() + " for " + address.root() + ", idle timeout " + idle);
        warmUp();
        Files.deleteIfExists(address.socket());
        try (ServerSocketChannel channel = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
             Selector selector = Selector.open()) {
            channel.bind(UnixDomainSocketAddress.of(address.socket()));
            channel.configureBlocking(false);
            channel.register(selector, SelectionKey.OP_ACCEPT);
            log("listening on " + address.socket());
            boolean running = true;
            boolean collected = true;
            while (running) {
                if (selector.select(collected ? idle.toMillis() : COLLECT_WHEN_IDLE.toMillis()) == 0) {
                    if (!collected) {
                        collected = giveBackMemory();
                        continue;
                    }
                    log("idle for " + idle + "; exiting");
                    break;
                }
                selector.selectedKeys().clear();
                SocketChannel client = channel.accept();
                if (client != null) {
                    client.configureBlocking(true);
                    try (client) {
                        running = answer(client);
                    } catch (IOException | RuntimeException e) {
                        log("request failed: " + e);
                    }
                    collected = heapInUse() > COLLECT_ABOVE_BYTES && giveBackMemory();
                }
            }
        } finally {
            Files.deleteIfExists(address.socket());
            opa.close();
        }
    }

    /**
     * Nothing of a run is kept once it is answered, but the collector only frees it when the heap is full, and a heap
     * grown by one large run stays that large: a resident daemon would hold hundreds of megabytes between runs. So it
     * collects, and the JVM gives the freed heap back (the heap flags {@link Client} starts it with), either
     * right after a run that left more than this in use, or once no request came for {@link #COLLECT_WHEN_IDLE}.
     * Back-to-back small runs (an editor's or a hook's) pay for no collection.
     */
    static final long COLLECT_ABOVE_BYTES = 64L << 20;
    static final Duration COLLECT_WHEN_IDLE = Duration.ofSeconds(2);

    private static long heapInUse() {
        Runtime runtime = Runtime.getRuntime();
        return runtime.totalMemory() - runtime.freeMemory();
    }

    /** A full collection between runs (see {@link #COLLECT_ABOVE_BYTES}); always true, for the loop's flag. */
    private static boolean giveBackMemory() {
        System.gc();
        return true;
    }

    /** Loads and compiles what a run uses by validating the repository once, output discarded. */
    private void warmUp() {
        long t = System.nanoTime();
        int code = run(List.of("validate", "--format", "json"), false).exitCode();
        log("warmed up in " + (System.nanoTime() - t) / 1_000_000 + " ms (exit " + code + ")");
    }

    /** Answers one request; false when the daemon should stop. */
    private boolean answer(SocketChannel client) throws IOException {
        DataInputStream in = new DataInputStream(Channels.newInputStream(client));
        DataOutputStream out = new DataOutputStream(Channels.newOutputStream(client));
        Protocol.Request request = Protocol.Request.read(in);
        String retire = retirement(request);
        if (retire != null) {
            log("retiring: " + retire);
            Protocol.Reply.text(Protocol.Outcome.STALE, retire).write(out);
            return false;
        }
        switch (request.kind()) {
            case STOP -> {
                Protocol.Reply.text(Protocol.Outcome.INFO, "stopped the daemon " + ProcessHandle.current().pid()
                        + " of " + address.root() + "\n").write(out);
                log("stopped on request");
                return false;
            }
            case STATUS -> Protocol.Reply.text(Protocol.Outcome.INFO, status()).write(out);
            case RUN -> {
                if (!Path.of(request.cwd()).toRealPath().equals(address.root())) {
                    Protocol.Reply.text(Protocol.Outcome.DECLINED, "serves " + address.root() + " only").write(out);
                } else {
                    Protocol.Reply reply = run(request.args(), request.terminal());
                    served++;
                    lastRun = Instant.now();
                    reply.write(out);
                }
            }
        }
        return true;
    }

    /**
     * Why this daemon must retire instead of answering, or null: its jar changed, or a run is asked
     * by a client of another build or environment (status and stop are answered whatever the client).
     */
    private String retirement(Protocol.Request request) throws IOException {
        if (!BuildIdentity.build(BuildIdentity.jar()).equals(identity.build())) {
            return "the validator was rebuilt since the daemon started";
        }
        if (request.kind() != Protocol.Kind.RUN) {
            return null;
        }
        BuildIdentity client = request.identity();
        if (!client.build().equals(identity.build())) {
            return "the client runs another build of the validator";
        }
        if (!identity.servesEnvironmentOf(client)) {
            return "the client's GITOPS_* environment differs from the daemon's";
        }
        return null;
    }

    private Protocol.Reply run(List<String> args, boolean terminal) {
        ByteArrayOutputStream stdout = new ByteArrayOutputStream();
        ByteArrayOutputStream stderr = new ByteArrayOutputStream();
        int code;
        try (PrintWriter out = new PrintWriter(stdout, true, StandardCharsets.UTF_8);
             PrintWriter err = new PrintWriter(stderr, true, StandardCharsets.UTF_8)) {
            code = Main.run(new Embedding(new ByteArrayInputStream(new byte[0]), terminal, opa), out, err,
                    args.toArray(String[]::new));
        }
        return Protocol.Reply.served(code, stdout.toByteArray(), stderr.toByteArray());
    }

    private String status() {
        long now = Instant.now().getEpochSecond();
        return "daemon: running\n"
                + "pid: " + ProcessHandle.current().pid() + "\n"
                + "repository: " + address.root() + "\n"
                + "socket: " + address.socket() + "\n"
                + "up: " + (now - started.getEpochSecond()) + " s\n"
                + "runs served: " + served + "\n"
                + "last run: " + (lastRun == null ? "never" : (now - lastRun.getEpochSecond()) + " s ago") + "\n"
                + "idle timeout: " + idle.toSeconds() + " s\n"
                + "heap: " + (heapInUse() >> 20) + " MB in use, " + (Runtime.getRuntime().totalMemory() >> 20)
                + " MB committed\n"
                + "opa: " + opa.pid().map(p -> "pid " + p).orElse("not running") + ", started " + opa.starts()
                + " time(s)\n";
    }

    private static void log(String message) {
        System.err.println(Instant.now() + " " + message);
    }
}
