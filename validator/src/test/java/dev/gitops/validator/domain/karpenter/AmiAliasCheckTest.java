package dev.gitops.validator.domain.karpenter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gitops.validator.check.CheckContext;
import dev.gitops.validator.check.CheckFailedException;
import dev.gitops.validator.check.Findings;
import dev.gitops.validator.check.RunOptions;
import dev.gitops.validator.finding.Finding;
import dev.gitops.validator.release.Workspace;
import dev.gitops.validator.transition.StandardChecks;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** KARPENTER006 on each side of a variant's first and removal releases, and what it cannot check. */
class AmiAliasCheckTest {

    private static final String RECORD = """
            newest: v1.66.0
            newestSource: test
            variants:
              - kubernetes: "1.36"
                first: v1.61.0
                source: test
              - kubernetes: "1.30"
                first: v1.20.0
                source: test
                removedIn: v1.64.0
                removedInSource: test
            """;

    @TempDir
    Path dir;

    /** The even cluster's node class, its EKS Cluster (in infra/aws/clusters/even/) and, optionally, its outputs. */
    void tree(String alias, String kubernetes, String record, boolean outputs) throws Exception {
        Files.writeString(dir.resolve(".gitops-validator.yaml"), """
                include: [apps, clusters, infra]
                clusters:
                  even: [clusters/even, apps/*/even]
                """);
        Files.createDirectories(dir.resolve("apps/karpenter/even"));
        Files.createDirectories(dir.resolve("clusters/even"));
        Files.writeString(dir.resolve("apps/karpenter/even/ec2nodeclass.yaml"), """
                apiVersion: karpenter.k8s.aws/v1
                kind: EC2NodeClass
                metadata:
                  name: default
                spec:
                  role: KarpenterNodeRole-docproc-even
                  amiSelectorTerms:
                    - alias: %s
                  subnetSelectorTerms:
                    - tags:
                        karpenter.sh/discovery: docproc-even
                  securityGroupSelectorTerms:
                    - tags:
                        karpenter.sh/discovery: docproc-even
                """.formatted(alias));
        Files.writeString(dir.resolve("clusters/even/namespace.yaml"), """
                apiVersion: v1
                kind: Namespace
                metadata:
                  name: docproc
                """);
        if (outputs) {
            Files.writeString(dir.resolve("clusters/even/aws-outputs.yaml"), """
                    apiVersion: v1
                    kind: ConfigMap
                    metadata:
                      name: aws-outputs
                      namespace: argocd
                    data:
                      clusterName: docproc-even
                    """);
        }
        if (kubernetes != null) {
            Files.createDirectories(dir.resolve("infra/aws/clusters/even"));
            Files.writeString(dir.resolve("infra/aws/clusters/even/eks.yaml"), """
                    apiVersion: eks.services.k8s.aws/v1alpha1
                    kind: Cluster
                    metadata:
                      name: docproc-even
                    spec:
                      name: docproc-even
                      version: "%s"
                    """.formatted(kubernetes));
        }
        if (record != null) {
            Files.createDirectories(dir.resolve("upstream"));
            Files.writeString(dir.resolve(BottlerocketVariants.FILE), record);
        }
    }

    List<Finding> run() throws Exception {
        Workspace ws = Workspace.open(dir, StandardChecks.all());
        Findings f = new Findings();
        new AmiAliasCheck().run(new CheckContext(ws.root(), ws.resources(), ws.config(), RunOptions.NONE), f);
        return f.all();
    }

    static String rules(List<Finding> findings) {
        return String.join(",", findings.stream().map(Finding::rule).toList());
    }

    @Test
    void theOldPinOnKubernetes136IsRefusedWithTheFirstReleaseThatShipsTheVariant() throws Exception {
        tree("bottlerocket@v1.46.0", "1.36", RECORD, true);
        List<Finding> f = run();
        assertEquals("KARPENTER006", rules(f));
        Finding only = f.getFirst();
        assertEquals(8, only.line());
        assertEquals("spec.amiSelectorTerms[0].alias", only.path());
        assertTrue(only.message().contains("first shipped in v1.61.0"), only.message());
        assertTrue(only.message().contains("/aws/service/bottlerocket/aws-k8s-1.36/<arch>/1.46.0/image_id"),
                only.message());
        assertTrue(only.message().contains("EKS Cluster docproc-even"), only.message());
        assertTrue(only.hint().contains("bottlerocket@v1.61.0"), only.hint());
    }

