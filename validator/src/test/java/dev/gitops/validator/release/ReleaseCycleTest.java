package dev.gitops.validator.release;

import dev.gitops.validator.domain.traffic.ClusterState;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gitops.validator.pipeline.CheckRegistry;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The release commands on a temporary copy of the repository's tree: one full sprint cycle, and every refusal. */
class ReleaseCycleTest {

    @TempDir
    Path tmp;

    TempRepo repo;
    String repository;

    @BeforeEach
    void setUp() throws Exception {
        repo = TempRepo.create(tmp);
        repository = tree().releaseImages(Cluster.ODD, settings()).getFirst().repository();
        // The cycle starts with even serving sprint 42 and odd drained; the tree must say so.
        ClusterState even = state(Cluster.EVEN);
        ClusterState odd = state(Cluster.ODD);
        assertEquals(42, even.sprint());
        assertEquals(100, even.weight());
        assertTrue(odd.drained());
        assertEquals(0, odd.weight());
    }

    TrafficTree tree() throws Refusal {
        return Workspace.open(repo.dir, CheckRegistry.standard()).tree();
    }

    ReleaseSettings settings() throws Refusal {
        return Workspace.open(repo.dir, CheckRegistry.standard()).settings();
    }

    ClusterState state(Cluster c) throws Refusal {
        return tree().state(c);
    }

    List<Integer> recordWeights(Cluster c) throws Refusal {
        return tree().records(c).stream().map(Sites.RecordWeight::weight).toList();
    }

    void assertWeights(int even, int odd) throws Refusal {
        assertEquals(even, state(Cluster.EVEN).weight(), "even weight");
        assertEquals(odd, state(Cluster.ODD).weight(), "odd weight");
        assertFalse(recordWeights(Cluster.EVEN).isEmpty());
        recordWeights(Cluster.EVEN).forEach(w -> assertEquals(even, w, "even record weight"));
        recordWeights(Cluster.ODD).forEach(w -> assertEquals(odd, w, "odd record weight"));
    }

    /** Runs a command that must be refused with a message containing {@code expected}, changing nothing. */
    void refused(String expected, String... args) {
        String before = repo.snapshot();
        int code = repo.run(args);
        assertEquals(1, code, String.join(" ", args) + " should be refused:\n" + repo.out + repo.err);
        assertTrue(repo.err.contains(expected), "message should contain '" + expected + "':\n" + repo.err);
        assertEquals(before, repo.snapshot(), "a refused command changed the tree");
    }

    @Test
    void oneFullSprintCycle() throws Exception {
        String stateOdd = TrafficTree.fileOf(state(Cluster.ODD));
        String beforeRelease = repo.read(stateOdd);

        repo.ok("release", "--sprint", "43", "--image", repository + ":43.0.0");
        ClusterState odd = state(Cluster.ODD);
        assertEquals(43, odd.sprint());
        assertTrue(odd.betaTarget());
        assertFalse(odd.betaValidated());
        assertFalse(odd.drained());
        assertFalse(state(Cluster.EVEN).betaTarget());
        assertTrue(tree().releaseImages(Cluster.ODD, settings()).stream()
                .filter(i -> i.repository().equals(repository)).allMatch(i -> i.image().equals(repository + ":43.0.0")));
        assertTrue(tree().capacities(Cluster.ODD, settings()).stream().noneMatch(Sites.Capacity::isZero),
                "release restores the capacities of the drained cluster");
        // Only scalar text changed: comments and layout are intact, line for line.
        assertSameLayout(beforeRelease, repo.read(stateOdd));
        repo.commit("release: sprint 43 to odd");

        refused("not beta-validated", "shift", "--to", "odd", "--step", "10");

        repo.ok("beta-ok");
        assertTrue(state(Cluster.ODD).betaValidated());
        repo.commit("beta-ok: sprint 43");

        for (int w : new int[] {10, 25, 50, 75, 100}) {
            repo.ok("shift", "--to", "odd", "--weight", String.valueOf(w));
            assertWeights(100 - w, w);
            repo.commit("shift: odd " + w);
        }

        repo.ok("drain", "even");
        assertTrue(state(Cluster.EVEN).drained());
        assertTrue(tree().capacities(Cluster.EVEN, settings()).stream().allMatch(Sites.Capacity::isZero),
                "drain scales every capacity of the cluster to 0");
        repo.commit("drain: even");

        repo.ok("release", "--sprint", "44", "--image", repository + ":44.0.0");
        assertEquals(44, state(Cluster.EVEN).sprint());
        assertTrue(state(Cluster.EVEN).betaTarget());
        assertFalse(state(Cluster.ODD).betaTarget());
        repo.commit("release: sprint 44 to even");

        repo.ok("beta-ok");
        repo.commit("beta-ok: sprint 44");
        repo.ok("shift", "--to", "even", "--step", "25");
        assertWeights(25, 75);

        // The whole history validates under the transition rules, change by change.
        repo.commit("shift: even 25");
        assertEquals(0, repo.run("validate", "--base", "HEAD~1"), repo.out + repo.err);
    }

