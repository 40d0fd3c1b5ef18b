package dev.gitops.validator.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code .gitops-validator.yaml} holds only sections some code reads, each with values of its type. */
class ConfigSectionsTest {

    @TempDir
    Path root;

    private CliRun validate(String config) throws Exception {
        Files.writeString(root.resolve(".gitops-validator.yaml"), config);
        Files.writeString(root.resolve("a.yaml"), "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a}\n");
        return CliRun.of("validate", "--root", root.toString(), "--only", "yaml", root.resolve("a.yaml").toString());
    }

    @Test
    void aSectionNoCheckReadsIsAnErrorAtItsLine() throws Exception {
        for (String section : new String[] {"karpenter", "policies"}) {
            CliRun run = validate("include: [.]\n" + section + ":\n  enabled: true\n");
            assertEquals(2, run.code(), run.err());
            assertTrue(run.err().contains(".gitops-validator.yaml:2:1: " + section + ": unknown section '" + section
                    + "': no check reads it"), run.err());
        }
    }

    @Test
    void aValueOfTheWrongTypeIsAnErrorAtItsLine() throws Exception {
        CliRun run = validate("waf:\n  maxCapacity: lots\n");
        assertEquals(2, run.code(), run.err());
        assertTrue(run.err().contains(".gitops-validator.yaml:2:3: waf.maxCapacity: expected an integer"), run.err());
        CliRun list = validate("parity:\n  allow:\n    - spec.replicas\n    - 3\n");
        assertEquals(2, list.code(), list.err());
        assertTrue(list.err().contains(".gitops-validator.yaml:4:7: parity.allow[1]: expected a string"), list.err());
    }

    @Test
    void theSectionsOfTheChecksAreAccepted() throws Exception {
        CliRun run = validate("waf:\n  maxCapacity: 1500\nrelease:\n  maxStep: 20\nschemas:\n  unknownCustomResources: ignore\n");
        assertEquals(0, run.code(), run.err());
    }

    @Test
    void theInfraAndHelmValuesSectionsAreTyped() throws Exception {
        CliRun accepted = validate("infra:\n  paths: [infra]\nhelmValues:\n  location: schemas/helm\n");
        assertEquals(0, accepted.code(), accepted.err());
        CliRun paths = validate("infra:\n  paths: infra\n");
        assertEquals(2, paths.code(), paths.err());
        assertTrue(paths.err().contains(".gitops-validator.yaml:2:3: infra.paths: expected a list of strings"), paths.err());
        CliRun location = validate("helmValues:\n  location: [a]\n");
        assertEquals(2, location.code(), location.err());
        assertTrue(location.err().contains("helmValues.location: expected a string"), location.err());
    }

    @Test
    void theUpstreamAndArchitectureSectionsAreTyped() throws Exception {
        CliRun accepted = validate("upstream:\n  images: upstream/images.yaml\narchitecture:\n  singleArch:\n"
                + "    registry.example/app: arm64\n");
        assertEquals(0, accepted.code(), accepted.err());
        CliRun images = validate("upstream:\n  images: [a]\n");
        assertEquals(2, images.code(), images.err());
        assertTrue(images.err().contains("upstream.images: expected a string"), images.err());
        CliRun unknownKey = validate("upstream:\n  image: upstream/images.yaml\n");
        assertEquals(2, unknownKey.code(), unknownKey.err());
        assertTrue(unknownKey.err().contains("upstream.image: unknown key (known: images)"), unknownKey.err());
        CliRun list = validate("architecture:\n  singleArch: [registry.example/app]\n");
        assertEquals(2, list.code(), list.err());
        assertTrue(list.err().contains("architecture.singleArch: expected a map of image repository to architecture"),
                list.err());
        CliRun arch = validate("architecture:\n  singleArch:\n    registry.example/app: x86\n");
        assertEquals(2, arch.code(), arch.err());
        assertTrue(arch.err().contains("the architecture of registry.example/app must be one of amd64, arm64"),
                arch.err());
    }
}
