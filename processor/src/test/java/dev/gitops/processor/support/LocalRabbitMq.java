package dev.gitops.processor.support;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The local RabbitMQ broker the tests run against: Debian's rabbitmq-server, installed and started by
 * {@code scripts/lib/rabbitmq.sh} when nothing answers on localhost:5672.
 */
public final class LocalRabbitMq {
    private LocalRabbitMq() {}

    public static synchronized void ensureRunning() {
        if (answers()) return;
        Path script = repositoryRoot().resolve("scripts/lib/rabbitmq.sh");
        run(List.of("bash", script.toString(), "ensure"), 300);
        if (!answers()) throw new IllegalStateException("RabbitMQ does not answer on localhost:5672 after " + script);
    }

    public static boolean answers() {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", 5672), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** Restarts the RabbitMQ application on the node: every connection drops, durable state survives. */
    public static void restart() {
        run(List.of("rabbitmqctl", "-q", "stop_app"), 120);
        run(List.of("rabbitmqctl", "-q", "start_app"), 120);
        run(List.of("rabbitmqctl", "-q", "await_startup"), 120);
    }

    public static Path repositoryRoot() {
        String root = System.getenv("GITOPS_ROOT");
        if (root != null && Files.exists(Path.of(root, "scripts"))) return Path.of(root);
        Path p = Path.of("").toAbsolutePath();
        while (p != null && !Files.exists(p.resolve("scripts/lib/rabbitmq.sh"))) p = p.getParent();
        if (p == null) throw new IllegalStateException("cannot find the repository root (scripts/lib/rabbitmq.sh)");
        return p;
    }

    static void run(List<String> command, int timeoutSeconds) {
        try {
            Process p = new ProcessBuilder(command).inheritIO().start();
            if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IllegalStateException(command + " did not finish within " + timeoutSeconds + " s");
            }
            if (p.exitValue() != 0) throw new IllegalStateException(command + " exited " + p.exitValue());
        } catch (IOException e) {
            throw new IllegalStateException("cannot run " + command + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
