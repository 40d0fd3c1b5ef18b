package dev.gitops.validator.domain.ack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gitops.validator.config.ValidatorConfig;
import dev.gitops.validator.domain.DomainTestSupport;
import dev.gitops.validator.domain.Topology;
import dev.gitops.validator.resource.Resource;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The effective ACK deletion policy: object annotation, then namespace annotation, then controller. */
class AckDeletionPolicyTest {

    private static final String DEPLOYER = """
            apiVersion: argoproj.io/v1alpha1
            kind: Application
            metadata: {name: aws, namespace: argocd}
            spec:
              source: {repoURL: https://example.com/repo.git, path: infra/aws, directory: {recurse: true}}
              destination: {server: https://kubernetes.default.svc, namespace: aws-resources}
            """;

    private static String controller(String values) {
        return """
                apiVersion: argoproj.io/v1alpha1
                kind: Application
                metadata: {name: ack-eks, namespace: argocd}
                spec:
                  source:
                    repoURL: public.ecr.aws/aws-controllers-k8s
                    chart: eks-chart
                    targetRevision: 1.22.0
                    helm:
                %s
                  destination: {server: https://kubernetes.default.svc, namespace: ack-system}
                """.formatted(values);
    }

    private static String cluster(String annotations) {
        return """
                apiVersion: eks.services.k8s.aws/v1alpha1
                kind: Cluster
                metadata:
                  name: docproc-even
                %s
                spec: {name: docproc-even}
                """.formatted(annotations);
    }

    private record Tree(Resource target, Resource deployer, List<Resource> all) {
    }

    private static Tree tree(String clusterYaml, String controllerYaml, String namespaceYaml) {
        List<Resource> all = new ArrayList<>();
        Resource deployer = DomainTestSupport.load("infra/management/apps/aws.yaml", DEPLOYER).getFirst();
        all.add(deployer);
        if (controllerYaml != null) {
            all.addAll(DomainTestSupport.load("infra/management/apps/ack-eks.yaml", controllerYaml));
        }
        if (namespaceYaml != null) {
            all.addAll(DomainTestSupport.load("infra/aws/namespace.yaml", namespaceYaml));
        }
        Resource target = DomainTestSupport.load("infra/aws/clusters/even/eks.yaml", clusterYaml).getFirst();
        all.add(target);
        return new Tree(target, deployer, all);
    }

    private static AckDeletionPolicy resolve(Tree t) {
        return AckDeletionPolicy.of(t.target(), t.deployer(), t.all(), Topology.of(ValidatorConfig.defaults(), t.all()));
    }

    private static final String RETAINING_NAMESPACE = """
            apiVersion: v1
            kind: Namespace
            metadata:
              name: aws-resources
              annotations: {eks.services.k8s.aws/deletion-policy: retain}
            """;

    @Test
    void theObjectsAnnotationComesFirst() {
        AckDeletionPolicy p = resolve(tree(cluster("  annotations: {services.k8s.aws/deletion-policy: delete}"),
                controller("      valuesObject: {deletionPolicy: retain}"), RETAINING_NAMESPACE));
        assertFalse(p.retains());
        assertTrue(p.source().contains("its annotation"), p.source());
    }

    @Test
    void theNamespaceOfTheObjectComesBeforeTheController() {
        AckDeletionPolicy p = resolve(tree(cluster("  namespace: aws-resources"),
                controller("      valuesObject: {deletionPolicy: delete}"), RETAINING_NAMESPACE));
        assertTrue(p.retains());
        assertTrue(p.source().contains("Namespace aws-resources"), p.source());
    }

    @Test
    void theNamespaceIsTheDeployersDestinationWhenTheObjectNamesNone() {
        AckDeletionPolicy p = resolve(tree(cluster(""), null, RETAINING_NAMESPACE));
        assertTrue(p.retains());
    }

    @Test
    void anotherServicesNamespaceAnnotationDoesNotApply() {
        AckDeletionPolicy p = resolve(tree(cluster("  namespace: aws-resources"), null,
                RETAINING_NAMESPACE.replace("eks.services", "iam.services")));
        assertFalse(p.retains());
        assertEquals("the ACK charts' default", p.source());
        assertTrue(p.locations().isEmpty());
    }

    @Test
    void theControllersValueOrParameterDecidesLast() {
        AckDeletionPolicy value = resolve(tree(cluster("  namespace: aws-resources"),
                controller("      valuesObject: {deletionPolicy: retain}"), null));
        assertTrue(value.retains());
        assertEquals(1, value.locations().size());
        assertEquals("infra/management/apps/ack-eks.yaml", value.locations().getFirst().file());
        AckDeletionPolicy parameter = resolve(tree(cluster("  namespace: aws-resources"),
                controller("      parameters: [{name: deletionPolicy, value: retain}]"), null));
        assertTrue(parameter.retains());
        assertTrue(parameter.source().contains("parameter"), parameter.source());
    }

    @Test
    void aControllerOfAnotherArgoCdDoesNotApply() {
        List<Resource> all = new ArrayList<>(tree(cluster("  namespace: aws-resources"), null, null).all());
        all.addAll(DomainTestSupport.load("clusters/even/apps/ack-eks.yaml",
                controller("      valuesObject: {deletionPolicy: retain}")));
        Resource deployer = all.getFirst();
        Resource target = all.get(1);
        assertFalse(AckDeletionPolicy.of(target, deployer, all, Topology.of(ValidatorConfig.defaults(), all)).retains());
    }

    @Test
    void aNamespaceOfAClusterTreeDoesNotApplyToTheInfrastructureLayer() {
        Tree t = tree(cluster("  namespace: aws-resources"), null, null);
        List<Resource> all = new ArrayList<>(t.all());
        all.addAll(DomainTestSupport.load("clusters/even/namespaces/aws-resources.yaml", RETAINING_NAMESPACE));
        assertFalse(AckDeletionPolicy.of(t.target(), t.deployer(), all, Topology.of(ValidatorConfig.defaults(), all))
                .retains());
    }
}
