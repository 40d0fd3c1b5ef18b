package dev.gitops.processor.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The processor's layers, one way down: the composition root ({@code App}, {@code Main}) wires everything;
 * the adapters ({@code api}, {@code management}) call the service; the service uses storage, queue and
 * extraction, which know only the domain ({@code document}) and the settings ({@code config}). Each
 * third-party technology stays behind the layer that owns it.
 */
class ArchitectureTest {
    private static final String ROOT = "dev.gitops.processor";
    private static JavaClasses classes;

    @BeforeAll
    static void importMainClasses() {
        classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages(ROOT);
        assertEquals(true, classes.size() > 30, "main classes were imported: " + classes.size());
    }

    @Test
    void layersDependOnlyDownwards() {
        layeredArchitecture().consideringOnlyDependenciesInLayers()
                .layer("App").definedBy(ROOT)
                .layer("Api").definedBy(ROOT + ".api..")
                .layer("Management").definedBy(ROOT + ".management..")
                .layer("Service").definedBy(ROOT + ".service..")
                .layer("Storage").definedBy(ROOT + ".storage..")
                .layer("Queue").definedBy(ROOT + ".queue..")
                .layer("Extract").definedBy(ROOT + ".extract..")
                .layer("Document").definedBy(ROOT + ".document..")
                .layer("Config").definedBy(ROOT + ".config..")
                .whereLayer("App").mayNotBeAccessedByAnyLayer()
                .whereLayer("Api").mayOnlyBeAccessedByLayers("App")
                .whereLayer("Management").mayOnlyBeAccessedByLayers("App")
                .whereLayer("Service").mayOnlyBeAccessedByLayers("App", "Api")
                .whereLayer("Storage").mayOnlyBeAccessedByLayers("App", "Service")
                .whereLayer("Queue").mayOnlyBeAccessedByLayers("App", "Service")
                .whereLayer("Extract").mayOnlyBeAccessedByLayers("App", "Service")
                .whereLayer("Document").mayOnlyBeAccessedByLayers("App", "Api", "Service", "Storage", "Queue", "Extract")
                .whereLayer("Config").mayOnlyBeAccessedByLayers("App", "Api", "Service", "Storage", "Queue", "Extract")
                .ensureAllClassesAreContainedInArchitecture()
                .check(classes);
    }

    @Test
    void noPackageCycles() {
        slices().matching(ROOT + ".(*)..").should().beFreeOfCycles().check(classes);
    }

    @Test
    void rabbitMqStaysInTheQueuePackage() {
        noClasses().that().resideOutsideOfPackage(ROOT + ".queue..")
                .should().dependOnClassesThat().resideInAPackage("com.rabbitmq..").check(classes);
    }

    @Test
    void s3StaysInTheStoragePackage() {
        noClasses().that().resideOutsideOfPackage(ROOT + ".storage..")
                .should().dependOnClassesThat().resideInAnyPackage("software.amazon..", "org.bouncycastle..")
                .check(classes);
    }

    @Test
    void tikaStaysInTheExtractPackage() {
        noClasses().that().resideOutsideOfPackage(ROOT + ".extract..")
                .should().dependOnClassesThat().resideInAPackage("org.apache.tika..").check(classes);
    }

    @Test
    void httpServingStaysInTheAdapters() {
        noClasses().that().resideOutsideOfPackages(ROOT + ".api..", ROOT + ".management..")
                .should().dependOnClassesThat().resideInAPackage("com.sun.net.httpserver..").check(classes);
    }

    @Test
    void theEmbeddedStoreIsNotInMainSources() {
        noClasses().should().dependOnClassesThat().resideInAPackage("org.gaul..").check(classes);
    }

    @Test
    void settingsAreReadOnlyThroughProcessorConfig() {
        noClasses().that().doNotHaveFullyQualifiedName(ROOT + ".Main")
                .should().callMethod(System.class, "getenv")
                .orShould().callMethod(System.class, "getenv", String.class)
                .orShould().callMethod(System.class, "getProperty", String.class)
                .orShould().callMethod(System.class, "getProperty", String.class, String.class)
                .check(classes);
    }

    @Test
    void noSourceFileIsLongerThan400Lines() throws IOException {
        Path sources = Path.of("src/main/java");
        try (Stream<Path> files = Files.walk(sources)) {
            List<String> tooLong = files.filter(p -> p.toString().endsWith(".java"))
                    .filter(p -> lines(p) > 400).map(p -> p + ": " + lines(p) + " lines").toList();
            assertEquals(List.of(), tooLong);
        }
    }

    private static long lines(Path file) {
        try (Stream<String> lines = Files.lines(file)) {
            return lines.count();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
