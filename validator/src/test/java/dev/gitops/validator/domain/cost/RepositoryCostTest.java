package dev.gitops.validator.domain.cost;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gitops.validator.domain.traffic.Cluster;
import dev.gitops.validator.release.Workspace;
import dev.gitops.validator.transition.StandardChecks;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The cost of the repository's own tree, with its price file: every line there, totals the sums of lines. */
class RepositoryCostTest {

    private static final Path REPOSITORY = Path.of("..").toAbsolutePath().normalize();

    @Test
    void everyClusterAndStateHasEveryLineAndTotalsAreTheirSums() throws Exception {
        Workspace ws = Workspace.open(REPOSITORY, StandardChecks.all());
        CostReport r = CostReport.of(ws.root(), ws.resources(), ws.settings(), ws.tree(), 730);
        for (Cluster c : Cluster.values()) {
            for (CostState s : CostState.values()) {
                ClusterCost cc = r.of(c, s);
                assertEquals(CostModel.CLUSTER_LINES, cc.lines().stream().map(LineItem::id).toList(), c + " " + s);
                assertEquals(cc.lines().stream().mapToDouble(LineItem::monthly).sum(), cc.total(), 1e-9);
                assertTrue(cc.ceiling() >= cc.total(), c + " " + s);
            }
            assertTrue(r.of(c, CostState.LIVE).line("eks").monthly() > 0, "the tree declares " + c + "'s EKS cluster");
            assertTrue(r.of(c, CostState.LIVE).line("albs").monthly() > 0);
            assertTrue(r.of(c, CostState.LIVE).total() > r.of(c, CostState.DRAINED).total());
            assertTrue(r.of(c, CostState.DRAINED).total() > r.of(c, CostState.SHUT_DOWN).total());
            // shut down leaves nothing of the cluster's own that bills (docs/cost.md: 0.00 is unavoidable)
            for (LineItem l : r.of(c, CostState.SHUT_DOWN).lines()) {
                assertEquals(0.0, l.monthly(), 1e-9, c + " shut down: " + l.id() + " (" + l.basis() + ")");
            }
        }
        for (String id : new String[] {"shield", "nat-gateways", "route53-zones"}) {
            assertNotNull(r.shared().stream().filter(l -> l.id().equals(id)).findFirst().orElse(null), id);
        }
        assertTrue(r.shared().stream().anyMatch(l -> l.id().endsWith(".DEEP_ARCHIVE")));
        assertEquals(r.shared().stream().mapToDouble(LineItem::monthly).sum()
                + r.today().values().stream().mapToDouble(ClusterCost::total).sum(), r.runRate(), 1e-9);
    }

    @Test
    void everyAlbOfTheTreeIsMatchedToItsClustersWebAcl() throws Exception {
        Workspace ws = Workspace.open(REPOSITORY, StandardChecks.all());
        for (ClusterInventory inv : new TreeInventory(ws.resources(), ws.settings()).clusters(ws.tree()).values()) {
            assertEquals(2, inv.albs().size(), inv.cluster() + ": " + inv.albs());
            assertEquals(1, inv.acls().size(), inv.cluster() + ": " + inv.acls());
            for (ClusterInventory.Alb alb : inv.albs()) {
                assertEquals(inv.acls().getFirst().name(), alb.webAcl(), alb.toString());
            }
            assertTrue(inv.acls().getFirst().botControl(), "the tree's web ACLs run Bot Control");
        }
    }

    @Test
    void docsCostMdShowsTheFiguresOfThisTree() throws Exception {
        Workspace ws = Workspace.open(REPOSITORY, StandardChecks.all());
        CostReport r = CostReport.of(ws.root(), ws.resources(), ws.settings(), ws.tree(), 730);
        String doc = java.nio.file.Files.readString(REPOSITORY.resolve("docs/cost.md"));
        StringBuilder totals = new StringBuilder("| **total per cluster** |");
        for (CostState s : CostState.values()) {
            totals.append(String.format(java.util.Locale.ROOT, " **%,.2f** |", r.of(Cluster.EVEN, s).total()));
        }
        assertTrue(doc.contains(totals), "docs/cost.md is stale: run ./gitops cost and update it; expected " + totals);
        String rate = String.format(java.util.Locale.ROOT, "**Today's run rate: %,.2f a month**", r.runRate());
        assertTrue(doc.contains(rate), "docs/cost.md is stale: expected " + rate);
        String shared = String.format(java.util.Locale.ROOT, "| **total** | **%,.2f** |", r.sharedTotal());
        assertTrue(doc.contains(shared), "docs/cost.md is stale: expected " + shared);
    }

    @Test
    void everyPriceNamesItsSourcePage() throws Exception {
        PriceBook book = PriceBook.read(REPOSITORY, PriceBook.DEFAULT_FILE);
        assertEquals("eu-west-1", book.region());
        for (PriceBook.Price p : book.prices().values()) {
            assertTrue(p.source().startsWith("https://aws.amazon.com/"), p.key() + ": " + p.source());
        }
    }
}
