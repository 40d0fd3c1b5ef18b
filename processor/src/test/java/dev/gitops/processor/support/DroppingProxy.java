package dev.gitops.processor.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A TCP relay in front of a real server that relays every connection unchanged, except that after
 * {@link #dropNext(int)} it closes the next connections as soon as the client has sent something: a network
 * that loses a request's answer.
 */
public final class DroppingProxy implements AutoCloseable {
    private final ServerSocket server;
    private final InetSocketAddress target;
    private final AtomicInteger toDrop = new AtomicInteger();
    private final AtomicInteger dropped = new AtomicInteger();

    public DroppingProxy(URI target) throws IOException {
        this.target = new InetSocketAddress(target.getHost(), target.getPort());
        this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread.ofVirtual().name("dropping-proxy").start(this::acceptLoop);
    }

    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.getLocalPort());
    }

    /** Closes the next {@code connections} new connections instead of relaying them. */
    public void dropNext(int connections) {
        toDrop.set(connections);
    }

    /** Connections closed so far. */
    public int dropped() {
        return dropped.get();
    }

    private void acceptLoop() {
        while (!server.isClosed()) {
            try {
                Socket client = server.accept();
                Thread.ofVirtual().start(() -> serve(client));
            } catch (IOException e) {
                return;
            }
        }
    }

    private void serve(Socket client) {
        try (client) {
            if (toDrop.getAndDecrement() > 0) {
                client.getInputStream().read(new byte[8192]);
                dropped.incrementAndGet();
                return;
            }
            try (Socket upstream = new Socket(target.getAddress(), target.getPort())) {
                Thread back = Thread.ofVirtual().start(() -> copy(upstream, client));
                copy(client, upstream);
                back.join();
            }
        } catch (IOException | InterruptedException e) {
            // the peer went away: nothing to relay
        }
    }

    private static void copy(Socket from, Socket to) {
        try (InputStream in = from.getInputStream()) {
            OutputStream out = to.getOutputStream();
            in.transferTo(out);
            to.shutdownOutput();
        } catch (IOException e) {
            // closed on either side
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
