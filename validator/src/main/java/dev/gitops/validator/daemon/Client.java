package dev.gitops.validator.daemon;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The launcher's side of the daemon, kept small so that it starts in a few tens of milliseconds:
 * it loads nothing of the validator.
 *
 * <ul>
 *   <li>{@code Client run ARGS...}: has the repository's daemon (the working folder's) run
 *       {@code ARGS}, and exits with the run's exit code. When no daemon answers it starts one in
 *       the background and exits {@value #NOT_SERVED}, and so it does when the daemon declines
 *       or retires: the launcher then runs the validator itself.</li>
 *   <li>{@code Client status|stop}: the daemon's state, or stops it.</li>
 *   <li>{@code Client start}: starts it if it is not running.</li>
 * </ul>
 *
 * <p>Settings: {@code GITOPS_DAEMON_IDLE} (seconds without a request before the daemon exits,
 * default 10800), {@code GITOPS_DAEMON_DEBUG=1} (say on standard error why a run was not served).
 */
public final class Client {

    /** Exit code: not served, run the validator in this process instead (EX_TEMPFAIL). */
    static final int NOT_SERVED = 75;

    private static final long DEFAULT_IDLE_SECONDS = 3 * 3600;
    private static final long LOG_LIMIT = 1024 * 1024;

    private Client() {
    }

    public static void main(String[] args) {
        System.exit(run(args));
    }

    static int run(String[] args) {
        if (args.length == 0) {
            System.err.println("usage: Client run ARGS... | status | stop | start");
            return 2;
        }
        try {
            DaemonAddress address = DaemonAddress.of(Path.of("").toAbsolutePath());
            address.secure();
            BuildIdentity identity = BuildIdentity.current();
            List<String> rest = Arrays.asList(args).subList(1, args.length);
            return switch (args[0]) {
                case "run" -> run(address, identity, rest);
                case "status" -> info(address, identity, Protocol.Kind.STATUS, "daemon: not running for " + address.root());
                case "stop" -> info(address, identity, Protocol.Kind.STOP, "daemon: not running for " + address.root());
                case "start" -> start(address, identity);
                default -> {
                    System.err.println("unknown daemon command '" + args[0] + "' (run, status, stop, start)");
                    yield 2;
                }
            };
        } catch (IOException | RuntimeException e) {
            debug("daemon unavailable: " + e);
            return NOT_SERVED;
        }
    }

    private static int run(DaemonAddress address, BuildIdentity identity, List<String> args) throws IOException {
        boolean terminal = System.console() != null && System.getenv("NO_COLOR") == null;
        Protocol.Reply reply = ask(address, new Protocol.Request(Protocol.Kind.RUN, identity,
                Path.of("").toAbsolutePath().toString(), terminal, args));
        if (reply == null) {
            spawn(address);
            debug("no daemon answered; starting one");
            return NOT_SERVED;
        }
        switch (reply.outcome()) {
            case SERVED -> {
                System.out.write(reply.stdout());
                System.out.flush();
                System.err.write(reply.stderr());
                System.err.flush();
                return reply.exitCode();
            }
            case STALE -> {
                debug("daemon retired: " + reply.text());
                waitUntilGone(address);
                spawn(address);
                return NOT_SERVED;
            }
            default -> {
                debug("daemon declined: " + reply.text());
                return NOT_SERVED;
            }
        }
    }

    private static int info(DaemonAddress address, BuildIdentity identity, Protocol.Kind kind, String none)
            throws IOException {
        Protocol.Reply reply = ask(address, new Protocol.Request(kind, identity, "", false, List.of()));
        if (reply == null) {
            System.out.println(none);
            return kind == Protocol.Kind.STATUS ? 3 : 0;
        }
        if (reply.outcome() == Protocol.Outcome.STALE) {
            System.out.println("daemon: retired (" + reply.text() + ")");
            return kind == Protocol.Kind.STATUS ? 3 : 0;
        }
        System.out.print(reply.text());
        return 0;
    }

    private static int start(DaemonAddress address, BuildIdentity identity) throws IOException {
        Protocol.Reply reply = ask(address, new Protocol.Request(Protocol.Kind.STATUS, identity, "", false, List.of()));
        if (reply != null && reply.outcome() == Protocol.Outcome.INFO) {
            System.out.print(reply.text());
            return 0;
        }
        if (reply != null) {
            waitUntilGone(address);
        }
        spawn(address);
        System.out.println("daemon: starting for " + address.root() + " (log: " + address.log() + ")");
        return 0;
    }

    /** The daemon's reply, or null when none listens. */
    private static Protocol.Reply ask(DaemonAddress address, Protocol.Request request) throws IOException {
        if (!Files.exists(address.socket())) {
            return null;
        }
        SocketChannel channel;
        try {
            channel = SocketChannel.open(StandardProtocolFamily.UNIX);
            channel.connect(UnixDomainSocketAddress.of(address.socket()));
        } catch (IOException e) {
            return null; // a socket file left by a daemon that died
        }
        try (channel) {
            request.write(new DataOutputStream(Channels.newOutputStream(channel)));
            return Protocol.Reply.read(new DataInputStream(Channels.newInputStream(channel)));
        }
    }

    /** Starts a daemon in its own session (so that ^C in the terminal does not reach it), in the background. */
    private static void spawn(DaemonAddress address) throws IOException {
        if (Files.exists(address.log()) && Files.size(address.log()) > LOG_LIMIT) {
            Files.delete(address.log()); // one log per repository, appended by each daemon: keep it small
        }
        List<String> command = new ArrayList<>();
        if (Files.isExecutable(Path.of("/usr/bin/setsid"))) {
            command.add("/usr/bin/setsid");
        }
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        // A small heap that grows with a run and, at the collection the daemon makes between runs, shrinks back at
        // once (Server.COLLECT_ABOVE_BYTES; without -ShrinkHeapInSteps the serial collector shrinks the old
        // generation by 0 %, 10 %, 40 % at the first three). C1 only, as the one-shot run: the first runs are the
        // ones a hook waits for.
        command.addAll(List.of("-XX:+UseSerialGC", "-Xms32m", "-Xmx1g", "-XX:MinHeapFreeRatio=20",
                "-XX:MaxHeapFreeRatio=30", "-XX:-ShrinkHeapInSteps", "-XX:TieredStopAtLevel=1"));
        if (Runtime.version().feature() >= 23) {
            command.add("--sun-misc-unsafe-memory-access=allow");
        }
        command.addAll(List.of("-cp", BuildIdentity.jar().toString(), Server.class.getName(),
                address.root().toString(), String.valueOf(idleSeconds())));
        new ProcessBuilder(command)
                .directory(address.root().toFile())
                .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
                .redirectOutput(ProcessBuilder.Redirect.appendTo(address.log().toFile()))
                .redirectErrorStream(true)
                .start();
    }

    /** Waits (up to 5 s) for a retiring daemon to release its lock, so that the new one can take it. */
    private static void waitUntilGone(DaemonAddress address) {
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (Files.exists(address.socket()) && System.nanoTime() < deadline) {
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private static long idleSeconds() {
        String text = System.getenv("GITOPS_DAEMON_IDLE");
        try {
            long s = text == null ? DEFAULT_IDLE_SECONDS : Long.parseLong(text.strip());
            return s > 0 ? s : DEFAULT_IDLE_SECONDS;
        } catch (NumberFormatException e) {
            return DEFAULT_IDLE_SECONDS;
        }
    }

    private static void debug(String message) {
        if ("1".equals(System.getenv("GITOPS_DAEMON_DEBUG"))) {
            System.err.println("gitops daemon: " + message);
        }
    }
}
