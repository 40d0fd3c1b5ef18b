package dev.gitops.validator.domain.cost;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The approaches compared on the fixture tree, 10-day sprints with a 2-day beta window. The cluster
 * figures come from {@link CostReportTest}: even live 128.7504, beta 119.81, drained 99.25, shut down 2.50.
 */
class ComparisonTest {

    @TempDir
    Path dir;

    CostReport report;
    List<Comparison.Option> options;

    @BeforeEach
    void setUp() throws Exception {
        report = CostFixture.report(CostFixture.create(dir));
        options = Comparison.of(report, 10, 2);
    }

    double option(String id) {
        return options.stream().filter(o -> o.id().equals(id)).findFirst().orElseThrow().monthly() - report.sharedTotal();
    }

    @Test
    void betaIsOnlyTheFixtureClustersBetaState() {
        // eks 10 + system 20 + pools 56.25 + ALBs 5 + WAF 18.06 + volumes 3 + NAT 5 + health check 2.5
        assertEquals(119.81, report.of(dev.gitops.validator.domain.traffic.Cluster.EVEN, CostState.BETA).total(), 1e-6);
    }

    @Test
    void twoClustersPayTheOtherOneByTheDaysOfEachState() {
        assertEquals(128.7504 + 0.2 * 119.81 + 0.8 * 99.25, option("two-clusters-drained"), 1e-6);
        assertEquals(128.7504 + 0.2 * 119.81 + 0.8 * 2.5, option("two-clusters-shut-down"), 1e-6);
    }

    @Test
    void oneClusterPaysTheBetaCopyOfTheReleasePodsOnly() {
        // release pods: live pools 56.25 - drained pools 41.25 = 15.00, for 2 of 10 days
        assertEquals(128.7504 + 0.2 * 15, option("one-cluster"), 1e-6);
    }

    @Test
    void vmsAreWholeOnDemandInstances() {
        // live requests 6.5 cores, 20 GiB: 4 m6g (ceil max(3.25, 2.5)) x (0.10 x 100 + 100 GiB x 0.10) = 80
        // (5 c6g: 90); edge etc. 128.7504 - 10 - 20 - 56.25; beta copy of web (2 cores, 4 GiB): 1 c6g = 18
        assertEquals(80 + (128.7504 - 86.25) + 0.2 * 18, option("vms"), 1e-6);
    }

    @Test
    void aBetaWindowLongerThanTheSprintIsRefused() {
        assertThrows(CostInputException.class, () -> Comparison.of(report, 10, 11));
    }
}
