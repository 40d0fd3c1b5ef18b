package dev.gitops.validator.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gitops.validator.domain.traffic.ClusterState;
import dev.gitops.validator.model.ModelKind;
import dev.gitops.validator.model.ModelProblem;
import dev.gitops.validator.model.Rollouts;
import dev.gitops.validator.model.TypedModels;
import dev.gitops.validator.model.Waf;
import dev.gitops.validator.resource.Resource;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ModelsTest {

    @Test
    void rolloutReadsStepsAndReportsEveryProblemAtItsPath() {
        Resource r = DomainTestSupport.load("r.yaml", """
                apiVersion: argoproj.io/v1alpha1
                kind: Rollout
                metadata: {name: api}
                spec:
                  replicas: "2"
                  selector: {matchLabels: {app: api}}
                  template: {metadata: {labels: {app: api}}, spec: {containers: []}}
                  strategy:
                    canary:
                      steps:
                        - setWeight: 20
                        - pause: {}
                        - pause: {duration: 1h}
                      stepz: []
                """).getFirst();
        ModelKind.Read<Rollouts.Rollout> read = ModelKind.ROLLOUT.read(r);
        assertEquals(List.of("spec.replicas must be an integer, not the string '2'",
                        "unknown field spec.strategy.canary.stepz (known: abortScaleDownDelaySeconds, analysis, "
                                + "antiAffinity, canaryMetadata, canaryService, dynamicStableScale, maxSurge, "
                                + "maxUnavailable, minPodsPerReplicaSet, pingPong, replicaProgressThreshold, "
                                + "scaleDownDelayRevisionLimit, scaleDownDelaySeconds, stableMetadata, stableService, steps, "
                                + "trafficRouting)"),
                read.problems().stream().map(ModelProblem::message).toList());
        List<Rollouts.CanaryStep> steps = read.model().canary().steps();
        assertEquals(3, steps.size());
        assertEquals(20L, steps.get(0).setWeight());
        assertEquals(null, steps.get(1).pause().duration());
        assertEquals("1h", steps.get(2).pause().duration().stringValue());
    }

    @Test
    void nestedWafStatementsAreParsedFromStringsInEitherKeyStyle() {
        Resource r = DomainTestSupport.load("w.yaml", """
                apiVersion: wafv2.services.k8s.aws/v1alpha1
                kind: WebACL
                metadata: {name: a}
                spec:
                  name: a
                  scope: REGIONAL
                  defaultAction: {block: {}}
                  visibilityConfig: {metricName: a, sampledRequestsEnabled: true, cloudWatchMetricsEnabled: true}
                  rules:
                    - name: r
                      priority: 0
                      action: {block: {}}
                      statement:
                        orStatement: '{"Statements": [{"GeoMatchStatement": {"CountryCodes": ["KP"]}},
                          {"NotStatement": {"Statement": {"LabelMatchStatement": {"Scope": "LABEL", "Key": "x"}}}}]}'
                      visibilityConfig: {metricName: r, sampledRequestsEnabled: true, cloudWatchMetricsEnabled: true}
                """).getFirst();
        ModelKind.Read<Waf.WebAcl> read = ModelKind.WEB_ACL.read(r);
        assertEquals(List.of(), read.problems());
        Waf.Statement or = read.model().rules().getFirst().statement();
        assertEquals(List.of("or", "geoMatch", "not", "labelMatch"),
                or.walk().stream().map(Waf.Statement::type).toList());
    }

    @Test
    void typedModelsCoverTheModelledKinds() {
        assertTrue(TypedModels.covers("argoproj.io/v1alpha1", "Rollout"));
        assertTrue(TypedModels.covers("karpenter.k8s.aws/v1", "EC2NodeClass"));
        assertTrue(TypedModels.covers("configuration.konghq.com/v1", "KongClusterPlugin"));
        assertTrue(!TypedModels.covers("apps/v1", "Deployment"));
    }

    @Test
    void clusterStateReadsTheContractAndRejectsUnquotedValues() {
        Resource r = DomainTestSupport.load("clusters/even/cluster-state.yaml", """
                apiVersion: v1
                kind: ConfigMap
                metadata: {name: cluster-state, namespace: argocd}
                data:
                  cluster: even
                  sprint: "42"
                  weight: "70"
                  betaTarget: "false"
                  betaValidated: "true"
                  drained: "false"
                """).getFirst();
        List<ModelProblem> problems = new ArrayList<>();
        ClusterState s = ClusterState.read(r, problems);
        assertEquals(List.of(), problems);
        assertEquals(new ClusterState("even", 42, 70, false, true, false, ClusterState.Shutdown.NO, r), s);
        Resource bad = DomainTestSupport.load("x.yaml", """
                apiVersion: v1
                kind: ConfigMap
                metadata: {name: cluster-state}
                data: {cluster: even, sprint: "42", weight: 70, betaTarget: "no", betaValidated: "true", drained: "false"}
                """).getFirst();
        problems.clear();
        assertEquals(null, ClusterState.read(bad, problems));
        assertEquals(List.of("data.weight", "data.betaTarget"), problems.stream().map(p -> p.path().toString()).toList());
    }
}
