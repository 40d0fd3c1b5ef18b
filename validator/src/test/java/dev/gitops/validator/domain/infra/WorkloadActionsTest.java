package dev.gitops.validator.domain.infra;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Reading a component's declaration of the AWS actions it calls (INFRA014). */
class WorkloadActionsTest {

    private static final String VALID = """
            workload: {namespace: docproc, serviceAccount: processor, configMap: processor}
            resources:
              bucket: arn:aws:s3:::${BUCKET}
              objects: arn:aws:s3:::${BUCKET}/*
            actions:
              - {action: s3:ListBucketVersions, resource: bucket, feature: delete every version}
              - {action: s3:DeleteObjectVersion, resource: objects}
            """;

    @Test
    void readsWorkloadResourcesAndActions() throws IOException {
        WorkloadActions d = WorkloadActions.parse("processor/aws-actions.yaml", VALID);
        assertEquals("docproc", d.namespace());
        assertEquals("processor", d.serviceAccount());
        assertEquals(List.of(new WorkloadActions.Action("s3:ListBucketVersions", "bucket", "delete every version"),
                new WorkloadActions.Action("s3:DeleteObjectVersion", "objects", "")), d.actions());
    }

    @Test
    void resolvesSettingsAndReportsTheMissingOnes() {
        List<String> missing = new ArrayList<>();
        assertEquals("arn:aws:s3:::docs/*", WorkloadActions.resolve("arn:aws:s3:::${BUCKET}/*", Map.of("BUCKET", "docs"), missing));
        assertEquals(List.of(), missing);
        WorkloadActions.resolve("arn:aws:s3:::${BUCKET}/*", Map.of("OTHER", "x"), missing);
        assertEquals(List.of("BUCKET"), missing);
    }

    @Test
    void malformedDeclarationsNameTheFileAndWhatIsMissing() {
        IOException noWorkload = assertThrows(IOException.class, () -> WorkloadActions.parse("p/aws-actions.yaml",
                "resources: {b: x}\nactions: [{action: s3:GetObject, resource: b}]\n"));
        assertTrue(noWorkload.getMessage().startsWith("p/aws-actions.yaml: needs workload.namespace"), noWorkload.getMessage());
        IOException badAction = assertThrows(IOException.class, () -> WorkloadActions.parse("p/aws-actions.yaml",
                VALID.replace("s3:DeleteObjectVersion", "DeleteObjectVersion")));
        assertTrue(badAction.getMessage().contains("service:Action"), badAction.getMessage());
        IOException badResource = assertThrows(IOException.class, () -> WorkloadActions.parse("p/aws-actions.yaml",
                VALID.replace("resource: objects", "resource: object")));
        assertTrue(badResource.getMessage().contains("one of [bucket, objects]"), badResource.getMessage());
        assertThrows(IOException.class, () -> WorkloadActions.parse("p/aws-actions.yaml", "workload: [unclosed"));
    }

    @Test
    void readsEveryComponentDeclarationOfTheRepository(@org.junit.jupiter.api.io.TempDir Path root) throws IOException {
        Files.createDirectories(root.resolve("processor"));
        Files.createDirectories(root.resolve("other"));
        Files.writeString(root.resolve("processor/aws-actions.yaml"), VALID);
        List<WorkloadActions> all = WorkloadActions.read(root);
        assertEquals(List.of("processor/aws-actions.yaml"), all.stream().map(WorkloadActions::file).toList());
        assertEquals(1, WorkloadActions.read(Path.of("..")).stream()
                .filter(d -> d.file().equals("processor/aws-actions.yaml")).count(), "the repository's own declaration");
    }
}
