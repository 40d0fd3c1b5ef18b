package dev.gitops.validator.domain.cost;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The cost model fails closed: a price without its source, a missing price, a pool without limits. */
class CostInputTest {

    @TempDir
    Path dir;

    @Test
    void aPriceWithoutHowItWasGatheredIsAnError() throws Exception {
        CostFixture.create(dir);
        CostFixture.write(dir, "cost/prices-eu-west-1.yaml", CostFixture.PRICES
                .replace("alb.hour: {price: 0.02, unit: h, source: s, note: n}", "alb.hour: {price: 0.02, unit: h, source: s}"));
        CostInputException e = assertThrows(CostInputException.class, () -> CostFixture.report(dir));
        assertTrue(e.getMessage().contains("cost/prices-eu-west-1.yaml: prices.alb.hour"), e.getMessage());
    }

    @Test
    void aMissingPriceIsNamed() throws Exception {
        CostFixture.create(dir);
        CostFixture.write(dir, "cost/prices-eu-west-1.yaml", CostFixture.PRICES
                .replace("  nat.gb: {price: 0.05, unit: gb, source: s, note: n}\n", ""));
        CostInputException e = assertThrows(CostInputException.class, () -> CostFixture.report(dir));
        assertTrue(e.getMessage().contains("no price 'nat.gb'"), e.getMessage());
    }

    @Test
    void anInstanceTypeWithoutAPriceIsNamed() throws Exception {
        CostFixture.create(dir);
        CostFixture.write(dir, "infra/aws/clusters/even/eks.yaml", CostFixture.EKS.replace("m6g.large", "x9.large"));
        CostInputException e = assertThrows(CostInputException.class, () -> CostFixture.report(dir));
        assertTrue(e.getMessage().contains("no price 'ec2.x9.large.hour'"), e.getMessage());
    }

    @Test
    void aNodePoolWithoutLimitsHasNoCeiling() throws Exception {
        CostFixture.create(dir);
        CostFixture.write(dir, "apps/karpenter/even/nodepools.yaml", CostFixture.POOLS
                .replace("  limits: {cpu: \"20\", memory: 80Gi}\n", ""));
        CostInputException e = assertThrows(CostInputException.class, () -> CostFixture.report(dir));
        assertTrue(e.getMessage().contains("NodePool spot has no limits"), e.getMessage());
    }
}
