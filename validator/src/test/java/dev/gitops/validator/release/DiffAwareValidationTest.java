package dev.gitops.validator.release;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gitops.validator.domain.traffic.Cluster;
import dev.gitops.validator.domain.traffic.Sites;
import dev.gitops.validator.domain.traffic.TrafficTree;
import dev.gitops.validator.transition.StandardChecks;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code validate --base REF [--new-only]} on a temporary git repository of the tree. */
class DiffAwareValidationTest {

    @TempDir
    Path tmp;

    TempRepo repo;
    String repository;

    @BeforeEach
    void setUp() throws Exception {
        repo = TempRepo.create(tmp);
        repository = Workspace.open(repo.dir, StandardChecks.all()).tree()
                .releaseImages(Cluster.ODD, Workspace.open(repo.dir, StandardChecks.all()).settings())
                .getFirst().repository();
        repo.ok("beta-ok");
        repo.commit("beta ok");
    }

    /** Sets a cluster's weight by hand, in its state and its records, as someone editing YAML would. */
    void handEditWeight(Cluster c, int from, int to) throws Exception {
        TrafficTree t = Workspace.open(repo.dir, StandardChecks.all()).tree();
        String stateFile = TrafficTree.fileOf(t.state(c));
        repo.write(stateFile, repo.read(stateFile).replace("weight: \"" + from + "\"", "weight: \"" + to + "\""));
        for (Sites.RecordWeight r : t.records(c)) {
            String f = r.resource().file().displayName();
            repo.write(f, repo.read(f).replaceFirst("weight: " + from + "\\b", "weight: " + to)
                    .replace("\"" + from + "\"", "\"" + to + "\""));
        }
        assertEquals(to, Workspace.open(repo.dir, StandardChecks.all()).tree().state(c).weight());
    }

    int lineOf(String file, String text) {
        String[] lines = repo.read(file).split("\n");
        for (int i = 0; i < lines.length; i++) {
            if (lines[i].contains(text)) {
                return i + 1;
            }
        }
        throw new AssertionError(text + " not in " + file);
    }

    @Test
    void aStepAboveTheMaximumIsReportedAtTheWorkingTreeLine() throws Exception {
        handEditWeight(Cluster.ODD, 0, 50);
        handEditWeight(Cluster.EVEN, 100, 50);
        assertEquals(0, repo.run("validate"), "the tree itself is valid:\n" + repo.out + repo.err);
        assertEquals(1, repo.run("validate", "--base", "HEAD"), repo.out + repo.err);
        String file = TrafficTree.fileOf(Workspace.open(repo.dir, StandardChecks.all()).tree().state(Cluster.ODD));
        int line = lineOf(file, "weight:");
        assertTrue(repo.out.contains(file + ":" + line), repo.out);
        assertTrue(repo.out.contains("TRANSITION001"), repo.out);
        assertTrue(repo.out.contains("above the maximum step of 25"), repo.out);
        // Within the step, the same change is fine.
        handEditWeight(Cluster.ODD, 50, 25);
        handEditWeight(Cluster.EVEN, 50, 75);
        assertEquals(0, repo.run("validate", "--base", "HEAD"), repo.out + repo.err);
    }

    @Test
    void drainingAServingClusterIsReported() throws Exception {
        String file = TrafficTree.fileOf(Workspace.open(repo.dir, StandardChecks.all()).tree().state(Cluster.EVEN));
        repo.write(file, repo.read(file).replace("drained: \"false\"", "drained: \"true\""));
        assertEquals(1, repo.run("validate", "--base", "HEAD", "--only", "transition"), repo.out + repo.err);
        assertTrue(repo.out.contains("TRANSITION002"), repo.out);
        assertTrue(repo.out.contains(file + ":" + lineOf(file, "drained:")), repo.out);
    }

    @Test
    void weightToAnUnvalidatedSprintIsReported() throws Exception {
        String file = TrafficTree.fileOf(Workspace.open(repo.dir, StandardChecks.all()).tree().state(Cluster.ODD));
        repo.write(file, repo.read(file).replace("betaValidated: \"true\"", "betaValidated: \"false\""));
        repo.commit("beta revoked");
        handEditWeight(Cluster.ODD, 0, 10);
        handEditWeight(Cluster.EVEN, 100, 90);
        assertEquals(1, repo.run("validate", "--base", "HEAD", "--only", "TRANSITION003"), repo.out + repo.err);
        assertTrue(repo.out.contains("not beta-validated"), repo.out);
    }

    @Test
    void imageChangeOnTheBusiestClusterDuringAShiftIsReportedUnlessTurnedOff() throws Exception {
        repo.ok("shift", "--to", "odd", "--step", "25");
        repo.commit("shift 25");
        Sites.Image image = Workspace.open(repo.dir, StandardChecks.all()).tree()
                .releaseImages(Cluster.EVEN, Workspace.open(repo.dir, StandardChecks.all()).settings()).getFirst();
        repo.write(image.file(), repo.read(image.file()).replace(image.image(),
                ReleaseCycleTest.image(image.repository(), "42.9.9")));
        assertEquals(1, repo.run("validate", "--base", "HEAD"), repo.out + repo.err);
        assertTrue(repo.out.contains("TRANSITION004"), repo.out);
        assertTrue(repo.out.contains(image.file() + ":" + lineOf(image.file(), ":42.9.9@")), repo.out);
        repo.write(".gitops-validator.yaml", repo.read(".gitops-validator.yaml") + "rules:\n  TRANSITION004: off\n");
        assertEquals(0, repo.run("validate", "--base", "HEAD"), repo.out + repo.err);
    }

    /** A ConfigMap with a repeated key (YAML002): a finding that stays when lines move. */
    static String debt(String name) {
        return "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: " + name + "\n  namespace: argocd\ndata:\n"
                + "  mode: fast\n  mode: slow\n";
    }

    @Test
    void newOnlyReportsOnlyWhatTheBaseDidNotHave() throws Exception {
        repo.write("clusters/odd/debt.yaml", debt("old-debt"));
        repo.commit("existing debt");
        assertEquals(1, repo.run("validate"), "the debt is a finding:\n" + repo.out + repo.err);
        // The old finding moves down two lines; a new one appears.
        repo.write("clusters/odd/debt.yaml", "# moved\n# down\n" + debt("old-debt"));
        repo.write("clusters/odd/new.yaml", debt("new-debt"));
        assertEquals(1, repo.run("validate", "--base", "HEAD", "--new-only", "--format", "json"), repo.out + repo.err);
        assertTrue(repo.out.contains("clusters/odd/new.yaml"), repo.out);
        assertFalse(repo.out.contains("clusters/odd/debt.yaml"), repo.out);
        // Without new problems the baseline run passes although the debt remains.
        java.nio.file.Files.delete(repo.dir.resolve("clusters/odd/new.yaml"));
        assertEquals(0, repo.run("validate", "--base", "HEAD", "--new-only"), repo.out + repo.err);
        assertEquals(1, repo.run("validate", "--base", "HEAD"), repo.out + repo.err);
    }

    @Test
    void usageErrors() {
        assertEquals(2, repo.run("validate", "--base", "no-such-ref"));
        assertTrue(repo.err.contains("no git revision 'no-such-ref'"), repo.err);
        assertEquals(2, repo.run("validate", "--new-only"));
        assertTrue(repo.err.contains("--new-only needs --base"), repo.err);
    }
}
