package dev.gitops.validator.release;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gitops.validator.domain.traffic.Cluster;
import dev.gitops.validator.domain.traffic.ClusterState;
import dev.gitops.validator.transition.StandardChecks;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ./gitops shutdown} on a copy of the repository: its two steps, the refusals, the rules that
 * keep the state and the tree together, and {@code release} bringing the cluster back byte for byte.
 */
class ShutdownTest {

    /** What {@code kubectl get ... -A -o yaml} lists on a cluster whose first step has finished. */
    static final String NOTHING_LEFT = """
            apiVersion: v1
            kind: List
            items:
              - apiVersion: argoproj.io/v1alpha1
                kind: Application
                metadata: {name: processor, namespace: argocd}
              - apiVersion: argoproj.io/v1alpha1
                kind: Application
                metadata: {name: kong, namespace: argocd}
            """;

    @TempDir
    Path tmp;

    TempRepo repo;
    String repository;
    String initial;

    @BeforeEach
    void setUp() throws Exception {
        repo = TempRepo.create(tmp);
        repository = Workspace.open(repo.dir, StandardChecks.all()).tree()
                .releaseImages(Cluster.ODD, Workspace.open(repo.dir, StandardChecks.all()).settings()).getFirst()
                .repository();
        initial = repo.git("rev-parse", "HEAD").strip();
    }

    ClusterState state(Cluster c) throws Refusal {
        return Workspace.open(repo.dir, StandardChecks.all()).tree().state(c);
    }

    void refused(String expected, String... args) {
        String before = repo.snapshot();
        assertEquals(1, repo.run(args), String.join(" ", args) + " should be refused:\n" + repo.out + repo.err);
        assertTrue(repo.err.contains(expected), "message should contain '" + expected + "':\n" + repo.err);
        assertEquals(before, repo.snapshot(), "a refused command changed the tree");
    }

    /** Even serves nothing and is drained, odd has all the weight: where a shutdown of even starts. */
    void drainEven() {
        repo.ok("beta-ok");
        for (int w : new int[] {25, 50, 75, 100}) {
            repo.ok("shift", "--to", "odd", "--weight", String.valueOf(w));
        }
        repo.ok("drain", "even");
        repo.commit("even drained");
    }

    Path remains(String yaml) throws Exception {
        Path f = tmp.resolve("remains.yaml");
        Files.writeString(f, yaml);
        return f;
    }

    List<String> files(String folder) throws Exception {
        Path dir = repo.dir.resolve(folder);
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(Files::isRegularFile).map(p -> repo.dir.relativize(p).toString()).sorted().toList();
        }
    }

    @Test
    void refusedWhileTheClusterServesIsTheBetaTargetOrIsNotDrained() throws Exception {
        refused("it serves public traffic (weight 100", "shutdown", "even");
        refused("it is the beta target", "shutdown", "odd");
        repo.ok("beta-ok");
        for (int w : new int[] {25, 50, 75, 100}) {
            repo.ok("shift", "--to", "odd", "--weight", String.valueOf(w));
        }
        refused("it is not drained; run ./gitops drain even first", "shutdown", "even");
    }

    @Test
    void twoStepsThenReleaseBringsTheClusterBackAsItWas() throws Exception {
        drainEven();
        List<String> infra = files("infra/aws/clusters/even");
        assertFalse(infra.isEmpty());
        refused("is at the first: run ./gitops shutdown even without it", "shutdown", "even", "--from",
                remains(NOTHING_LEFT).toString());

        // step 1: the Applications that create what AWS bills outside the cluster leave clusters/even/apps
        repo.ok("shutdown", "even");
        assertTrue(repo.out.contains("step 1 of 2"), repo.out);
        for (String app : List.of("edge", "dns", "rabbitmq", "karpenter")) {
            assertFalse(Files.exists(repo.dir.resolve("clusters/even/apps/" + app + ".yaml")), app);
            assertTrue(Files.exists(repo.dir.resolve("clusters/odd/apps/" + app + ".yaml")), app);
        }
        assertTrue(Files.isDirectory(repo.dir.resolve("apps/edge/even")), "the app folders stay for release");
        assertEquals(ClusterState.Shutdown.EDGE, state(Cluster.EVEN).shutDown());
        assertEquals(infra, files("infra/aws/clusters/even"), "the cluster itself stays until step 2");
        repo.commit("shutdown even: edge");
        assertEquals(0, repo.run("validate"), repo.out + repo.err);

        // step 2 needs proof that the first step finished in the cluster
        refused("Show that nothing is left", "shutdown", "even");
        refused("the cluster still has Ingress kong/edge-public", "shutdown", "even", "--from", remains(NOTHING_LEFT
                + "  - {apiVersion: networking.k8s.io/v1, kind: Ingress, metadata: {name: edge-public, namespace: kong}}\n")
                .toString());
        refused("Application argocd/rabbitmq", "shutdown", "even", "--from", remains(NOTHING_LEFT
                + "  - {apiVersion: argoproj.io/v1alpha1, kind: Application, metadata: {name: rabbitmq, namespace: argocd}}\n")
                .toString());
        refused("cannot be read", "shutdown", "even", "--from", remains("items: [\n").toString());
        repo.ok("shutdown", "even", "--from", remains(NOTHING_LEFT).toString());
        assertTrue(repo.out.contains("step 2 of 2"), repo.out);
        assertEquals(List.of(), files("infra/aws/clusters/even"));
        assertFalse(Files.exists(repo.dir.resolve("infra/aws/clusters/even")), "no empty folder is left");
        assertEquals(ClusterState.Shutdown.DONE, state(Cluster.EVEN).shutDown());
        repo.commit("shutdown even: cluster");
        assertEquals(0, repo.run("validate"), repo.out + repo.err);
        repo.ok("shutdown", "even");
        assertTrue(repo.out.contains("nothing to change"), repo.out);
        refused("is drained", "shift", "--to", "even", "--step", "25");

        // release restores the removed files from odd's, byte for byte as they were
        repo.ok("release", "--sprint", "44", "--image", ReleaseCycleTest.image(repository, "44.0.0"));
        assertEquals(ClusterState.Shutdown.NO, state(Cluster.EVEN).shutDown());
        repo.commit("release 44 onto even");
        String diff = repo.git("diff", "--stat", initial, "HEAD", "--", "clusters/even/apps", "infra/aws/clusters/even",
                "apps/edge", "apps/rabbitmq");
        assertEquals("", diff, "the restored files differ from the ones shutdown removed");
        assertEquals(0, repo.run("validate"), repo.out + repo.err);
    }

    @Test
    void theRulesKeepTheStateAndTheTreeTogether() throws Exception {
        drainEven();
        String state = repo.read("clusters/even/cluster-state.yaml");
        // a state that says shut down over a tree that still deploys the edge: COST003
        repo.write("clusters/even/cluster-state.yaml", state.replace("shutDown: \"false\"", "shutDown: \"edge\""));
        assertEquals(1, repo.run("validate", "--only", "COST003"), repo.out + repo.err);
        assertTrue(repo.out.contains("still deploys Application edge"), repo.out);
        // the edge gone without the state saying so: the parity rules ask for the Applications back
        repo.write("clusters/even/cluster-state.yaml", state);
        Files.delete(repo.dir.resolve("clusters/even/apps/edge.yaml"));
        assertEquals(1, repo.run("validate", "--only", "PARITY001"), repo.out + repo.err);
        assertTrue(repo.out.contains("Application edge runs in cluster odd but not in cluster even"), repo.out);
    }
}
