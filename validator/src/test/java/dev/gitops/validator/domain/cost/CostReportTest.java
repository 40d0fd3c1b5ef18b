package dev.gitops.validator.domain.cost;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gitops.validator.domain.traffic.Cluster;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Figures of the fixture tree ({@link CostFixture}), worked out by hand, at 100 hours a month. */
class CostReportTest {

    private static final double CENT = 0.005;

    @TempDir
    Path dir;

    CostReport report;

    @BeforeEach
    void setUp() throws Exception {
        report = CostFixture.report(CostFixture.create(dir));
    }

    double line(Cluster c, CostState s, String id) {
        return report.of(c, s).line(id).monthly();
    }

    @Test
    void controlPlaneAndSystemNodesArePricedPerHour() {
        assertEquals(10.0, line(Cluster.EVEN, CostState.LIVE, "eks"), CENT); // 1 x 0.10 x 100
        assertEquals(20.0, line(Cluster.EVEN, CostState.LIVE, "system-nodes"), CENT); // 2 x m6g.large 0.10 x 100
        assertEquals(20.0, line(Cluster.EVEN, CostState.DRAINED, "system-nodes"), CENT);
        assertEquals(0.0, line(Cluster.EVEN, CostState.SHUT_DOWN, "system-nodes"), CENT);
    }

    @Test
    void nodePoolsPackTheRequestsOnTheCheapestAllowedFamily() {
        // each node also pays its EC2NodeClass volumes: (20 + 80) GiB x 0.10 = 10.00 a node-month
        // spot: web 4 x (0.5 cores, 1 GiB) + Kong gateway 2 x (0.5, 1 GiB) + controller 1 x (0.5, 2 GiB)
        //   = 3.5 cores, 8 GiB: m6g 1.75 nodes x 0.10 x spot 0.5 x 100 = 8.75 + 17.50 volumes = 26.25
        //   (c6g: 2 nodes x 0.08 x 0.5 x 100 = 8.00 + 20.00 = 28.00)
        // on-demand: rabbit 3 x (1 core, 4 GiB) = 3 cores, 12 GiB: m6g 1.5 nodes = 15.00 + 15.00 = 30.00
        //   (c6g: 3 nodes = 24.00 + 30.00; m5 is generation 5, never allowed)
        assertEquals(56.25, line(Cluster.EVEN, CostState.LIVE, "node-pools"), CENT);
        // ceiling: spot 20 cores/80 GiB: 10 m6g = 100 + 100 volumes (10 c6g: 80 + 100); on-demand 5 m6g = 50 + 50
        assertEquals(300.0, report.of(Cluster.EVEN, CostState.LIVE).line("node-pools").ceiling(), CENT);
    }

    @Test
    void drainKeepsOnlyTheWorkloadsItDoesNotScale() {
        // the brokers and Kong stay; the web deployment (a capacity drain sets to 0) goes:
        // spot: Kong 1.5 cores, 4 GiB: m6g 0.75 nodes = 3.75 + 7.50 = 11.25; on-demand brokers 30.00
        assertEquals(41.25, line(Cluster.EVEN, CostState.DRAINED, "node-pools"), CENT);
        assertEquals(41.25, report.of(Cluster.EVEN, CostState.DRAINED).line("node-pools").ceiling(), CENT);
    }

    @Test
    void aDrainedClusterIsCostedLiveWithTheCapacityReleaseRestoresFromTheOther() {
        assertEquals(56.25, line(Cluster.ODD, CostState.LIVE, "node-pools"), CENT);
        // drained odd keeps only its brokers (Kong is in even's folder in this fixture)
        assertEquals(30.0, line(Cluster.ODD, CostState.DRAINED, "node-pools"), CENT);
    }

    @Test
    void albsPayHoursAndTheLargestLcuDimension() {
        // live: public ALB 1M requests / 100 h = 10,000/h x 1 MB = 10 GB/h -> 10 LCU (connections: 0.11 LCU)
        // (0.02 + 10 x 0.01) x 100 = 12.00, internal ALB idle 0.02 x 100 = 2.00
        assertEquals(14.0, line(Cluster.EVEN, CostState.LIVE, "albs"), CENT);
        // beta: internal ALB takes 10% = 1 GB/h -> (0.02 + 0.01) x 100 = 3.00, public idle 2.00
        assertEquals(5.0, line(Cluster.EVEN, CostState.BETA, "albs"), CENT);
        assertEquals(4.0, line(Cluster.EVEN, CostState.DRAINED, "albs"), CENT);
    }

