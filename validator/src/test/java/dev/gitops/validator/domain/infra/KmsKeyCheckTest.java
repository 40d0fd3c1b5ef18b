package dev.gitops.validator.domain.infra;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gitops.validator.check.CheckContext;
import dev.gitops.validator.check.Findings;
import dev.gitops.validator.check.RunOptions;
import dev.gitops.validator.config.ValidatorConfig;
import dev.gitops.validator.domain.DomainTestSupport;
import dev.gitops.validator.finding.Finding;
import dev.gitops.validator.resource.Resource;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** INFRA011: where a declared key lives, and what a key without a recorded id resolves. */
class KmsKeyCheckTest {

    private static final String OUTPUTS = """
            apiVersion: v1
            kind: ConfigMap
            metadata: {name: aws-outputs, namespace: argocd}
            data: {accountId: "111122223333", region: eu-west-1}
            """;

    private static String key(String annotations) {
        return """
                apiVersion: kms.services.k8s.aws/v1alpha1
                kind: Key
                metadata:
                  name: docproc
                  namespace: aws-resources
                  annotations: {%s}
                spec: {keyUsage: ENCRYPT_DECRYPT}
                """.formatted(annotations);
    }

    private static String user(String arn) {
        return """
                apiVersion: v1
                kind: ConfigMap
                metadata: {name: processor, namespace: docproc}
                data: {PROCESSOR_KMS_KEY_ID: "%s"}
                """.formatted(arn);
    }

    private static List<Finding> run(String keyYaml, String arn) {
        List<Resource> all = new ArrayList<>();
        all.addAll(DomainTestSupport.load("clusters/even/aws-outputs.yaml", OUTPUTS));
        all.addAll(DomainTestSupport.load("infra/aws/kms/key.yaml", keyYaml));
        all.addAll(DomainTestSupport.load("apps/processor/base/processor-configmap.yml", user(arn)));
        Findings f = new Findings();
        new KmsKeyCheck().run(new CheckContext(Path.of("."), all, ValidatorConfig.defaults(), RunOptions.NONE), f);
        return f.all().stream().filter(x -> x.rule().equals("INFRA011")).toList();
    }

    private static final String ID = "1234abcd-12ab-34cd-56ef-1234567890ab";

    @Test
    void withoutAControllerTheKeyIsInTheRecordedRegion() {
        assertEquals(List.of(), run(key("services.k8s.aws/adoption-fields: '{\"keyID\": \"" + ID + "\"}'"),
                "arn:aws:kms:eu-west-1:111122223333:key/" + ID));
    }

    @Test
    void theRegionAnnotationPlacesTheKey() {
        String k = key("services.k8s.aws/region: eu-central-1, services.k8s.aws/adoption-fields: '{\"keyID\": \""
                + ID + "\"}'");
        assertEquals(List.of(), run(k, "arn:aws:kms:eu-central-1:111122223333:key/" + ID));
        List<Finding> west = run(k, "arn:aws:kms:eu-west-1:111122223333:key/" + ID);
        assertEquals(1, west.size());
        assertTrue(west.getFirst().message().contains("Key docproc in eu-central-1"), west.getFirst().message());
    }

    @Test
    void anotherAccountIsAnotherKey() {
        assertEquals(1, run(key("services.k8s.aws/adoption-fields: '{\"keyID\": \"" + ID + "\"}'"),
                "arn:aws:kms:eu-west-1:444455556666:key/" + ID).size());
    }

    @Test
    void aKeyWithoutARecordedIdResolvesNoArnAndSaysSo() {
        List<Finding> f = run(key(""), "arn:aws:kms:eu-west-1:111122223333:key/" + ID);
        assertEquals(1, f.size());
        assertTrue(f.getFirst().message().contains("no key id recorded"), f.getFirst().message());
        assertEquals("apps/processor/base/processor-configmap.yml", f.getFirst().file());
    }

    @Test
    void wildcardsAreNotKeys() {
        assertEquals(List.of(), run(key(""), "arn:aws:kms:eu-west-1:111122223333:key/*"));
    }
}
