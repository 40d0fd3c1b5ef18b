package dev.gitops.validator.release;

import dev.gitops.validator.domain.traffic.Cluster;
import dev.gitops.validator.domain.traffic.ClusterState;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gitops.validator.domain.traffic.ReleaseSettings;
import dev.gitops.validator.domain.traffic.Sites;
import dev.gitops.validator.domain.traffic.TrafficTree;
import dev.gitops.validator.transition.StandardChecks;
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
        // The cycle starts as docs/gitops-tree.md says: even serves sprint 42 with all public weight;
        // odd hosts sprint 43 as the beta target, not yet validated.
        ClusterState even = state(Cluster.EVEN);
        ClusterState odd = state(Cluster.ODD);
        assertEquals(42, even.sprint());
        assertEquals(100, even.weight());
        assertEquals(43, odd.sprint());
        assertEquals(0, odd.weight());
        assertTrue(odd.betaTarget());
        assertFalse(odd.betaValidated());
    }

    TrafficTree tree() throws Refusal {
        return Workspace.open(repo.dir, StandardChecks.all()).tree();
    }

    ReleaseSettings settings() throws Refusal {
        return Workspace.open(repo.dir, StandardChecks.all()).settings();
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

    /** An image reference of the processor's repository, pinned by tag and digest. */
    String image(String tag) {
        return image(repository, tag);
    }

    static String image(String repository, String tag) {
        try {
            byte[] d = java.security.MessageDigest.getInstance("SHA-256").digest(tag.getBytes());
            return repository + ":" + tag + "@sha256:" + java.util.HexFormat.of().formatHex(d);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    void shiftTo(String cluster, int... weights) throws Exception {
        for (int w : weights) {
            repo.ok("shift", "--to", cluster, "--weight", String.valueOf(w));
            repo.commit("shift: " + cluster + " " + w);
        }
    }

    @Test
    void oneFullSprintCycle() throws Exception {
        Sites.Image oddImage = tree().releaseImages(Cluster.ODD, settings()).getFirst();
        String scaler = tree().scalers(Cluster.EVEN, settings()).getFirst().file().displayName();
        String scalerBefore = repo.read(scaler);
        String rolloutBefore = repo.read(oddImage.file());

        // A new build of sprint 43 replaces the one in beta on odd.
        repo.ok("release", "--sprint", "43", "--image", image("43.0.1"));
        ClusterState odd = state(Cluster.ODD);
        assertEquals(43, odd.sprint());
        assertTrue(odd.betaTarget());
        assertFalse(odd.betaValidated());
        assertFalse(odd.drained());
        assertFalse(state(Cluster.EVEN).betaTarget());
        assertTrue(tree().releaseImages(Cluster.ODD, settings()).stream()
                .filter(i -> i.repository().equals(repository)).allMatch(i -> i.image().equals(image("43.0.1"))));
        String rollout = repo.read(oddImage.file());
        assertTrue(rollout.contains("version: 43.0.1"), "the version labels follow the image tag");
        // Only scalar text changed: comments and layout are intact, line for line.
        assertSameLayout(rolloutBefore, rollout);
        repo.commit("release: sprint 43 (43.0.1) to odd");

        refused("not beta-validated", "shift", "--to", "odd", "--step", "10");
        assertGate("odd", true);
        repo.ok("beta-ok");
        assertTrue(state(Cluster.ODD).betaValidated());
        assertGate("odd", false);
        repo.commit("beta-ok: sprint 43");

        shiftTo("odd", 10, 25, 50);
        assertWeights(50, 50);
        refused("above the maximum step of 25", "shift", "--to", "odd", "--weight", "100");
        shiftTo("odd", 75, 100);
        assertWeights(0, 100);

        assertGate("even", false);
        repo.ok("drain", "even");
        assertTrue(state(Cluster.EVEN).drained());
        assertGate("even", true);
        assertTrue(tree().capacities(Cluster.EVEN, settings()).stream().allMatch(Sites.Capacity::isZero),
                "drain scales every capacity of the cluster to 0");
        assertTrue(repo.read(scaler).contains("autoscaling.keda.sh/paused-replicas: \"0\""), repo.read(scaler));
        repo.commit("drain: even");
        refused("not newer than sprint 42", "release", "--sprint", "42", "--image", image("42.0.9"));

        repo.ok("release", "--sprint", "44", "--image", image("44.0.0"));
        assertEquals(44, state(Cluster.EVEN).sprint());
        assertGate("even", true);
        assertTrue(state(Cluster.EVEN).betaTarget());
        assertFalse(state(Cluster.ODD).betaTarget());
        assertFalse(tree().betaRecords().isEmpty());
        for (var r : tree().betaRecords()) {
            assertTrue(settings().ownedBy(Cluster.EVEN, r.file().displayName()), "beta record moved to even: " + r.file());
            assertFalse(String.valueOf(r.get("spec.resourceRecords[0].value")).contains("odd"));
        }
        assertTrue(tree().capacities(Cluster.EVEN, settings()).stream().noneMatch(Sites.Capacity::isZero),
                "release restores the capacities of the drained cluster from the serving one");
        assertEquals(scalerBefore, repo.read(scaler), "drain then release leaves the ScaledObject as it was");
        repo.commit("release: sprint 44 to even");
        assertTrue(repo.git("show", "--stat", "-M", "HEAD").contains("=>"), "git sees the beta record as a rename");

        repo.ok("beta-ok");
        repo.commit("beta-ok: sprint 44");
        repo.ok("shift", "--to", "even", "--step", "25");
        assertWeights(25, 75);
        repo.commit("shift: even 25");

        // The last changes (release 44, beta-ok, shift) pass the transition rules against their parents,
        // as CI judges them.
        for (int i = 2; i >= 0; i--) {
            repo.git("checkout", "-q", "main~" + i);
            assertEquals(0, repo.run("validate", "--base", "HEAD~1"), "main~" + i + ":\n" + repo.out + repo.err);
        }
        repo.git("checkout", "-q", "main");
    }

    /** The serving gate of a cluster's public record (TRAFFIC011): closed is disabled and inverted. */
    void assertGate(String cluster, boolean closed) {
        String hc = repo.read("apps/dns/" + cluster + "/health-check.yaml");
        assertTrue(hc.contains("disabled: " + closed) && hc.contains("inverted: " + closed),
                cluster + "'s gate should be " + (closed ? "closed" : "open") + ":\n" + hc);
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
        refused("even serves public traffic", "release", "--sprint", "44", "--image", image("44.0.0"));
        refused("names no tag or digest", "release", "--sprint", "43", "--image", repository);
        refused("no image of registry.invalid/other", "release", "--sprint", "43", "--image",
                "registry.invalid/other:1.0");
        refused("--sprint must be a positive", "release", "--sprint", "0", "--image", image("0.0.1"));
        repo.ok("beta-ok");
        repo.commit("beta ok");
        shiftTo("odd", 10);
        refused("odd serves public traffic", "release", "--sprint", "45", "--image", image("45.0.0"));
        refused("odd serves public traffic", "release", "--sprint", "43", "--image", image("43.0.5"));
    }

    @Test
    void releaseOntoAClusterThatIsNotDrained() throws Exception {
        repo.ok("beta-ok");
        repo.commit("beta ok");
        shiftTo("odd", 25, 50, 75, 100);
        // even has weight 0 but still runs sprint 42: not drained and idle.
        refused("not drained and idle", "release", "--sprint", "44", "--image", image("44.0.0"));
    }

    @Test
    void shiftRefusals() throws Exception {
        refused("not beta-validated", "shift", "--to", "odd", "--step", "10");
        repo.ok("beta-ok");
        repo.commit("beta ok");
        refused("above the maximum step of 25", "shift", "--to", "odd", "--step", "30");
        refused("above the maximum step of 25", "shift", "--to", "odd", "--weight", "50");
        refused("outside 0..100", "shift", "--to", "even", "--step", "10");
        refused("already has weight 100", "shift", "--to", "even", "--weight", "90");
        assertEquals(2, repo.run("shift", "--to", "odd"), "one of --step and --weight is required");
        assertEquals(2, repo.run("shift", "--to", "blue", "--step", "5"), "a cluster is even or odd");
        shiftTo("odd", 25, 50, 75, 100);
        repo.ok("drain", "even");
        repo.commit("drain even");
        refused("even is drained", "shift", "--to", "even", "--step", "10");
    }

    @Test
    void maxStepIsConfigurable() throws Exception {
        repo.ok("beta-ok");
        String config = repo.read(".gitops-validator.yaml");
        Matcher m = Pattern.compile("(?m)^  maxStep: [0-9]+").matcher(config);
        repo.write(".gitops-validator.yaml", m.find() ? m.replaceFirst("  maxStep: 50")
                : config.contains("\nrelease:\n") ? config.replace("\nrelease:\n", "\nrelease:\n  maxStep: 50\n")
                : config + "release:\n  maxStep: 50\n");
        repo.commit("odd validated, max step 50");
        refused("above the maximum step of 50", "shift", "--to", "odd", "--step", "55");
        repo.ok("shift", "--to", "odd", "--step", "50");
        assertWeights(50, 50);
    }

    @Test
    void drainRefusals() throws Exception {
        refused("serves public traffic", "drain", "even");
        refused("it is the beta target", "drain", "odd");
        repo.ok("beta-ok");
        repo.commit("beta ok");
        shiftTo("odd", 25, 50, 75, 100);
        repo.ok("drain", "even");
        repo.commit("drain even");
        repo.ok("drain", "even");
        assertTrue(repo.out.contains("nothing to change"), repo.out);
    }

    @Test
    void betaOkRefusals() throws Exception {
        refused("not the beta target (odd is)", "beta-ok", "--cluster", "even");
        repo.ok("beta-ok", "--cluster", "odd");
        repo.ok("beta-ok");
        assertTrue(repo.out.contains("nothing to change"), repo.out);
    }

    @Test
    void rollbackReturnsToTheLastValidatedSplit() throws Exception {
        refused("no fully validated split", "rollback");
        repo.ok("beta-ok");
        repo.commit("beta ok");
        shiftTo("odd", 10, 25, 50);
        repo.ok("rollback");
        assertWeights(100, 0);
        assertTrue(repo.out.contains("100% on even (sprint 42)"), repo.out);
        repo.commit("rollback to even");
        // The way back is a change the transition rules accept, though it moves 50 points at once.
        assertEquals(0, repo.run("validate", "--base", "HEAD~1"), repo.out + repo.err);

        // Forward again, all the way; the way back is then to even, until even is drained.
        shiftTo("odd", 25, 50, 75, 100);
        String before = repo.snapshot();
        repo.ok("rollback", "--dry-run");
        assertTrue(repo.out.contains("dry run"), repo.out);
        assertEquals(before, repo.snapshot(), "--dry-run writes nothing");
        repo.ok("drain", "even");
        repo.commit("drain even");
        refused("has been drained since", "rollback");
    }

    @Test
    void refusedWhenTheResultWouldNotValidate() throws Exception {
        // A broken manifest elsewhere in the tree: no command may produce a tree that does not validate.
        repo.write("clusters/odd/broken.yaml", "apiVersion: v1\nmetadata: {name: x}\n");
        refused("would not validate", "release", "--sprint", "43", "--image", image("43.0.1"));
        assertTrue(repo.err.contains("clusters/odd/broken.yaml:1:1: YAML006"), repo.err);
    }

    @Test
    void aGateWithoutItsFieldsCannotBeClosed() throws Exception {
        // The serving gate of odd (in beta) written without disabled/inverted: release must close it, and
        // edits change values only, so it refuses and says what to write.
        String file = "apps/dns/odd/health-check.yaml";
        String hc = repo.read(file);
        repo.write(file, hc.replaceAll("(?m)^    (disabled|inverted): true\\n", ""));
        assertFalse(repo.read(file).contains("inverted"), repo.read(file));
        refused("needs healthCheckConfig.disabled and healthCheckConfig.inverted written out", "release", "--sprint",
                "43", "--image", image("43.0.1"));
    }

    @Test
    void aGateOpenedDuringBetaIsInvalidAndReleaseClosesIt() throws Exception {
        // With odd's gate opened by hand while its sprint is in beta, the tree does not validate (TRAFFIC011):
        // Route 53 would answer with odd as soon as even fails its health check.
        String file = "apps/dns/odd/health-check.yaml";
        repo.write(file, repo.read(file).replace("disabled: true", "disabled: false").replace("inverted: true",
                "inverted: false"));
        assertEquals(1, repo.run("validate"), repo.out + repo.err);
        assertTrue(repo.out.contains("TRAFFIC011"), repo.out);
        // A new build of the sprint in beta closes the gate again, and the tree validates.
        repo.ok("release", "--sprint", "43", "--image", image("43.0.1"));
        assertGate("odd", true);
        assertEquals(0, repo.run("validate"), repo.out + repo.err);
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
