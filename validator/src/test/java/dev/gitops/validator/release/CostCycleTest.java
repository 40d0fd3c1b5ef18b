package dev.gitops.validator.release;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gitops.validator.domain.traffic.Cluster;
import dev.gitops.validator.transition.StandardChecks;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A sprint cycle on a copy of the repository, checking the run rate {@code status} shows at each step
 * against the per-state figures of {@code cost}, and the cost rules on the dates the commands write.
 */
class CostCycleTest {

    @TempDir
    Path tmp;

    TempRepo repo;

    @BeforeEach
    void setUp() {
        repo = TempRepo.create(tmp);
    }

    JsonNode json(String... args) throws Exception {
        repo.ok(args);
        return new ObjectMapper().readTree(repo.out);
    }

    /** The monthly figure of a cluster in a state, from {@code cost --json}. */
    double figure(String cluster, String state) throws Exception {
        for (JsonNode c : json("cost", "--json").get("clusters")) {
            if (c.get("cluster").asText().equals(cluster) && c.get("state").asText().equals(state)) {
                return c.get("monthly").doubleValue();
            }
        }
        throw new AssertionError(cluster + " " + state);
    }

    /** The run rate of {@code status --json}, checked to be the shared lines plus each cluster in the given state. */
    double runRate(String evenState, String oddState) throws Exception {
        JsonNode cost = json("status", "--json").get("cost");
        assertEquals(evenState, cost.get("even").get("state").asText(), cost.toString());
        assertEquals(oddState, cost.get("odd").get("state").asText(), cost.toString());
        double sum = cost.get("shared").doubleValue() + cost.get("even").get("monthly").doubleValue()
                + cost.get("odd").get("monthly").doubleValue();
        assertEquals(sum, cost.get("runRate").doubleValue(), 0.02, cost.toString());
        return cost.get("runRate").doubleValue();
    }

    @Test
    void theRunRateFollowsTheCycle() throws Exception {
        String repository = Workspace.open(repo.dir, StandardChecks.all()).tree()
                .releaseImages(Cluster.ODD, Workspace.open(repo.dir, StandardChecks.all()).settings()).getFirst()
                .repository();
        double shared = json("cost", "--json").get("shared").get("monthly").doubleValue();
        // even serves, odd is in beta: the state table's figures exactly
        double start = runRate("live", "beta");
        assertEquals(shared + figure("even", "live") + figure("odd", "beta"), start, 0.02);

        repo.ok("beta-ok");
        repo.commit("beta ok");
        for (int w : new int[] {25, 50, 75, 100}) {
            repo.ok("shift", "--to", "odd", "--weight", String.valueOf(w));
            repo.commit("shift " + w);
        }
        // all weight on odd, even idle but running: both clusters bill in full
        double shifted = runRate("live", "live");
        assertTrue(shifted > start, shifted + " > " + start);
        // odd is live with all the weight and, still the beta target until the next release, its beta traffic
        double oddNow = json("status", "--json").get("cost").get("odd").get("monthly").doubleValue();
        assertTrue(oddNow >= figure("odd", "live") - 0.01, oddNow + " >= live " + figure("odd", "live"));

        repo.ok("drain", "even");
        assertTrue(repo.read("clusters/even/cluster-state.yaml").contains("gitops.dev/drained-since: "),
                repo.read("clusters/even/cluster-state.yaml"));
        repo.commit("drain even");
        double drained = runRate("drained", "live");
        assertEquals(figure("even", "drained"), json("status", "--json").get("cost").get("even").get("monthly")
                .doubleValue(), 0.01);
        assertTrue(drained < shifted, drained + " < " + shifted);

        // a drain older than release.shutdownAfterDays with the cluster still in the tree is COST002
        String state = repo.read("clusters/even/cluster-state.yaml");
        repo.write("clusters/even/cluster-state.yaml",
                state.replaceAll("gitops.dev/drained-since: \"?[0-9-]+\"?", "gitops.dev/drained-since: \"2020-01-01\""));
        assertEquals(1, repo.run("validate", "--only", "COST002"), repo.out + repo.err);
        assertTrue(repo.out.contains("COST002") && repo.out.contains("even has been drained for"), repo.out);
        repo.write("clusters/even/cluster-state.yaml", state);

        // shutdown, step 1: the edge goes (ALBs, web ACL, DNS, brokers, node pools); the control plane, the
        // system nodes and idle NAT traffic are left
        repo.ok("shutdown", "even");
        repo.commit("shutdown even: edge");
        double edge = runRate("drained", "live");
        JsonNode evenEdge = json("status", "--json").get("cost").get("even");
        assertTrue(edge < drained, edge + " < " + drained);
        assertEquals(figure("even", "drained") - figure("even", "shut-down"), 432.15 - 0, 0.02,
                "the state table still shows even as it runs once restored");
        assertTrue(evenEdge.get("monthly").doubleValue() < figure("even", "drained"), evenEdge.toString());
        assertTrue(evenEdge.get("monthly").doubleValue() > 0, evenEdge.toString());

        // step 2, with what kubectl lists once the first step has finished: the cluster itself goes, and
        // even costs what docs/cost.md documents as unavoidable for a shut-down cluster: nothing
        java.nio.file.Path remains = tmp.resolve("remains.yaml");
        java.nio.file.Files.writeString(remains, ShutdownTest.NOTHING_LEFT);
        repo.ok("shutdown", "even", "--from", remains.toString());
        repo.commit("shutdown even: cluster");
        double down = runRate("shut-down", "live");
        assertEquals(0.0, json("status", "--json").get("cost").get("even").get("monthly").doubleValue(), 0.001);
        assertEquals(0.0, figure("even", "shut-down"), 0.001);
        assertEquals(shared + json("status", "--json").get("cost").get("odd").get("monthly").doubleValue(), down, 0.02);
        // a shut-down cluster is not reported by COST002, however long ago it was drained
        assertEquals(0, repo.run("validate", "--only", "COST002,COST003,COST004"), repo.out + repo.err);

        // the next sprint onto even: release writes the beta date, even is the beta target again
        repo.ok("release", "--sprint", "44", "--image", ReleaseCycleTest.image(repository, "44.0.0"));
        assertTrue(repo.read("clusters/even/cluster-state.yaml").contains("gitops.dev/beta-since: "));
        assertEquals(shared + figure("even", "beta") + json("status", "--json").get("cost").get("odd").get("monthly")
                .doubleValue(), runRate("beta", "live"), 0.02);
    }
}
