package dev.gitops.validator.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.library.Architectures.LayeredArchitecture;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The packages of the validator form one-way layers: a package imports only packages of lower
 * levels, never one of its own level or above. Packages on one level (model and policy; schema and
 * domain) do not import each other. There is no exception list.
 */
class LayersTest {

    private static final String ROOT = "dev.gitops.validator";

    /** Lowest level first. */
    static final List<List<String>> LEVELS = List.of(
            List.of("git"),
            List.of("source"),
            List.of("resource"),
            List.of("finding"),
            List.of("load"),
            List.of("config"),
            List.of("check"),
            List.of("model", "policy"),
            List.of("schema", "domain", "apiserver"),
            List.of("pipeline"),
            List.of("report"),
            List.of("transition"),
            List.of("release"),
            List.of("cli"),
            List.of("daemon"));

    private static JavaClasses main;

    @BeforeAll
    static void importMainClasses() {
        main = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages(ROOT);
    }

    @Test
    void eachPackageImportsOnlyLowerLevels() {
        LayeredArchitecture layers = layeredArchitecture().consideringOnlyDependenciesInLayers();
        for (List<String> level : LEVELS) {
            for (String name : level) {
                layers = layers.layer(name).definedBy(ROOT + "." + name + "..");
            }
        }
        for (int i = 0; i < LEVELS.size(); i++) {
            List<String> below = new ArrayList<>();
            LEVELS.subList(0, i).forEach(below::addAll);
            for (String name : LEVELS.get(i)) {
                layers = below.isEmpty() ? layers.whereLayer(name).mayNotAccessAnyLayer()
                        : layers.whereLayer(name).mayOnlyAccessLayers(below.toArray(String[]::new));
            }
        }
        layers.check(main);
    }

    @Test
    void everyPackageHasALevel() {
        String[] packages = LEVELS.stream().flatMap(List::stream).map(p -> ROOT + "." + p + "..")
                .toArray(String[]::new);
        classes().should().resideInAnyPackage(packages).check(main);
    }

    @Test
    void noCyclesBetweenPackages() {
        slices().matching(ROOT + ".(**)").should().beFreeOfCycles().check(main);
    }
}