    @Test
    void wafChargesRequestsOnlyWhereShieldAdvancedDoesNotCoverThem() {
        // web ACL 5 + 3 rules (the internal ALB is not Shield-protected, so the ACL is not covered) + Bot
        // Control 10 (1M requests are within the 10M free); live requests are on the protected public ALB
        assertEquals(18.0, line(Cluster.EVEN, CostState.LIVE, "waf"), CENT);
        // beta: 100,000 requests on the unprotected internal ALB x 0.60/M = 0.06
        assertEquals(18.06, line(Cluster.EVEN, CostState.BETA, "waf"), 0.0001);
    }

    @Test
    void botControlChargesTheRequestsAboveItsFreeMonthlyShare() throws Exception {
        CostFixture.write(dir, "cost/assumptions.yaml", CostFixture.ASSUMPTIONS.replace("requestsPerMonth: 1000000",
                "requestsPerMonth: 12000000"));
        CostReport more = CostFixture.report(dir);
        // 5 + 3 rules + Bot Control 10 + (12M - 10M free) x 1.00/M; the public ALB's requests are Shield-covered
        assertEquals(20.0, more.of(Cluster.EVEN, CostState.LIVE).line("waf").monthly(), 1e-9);
    }

    @Test
    void volumesHealthChecksNatAndQueries() {
        assertEquals(3.0, line(Cluster.EVEN, CostState.DRAINED, "rabbitmq-volumes"), CENT); // 3 x 10 GiB x 0.10
        assertEquals(2.5, line(Cluster.EVEN, CostState.SHUT_DOWN, "route53-health-checks"), CENT); // 0.5 + HTTPS + 10 s
        assertEquals(5.0, line(Cluster.EVEN, CostState.LIVE, "nat-data"), CENT); // 100 GB x 0.05
        assertEquals(0.5, line(Cluster.EVEN, CostState.DRAINED, "nat-data"), CENT); // 10 GB x 0.05
        assertEquals(0.0004, line(Cluster.EVEN, CostState.LIVE, "route53-queries"), 1e-9); // 1,000 queries x 0.40/M
    }

    @Test
    void totalsPerState() {
        assertEquals(128.7504, report.of(Cluster.EVEN, CostState.LIVE).total(), 1e-6);
        assertEquals(99.25, report.of(Cluster.EVEN, CostState.DRAINED).total(), 1e-6);
        assertEquals(2.5, report.of(Cluster.EVEN, CostState.SHUT_DOWN).total(), 1e-6);
    }

    @Test
    void sharedLinesAndStorageByLifecycleStage() {
        assertEquals(3000.0, report.shared().stream().filter(l -> l.id().equals("shield")).findFirst().orElseThrow()
                .monthly(), CENT);
        assertEquals(5.0, shared("nat-gateways"), CENT); // 1 x 0.05 x 100
        assertEquals(0.5, shared("route53-zones"), CENT);
        assertEquals(1.0, shared("public-ipv4"), CENT); // 1 x 0.01 x 100
        // 100 GB a month for 365.25 days: 30 days STANDARD, 150 GLACIER, 185.25 DEEP_ARCHIVE (30.4375 days a month)
        assertEquals(100 * 30 / 30.4375 * 0.02, shared("s3.docs.STANDARD"), 1e-9);
        assertEquals(100 * 150 / 30.4375 * 0.004, shared("s3.docs.GLACIER"), 1e-9);
        assertEquals(100 * 185.25 / 30.4375 * 0.001, shared("s3.docs.DEEP_ARCHIVE"), 1e-9);
    }

    @Test
    void todayIsTheSharedLinesPlusEachClusterInItsState() {
        assertEquals(CostState.LIVE, report.today().get(Cluster.EVEN).state());
        assertEquals(CostState.DRAINED, report.today().get(Cluster.ODD).state());
        // odd drained: its brokers on even's on-demand pool 30 + volumes 3 + NAT 0.5 (no control plane of its own)
        assertEquals(33.5, report.today().get(Cluster.ODD).total(), 1e-6);
        assertEquals(report.sharedTotal() + 128.7504 + 33.5, report.runRate(), 1e-6);
        assertTrue(report.sharedTotal() > 3000);
    }

    private double shared(String id) {
        return report.shared().stream().filter(l -> l.id().equals(id)).findFirst().orElseThrow().monthly();
    }
}