    @Test
    void statusShowsEachCluster() throws Exception {
        repo.ok("status");
        assertTrue(repo.out.contains("CLUSTER"), repo.out);
        assertTrue(repo.out.contains("tree: validates"), repo.out);
        repo.ok("status", "--json");
        assertTrue(repo.out.contains("\"cluster\" : \"even\""), repo.out);
        assertTrue(repo.out.contains("\"sprint\" : 42"), repo.out);
        assertTrue(repo.out.contains("\"weight\" : 100"), repo.out);
        assertTrue(repo.out.contains("\"validates\" : true"), repo.out);
    }

    @Test
    void releaseRefusals() throws Exception {
        refused("even serves public traffic", "release", "--sprint", "44", "--image", repository + ":44.0.0");
        refused("not newer than sprint 41", "release", "--sprint", "41", "--image", repository + ":41.0.1");
        refused("names no tag or digest", "release", "--sprint", "43", "--image", repository);
        refused("no image of registry.invalid/other", "release", "--sprint", "43", "--image",
                "registry.invalid/other:1.0");
        repo.ok("release", "--sprint", "43", "--image", repository + ":43.0.0");
        repo.commit("release 43");
        // A second build of the same sprint may replace the first while it is in beta.
        repo.ok("release", "--sprint", "43", "--image", repository + ":43.0.1");
        repo.commit("release 43.0.1");
        repo.ok("beta-ok");
        repo.commit("beta-ok");
        repo.ok("shift", "--to", "odd", "--step", "10");
        repo.commit("shift 10");
        refused("odd serves public traffic", "release", "--sprint", "45", "--image", repository + ":45.0.0");
    }

    @Test
    void releaseOntoAClusterThatIsNotDrained() throws Exception {
        repo.ok("release", "--sprint", "43", "--image", repository + ":43.0.0");
        repo.ok("beta-ok");
        repo.commit("odd in beta");
        for (int w = 25; w <= 100; w += 25) {
            repo.ok("shift", "--to", "odd", "--step", "25");
            repo.commit("shift " + w);
        }
        // even has weight 0 but still runs sprint 42: not drained and idle.
        refused("not drained and idle", "release", "--sprint", "44", "--image", repository + ":44.0.0");
    }

    @Test
    void shiftRefusals() throws Exception {
        refused("is drained", "shift", "--to", "odd", "--step", "10");
        repo.ok("release", "--sprint", "43", "--image", repository + ":43.0.0");
        repo.commit("release 43");
        refused("not beta-validated", "shift", "--to", "odd", "--step", "10");
        repo.ok("beta-ok");
        repo.commit("beta ok");
        refused("above the maximum step of 25", "shift", "--to", "odd", "--step", "30");
        refused("above the maximum step of 25", "shift", "--to", "odd", "--weight", "50");
        refused("outside 0..100", "shift", "--to", "even", "--step", "10");
        refused("already has weight 100", "shift", "--to", "even", "--weight", "90");
        assertEquals(2, repo.run("shift", "--to", "odd"), "one of --step and --weight is required");
        assertEquals(2, repo.run("shift", "--to", "blue", "--step", "5"), "a cluster is even or odd");
    }

