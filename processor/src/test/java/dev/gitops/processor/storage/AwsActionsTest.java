package dev.gitops.processor.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaMethodCall;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

/**
 * processor/aws-actions.yaml declares every AWS call the processor makes, with the IAM action it needs, and
 * the validator (INFRA014) holds the workload's role to it. This test holds the file to the code: the S3
 * client methods the compiled main classes call (read from the bytecode, so a call through any client —
 * plain, encrypting, streaming — counts) and the KMS keyring of the S3 Encryption Client are exactly the
 * {@code calls} the file lists. A new SDK call fails here until it is declared with its action.
 */
class AwsActionsTest {
    private static final Path FILE = Path.of("aws-actions.yaml");
    /** Client methods that are not requests to AWS. */
    private static final Set<String> NOT_CALLS = Set.of("close", "serviceName", "utilities", "waiter",
            "serviceClientConfiguration", "builder", "builderV4", "create");
    private static final Set<String> S3_CLIENTS = Set.of("software.amazon.awssdk.services.s3.S3Client",
            "software.amazon.encryption.s3.S3EncryptionClient");
    private static final String ENCRYPTION_BUILDER = "software.amazon.encryption.s3.S3EncryptionClient$Builder";
    private static final Set<String> KMS_KEYRING_METHODS = Set.of("kmsKeyId", "keyring");

    private static Map<String, Object> declared;

    @BeforeAll
    @SuppressWarnings("unchecked")
    static void read() throws IOException {
        declared = (Map<String, Object>) new Load(LoadSettings.builder().build()).loadFromString(Files.readString(FILE));
    }

    /** "S3Client.putObject", "S3EncryptionClient.Builder.kmsKeyId": the AWS calls of the compiled main classes. */
    static Set<String> callsInCode() {
        JavaClasses classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.gitops.processor");
        assertTrue(classes.size() > 30, "main classes were imported: " + classes.size());
        Set<String> calls = new TreeSet<>();
        for (JavaClass c : classes) {
            for (JavaMethodCall call : c.getMethodCallsFromSelf()) {
                String owner = call.getTargetOwner().getName();
                String method = call.getName();
                if (S3_CLIENTS.contains(owner) && !NOT_CALLS.contains(method)) {
                    calls.add("S3Client." + method);
                } else if (owner.equals(ENCRYPTION_BUILDER) && KMS_KEYRING_METHODS.contains(method)) {
                    calls.add("S3EncryptionClient.Builder." + method);
                }
            }
        }
        return calls;
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> entries(String section) {
        return (List<Map<String, Object>>) declared.getOrDefault(section, List.of());
    }

    @SuppressWarnings("unchecked")
    private static Set<String> callsDeclared() {
        Set<String> calls = new TreeSet<>();
        for (String section : List.of("actions", "localOnly")) {
            entries(section).forEach(e -> calls.addAll((List<String>) e.get("calls")));
        }
        return calls;
    }

    @Test
    void everyAwsCallOfTheCodeIsDeclaredAndEveryDeclaredCallIsMade() {
        Set<String> inCode = callsInCode();
        assertTrue(inCode.contains("S3Client.deleteObjects") && inCode.contains("S3Client.listObjectVersionsPaginator"),
                "the scan sees the deletion's calls: " + inCode);
        Set<String> undeclared = new TreeSet<>(inCode);
        undeclared.removeAll(callsDeclared());
        assertEquals(Set.of(), undeclared, "AWS calls of the processor missing from " + FILE + " (add each with its IAM action)");
        Set<String> stale = new TreeSet<>(callsDeclared());
        stale.removeAll(inCode);
        assertEquals(Set.of(), stale, "calls " + FILE + " declares that the code no longer makes");
    }

    @Test
    @SuppressWarnings("unchecked")
    void everyActionNamesAServiceActionAndADeclaredResource() {
        Map<String, String> resources = (Map<String, String>) declared.get("resources");
        Map<String, String> workload = (Map<String, String>) declared.get("workload");
        for (String key : List.of("namespace", "serviceAccount", "configMap")) {
            assertTrue(workload.get(key) instanceof String s && !s.isBlank(), "workload." + key);
        }
        assertFalse(entries("actions").isEmpty());
        for (Map<String, Object> e : entries("actions")) {
            assertTrue(String.valueOf(e.get("action")).matches("[a-z0-9-]+:[A-Za-z0-9]+"), () -> "service:Action in " + e);
            assertTrue(resources.containsKey(String.valueOf(e.get("resource"))), () -> "a declared resource in " + e);
            assertTrue(e.get("feature") instanceof String, () -> "a feature in " + e);
        }
        for (Map<String, Object> e : entries("localOnly")) {
            assertTrue(String.valueOf(e.get("action")).matches("[a-z0-9-]+:[A-Za-z0-9]+"), () -> "service:Action in " + e);
        }
    }
}