    @Test
    void theFirstReleaseShipsTheVariantAndTheOneBeforeDoesNot() throws Exception {
        tree("bottlerocket@v1.61.0", "1.36", RECORD, true);
        assertEquals("", rules(run()));
        tree("bottlerocket@1.64.0", "1.36", RECORD, true);
        assertEquals("", rules(run()), "Karpenter accepts the version without its v");
        tree("bottlerocket@v1.60.9", "1.36", RECORD, true);
        assertEquals("KARPENTER006", rules(run()));
    }

    @Test
    void aRetiredVariantIsShippedUpToTheReleaseBeforeItsRemoval() throws Exception {
        tree("bottlerocket@v1.63.0", "1.30", RECORD, true);
        assertEquals("", rules(run()));
        tree("bottlerocket@v1.64.0", "1.30", RECORD, true);
        List<Finding> f = run();
        assertEquals("KARPENTER006", rules(f));
        assertTrue(f.getFirst().message().contains("removed in v1.64.0"), f.getFirst().message());
        assertTrue(f.getFirst().hint().contains("upgrade the cluster"), f.getFirst().hint());
    }

    @Test
    void latestIsRefusedForEveryFamilyAndOtherFamiliesPinsAreNotChecked() throws Exception {
        tree("bottlerocket@latest", "1.36", RECORD, true);
        List<Finding> f = run();
        assertEquals("KARPENTER006", rules(f));
        assertTrue(f.getFirst().message().contains("drifted"), f.getFirst().message());
        tree("al2023@latest", "1.36", RECORD, true);
        assertEquals("KARPENTER006", rules(run()));
        tree("al2023@v20260801", "1.36", RECORD, true);
        assertEquals("", rules(run()));
    }

    @Test
    void whatTheRecordDoesNotKnowIsAnErrorNamingIt() throws Exception {
        tree("bottlerocket@v1.64.0", "1.35", RECORD, true);
        List<Finding> f = run();
        assertEquals("KARPENTER006", rules(f));
        assertTrue(f.getFirst().message().contains("Kubernetes 1.35 of cluster even"), f.getFirst().message());
        assertTrue(f.getFirst().message().contains(BottlerocketVariants.FILE), f.getFirst().message());
        tree("bottlerocket@v1.67.0", "1.36", RECORD, true);
        f = run();
        assertEquals("KARPENTER006", rules(f));
        assertTrue(f.getFirst().message().contains("newer than the newest release"), f.getFirst().message());
        tree("bottlerocket@v1.46", "1.36", RECORD, true);
        assertEquals("KARPENTER006", rules(run()), "not a release");
    }

    @Test
    void withoutARecordThePinIsAnErrorNamingTheFileToWrite() throws Exception {
        tree("bottlerocket@v1.64.0", "1.36", null, true);
        List<Finding> f = run();
        assertEquals("KARPENTER006", rules(f));
        assertTrue(f.getFirst().message().contains("no record"), f.getFirst().message());
    }

    @Test
    void aMalformedRecordFailsTheRun() throws Exception {
        tree("bottlerocket@v1.64.0", "1.36", RECORD.replaceFirst("    source: test\n", ""), true);
        CheckFailedException e = assertThrows(CheckFailedException.class, this::run);
        assertTrue(e.getMessage().contains("Kubernetes 1.36: source"), e.getMessage());
        tree("bottlerocket@v1.64.0", "1.36", RECORD.replace("removedIn: v1.64.0", "removedIn: v1.10.0"), true);
        assertThrows(CheckFailedException.class, this::run);
    }

    @Test
    void theClusterIsFoundByItsFolderWithoutOutputsAndTheValidatedVersionStandsInWithoutOne() throws Exception {
        tree("bottlerocket@v1.64.0", "1.30", RECORD, false);
        List<Finding> byFolder = run();
        assertEquals("KARPENTER006", rules(byFolder));
        assertTrue(byFolder.getFirst().message().contains("Kubernetes 1.30 in cluster even (EKS Cluster"),
                byFolder.getFirst().message());
        Files.delete(dir.resolve("infra/aws/clusters/even/eks.yaml"));
        assertEquals("", rules(run()), "v1.64.0 ships the validated version, 1.36");
        tree("bottlerocket@v1.46.0", null, RECORD, false);
        List<Finding> validated = run();
        assertEquals("KARPENTER006", rules(validated));
        assertTrue(validated.getFirst().message().contains("aws-k8s-1.36"), validated.getFirst().message());
        assertTrue(validated.getFirst().message().contains("validated Kubernetes version"),
                validated.getFirst().message());
    }
}