    @Test
    void maxStepIsConfigurable() throws Exception {
        repo.ok("release", "--sprint", "43", "--image", repository + ":43.0.0");
        repo.ok("beta-ok");
        String config = repo.read(".gitops-validator.yaml");
        Matcher m = Pattern.compile("(?m)^  maxStep: 25").matcher(config);
        assertTrue(m.find(), "the tree configures release.maxStep: 25");
        repo.write(".gitops-validator.yaml", m.replaceFirst("  maxStep: 50"));
        repo.commit("odd in beta, max step 50");
        repo.ok("shift", "--to", "odd", "--step", "50");
        assertWeights(50, 50);
    }

    @Test
    void drainRefusals() throws Exception {
        refused("serves public traffic", "drain", "even");
        repo.ok("drain", "odd");
        assertTrue(repo.out.contains("nothing to change"), repo.out);
        repo.ok("release", "--sprint", "43", "--image", repository + ":43.0.0");
        repo.commit("release 43");
        refused("it is the beta target", "drain", "odd");
    }

    @Test
    void betaOkRefusals() throws Exception {
        refused("no cluster is the beta target", "beta-ok");
        repo.ok("release", "--sprint", "43", "--image", repository + ":43.0.0");
        refused("not the beta target", "beta-ok", "--cluster", "even");
        repo.ok("beta-ok", "--cluster", "odd");
        repo.ok("beta-ok");
        assertTrue(repo.out.contains("nothing to change"), repo.out);
    }

    @Test
    void rollbackReturnsToTheLastValidatedSplit() throws Exception {
        refused("no fully validated split", "rollback");
        repo.ok("release", "--sprint", "43", "--image", repository + ":43.0.0");
        repo.commit("release 43");
        repo.ok("beta-ok");
        repo.commit("beta ok");
        for (int w : new int[] {10, 25, 50}) {
            repo.ok("shift", "--to", "odd", "--weight", String.valueOf(w));
            repo.commit("shift " + w);
        }
        repo.ok("rollback");
        assertWeights(100, 0);
        assertTrue(repo.out.contains("100% on even (sprint 42)"), repo.out);
        repo.commit("rollback to even");
        // The way back is a change the transition rules accept, though it moves 50 points at once.
        repo.git("tag", "rolled-back");
        assertEquals(0, repo.run("validate", "--base", "HEAD~1"), repo.out + repo.err);

        // Forward again, all the way; the way back is then to even, until even is drained.
        for (int w : new int[] {25, 50, 75, 100}) {
            repo.ok("shift", "--to", "odd", "--weight", String.valueOf(w));
            repo.commit("shift " + w);
        }
        repo.ok("rollback", "--dry-run");
        assertWeights(0, 100);
        repo.ok("drain", "even");
        repo.commit("drain even");
        refused("has been drained since", "rollback");
    }

    @Test
    void refusedWhenTheResultWouldNotValidate() throws Exception {
        // A broken manifest elsewhere in the tree: no command may produce a tree that does not validate.
        repo.write("clusters/odd/broken.yaml", "apiVersion: v1\nmetadata: {name: x}\n");
        refused("would not validate", "release", "--sprint", "43", "--image", repository + ":43.0.0");
        assertTrue(repo.err.contains("clusters/odd/broken.yaml:1:1: YAML006"), repo.err);
    }

    /** Same lines, except inside the quoted or plain values; every comment is still where it was. */
    static void assertSameLayout(String before, String after) {
        String[] a = before.split("\n", -1);
        String[] b = after.split("\n", -1);
        assertEquals(a.length, b.length, "line count");
        for (int i = 0; i < a.length; i++) {
            int ca = a[i].indexOf(" #");
            int cb = b[i].indexOf(" #");
            assertEquals(ca < 0 ? "" : a[i].substring(ca).strip(), cb < 0 ? "" : b[i].substring(cb).strip(),
                    "comment of line " + (i + 1));
            String ka = a[i].contains(":") ? a[i].substring(0, a[i].indexOf(':')) : a[i];
            String kb = b[i].contains(":") ? b[i].substring(0, b[i].indexOf(':')) : b[i];
            assertEquals(ka, kb, "key of line " + (i + 1));
        }
    }
}
