package dev.gitops.validator.schema.pull;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** `gitops schemas pull` without a reachable cluster fails with a message that says why (exit 2). */
class SchemasCommandTest {

    @TempDir
    Path dir;

    private record Outcome(int code, String err) {
    }

    private static Outcome pull(String... args) {
        PrintStream saved = System.err;
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code;
        try {
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            String[] all = new String[args.length + 1];
            all[0] = "pull";
            System.arraycopy(args, 0, all, 1, args.length);
            code = SchemasCommand.run(all);
        } finally {
            System.setErr(saved);
        }
        return new Outcome(code, err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void withoutAKubeconfigItSaysThatNoClusterIsConfigured() {
        Outcome o = pull("--kubeconfig", dir.resolve("missing").toString(), "--root", dir.toString());
        assertEquals(2, o.code());
        assertTrue(o.err().contains("no Kubernetes cluster configured: kubeconfig " + dir.resolve("missing")
                + " does not exist"), o.err());
        assertTrue(o.err().contains("schema location"), "it names the alternative: " + o.err());
        assertFalse(Files.exists(dir.resolve(".cache")));
    }

    @Test
    void anUnreachableClusterIsNamedWithItsContextAndServer() throws Exception {
        int port;
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = probe.getLocalPort();
        }
        Path kubeconfig = dir.resolve("config");
        Files.writeString(kubeconfig, """
                apiVersion: v1
                kind: Config
                clusters: [{name: local, cluster: {server: "https://127.0.0.1:%d"}}]
                users: [{name: dev, user: {token: not-a-real-token}}]
                contexts: [{name: even, context: {cluster: local, user: dev}}]
                current-context: even
                """.formatted(port));
        Outcome o = pull("--kubeconfig", kubeconfig.toString(), "--root", dir.toString());
        assertEquals(2, o.code());
        assertTrue(o.err().contains("cannot list the CustomResourceDefinitions of context 'even' (https://127.0.0.1:" + port
                + ")"), o.err());

        Outcome other = pull("--kubeconfig", kubeconfig.toString(), "--context", "odd", "--root", dir.toString());
        assertEquals(2, other.code());
        assertTrue(other.err().contains("has no context 'odd'"), other.err());
    }
}
