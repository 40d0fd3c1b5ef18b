package dev.gitops.validator.domain.cost;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gitops.validator.check.CheckContext;
import dev.gitops.validator.check.Findings;
import dev.gitops.validator.check.RunOptions;
import dev.gitops.validator.finding.Finding;
import dev.gitops.validator.release.Workspace;
import dev.gitops.validator.transition.StandardChecks;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** COST001 and COST002 at the edges of their windows, on the fixture tree, with a fixed today. */
class CostCheckTest {

    @TempDir
    Path dir;

    List<Finding> run(String today) throws Exception {
        Workspace ws = Workspace.open(dir, StandardChecks.all());
        Findings f = new Findings();
        new CostCheck(Clock.fixed(Instant.parse(today + "T12:00:00Z"), ZoneOffset.UTC))
                .run(new CheckContext(ws.root(), ws.resources(), ws.config(), RunOptions.NONE), f);
        return f.all();
    }

    void states(String evenAnnotation, String oddAnnotation, boolean oddDrained) throws Exception {
        CostFixture.write(dir, "clusters/even/cluster-state.yaml", annotate(CostFixture.state("even", 100, false),
                evenAnnotation));
        CostFixture.write(dir, "clusters/odd/cluster-state.yaml", annotate(CostFixture.state("odd", 0, oddDrained),
                oddAnnotation));
    }

    static String annotate(String state, String annotation) {
        return annotation == null ? state : state.replace("\ndata:\n", "\n  annotations:\n    " + annotation + "\ndata:\n");
    }

    @Test
    void bothRunningWarnsTheDayAfterTheBetaWindow() throws Exception {
        CostFixture.create(dir);
        CostFixture.write(dir, ".gitops-validator.yaml", "include: [apps, clusters, infra]\n"
                + CostFixture.SHUTDOWN + "  betaWindowDays: 3\n");
        states("gitops.dev/beta-since: \"2026-11-01\"", "gitops.dev/beta-since: \"2026-11-20\"", false);
        assertTrue(run("2026-11-23").isEmpty(), "3 days since odd's beta began: within the window");
        List<Finding> late = run("2026-11-24");
        assertEquals(1, late.size(), late.toString());
        assertEquals("COST001", late.getFirst().rule());
        assertTrue(late.getFirst().file().endsWith("clusters/odd/cluster-state.yaml"), late.getFirst().file());
        assertTrue(late.getFirst().message().contains("4 days, since 2026-11-20"), late.getFirst().message());
    }

    @Test
    void aDrainedClusterBillsForShutdownAfterDaysThenIsAnError() throws Exception {
        CostFixture.create(dir);
        // odd holds billable things of its own: an EKS cluster and an ALB
        CostFixture.write(dir, "infra/aws/clusters/odd/eks.yaml", CostFixture.EKS.replace("even", "odd"));
        CostFixture.write(dir, "apps/edge/odd/ingress.yaml", CostFixture.INGRESS.replace("acl-even", "acl-odd"));
        CostFixture.write(dir, "clusters/odd/apps/edge.yaml", CostFixture.application("edge", "apps/edge/odd"));
        CostFixture.write(dir, "clusters/odd/apps/mq.yaml", CostFixture.application("mq", "apps/mq/base"));
        states(null, "gitops.dev/drained-since: \"2026-11-20\"", true);
        assertTrue(run("2026-11-21").isEmpty(), "1 day drained: within release.shutdownAfterDays (1)");
        List<Finding> late = run("2026-11-22");
        assertEquals(1, late.size(), late.toString());
        Finding f = late.getFirst();
        assertEquals("COST002", f.rule());
        assertTrue(f.message().contains("1 EKS cluster(s), node group docproc-odd-system (2 x m6g.large), ALB edge-public, "
                + "ALB edge-internal, RabbitMQ volumes (30 GiB)"), f.message());
        // at 730 hours with the fixture's prices: control plane 73 + system nodes 2 x 0.10 x 730 = 146 + brokers
        // on even's on-demand pool 1.5 m6g x 0.10 x 730 = 109.50 + 15 node volumes + 2 idle ALBs 0.02 x 730 x 2
        // = 29.20 + broker volumes 3 + NAT 0.50 = 376.20; shut down 0 (no health check of its own here)
        assertTrue(f.message().contains("(376.20 USD a month more than shut down"), f.message());
    }

    @Test
    void aShutDownClusterIsClean() throws Exception {
        CostFixture.create(dir);
        states(null, "gitops.dev/drained-since: \"2020-01-01\"", true);
        // odd's tree holds its brokers' volumes through the shared base folder only
        CostFixture.write(dir, "apps/mq/base/rabbit.yaml", "");
        assertTrue(run("2026-11-22").isEmpty());
    }
}
