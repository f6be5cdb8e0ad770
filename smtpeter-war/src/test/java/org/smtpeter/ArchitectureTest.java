package org.smtpeter;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;

/**
 * The shape of the code, checked on every build: components (the packages under
 * {@code org.smtpeter}) depend on each other one way, the mail path runs intake, bounces,
 * delivery, suppressions, each component is boundary over control over entity, and the war sees
 * the resource adapter only through its contract, {@code smtp.api}.
 */
class ArchitectureTest {

    private static JavaClasses code;

    @BeforeAll
    static void importMainCode() {
        code = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("org.smtpeter");
    }

    @Test
    void componentsDependOnEachOtherOneWay() {
        slices().matching("org.smtpeter.(*)..").should().beFreeOfCycles().check(code);
    }

    @Test
    void theAdaptersPartsDependOnEachOtherOneWay() {
        slices().matching("org.smtpeter.smtp.(*)..").should().beFreeOfCycles().check(code);
    }

    @Test
    void theMailPathRunsFromIntakeToSuppressions() {
        layeredArchitecture().consideringOnlyDependenciesInLayers()
                .layer("intake").definedBy("org.smtpeter.intake..")
                .layer("bounces").definedBy("org.smtpeter.bounces..")
                .layer("delivery").definedBy("org.smtpeter.delivery..")
                .layer("suppressions").definedBy("org.smtpeter.suppressions..")
                .whereLayer("intake").mayNotBeAccessedByAnyLayer()
                .whereLayer("bounces").mayOnlyBeAccessedByLayers("intake")
                .whereLayer("delivery").mayOnlyBeAccessedByLayers("intake", "bounces")
                .whereLayer("suppressions").mayOnlyBeAccessedByLayers("intake", "bounces", "delivery")
                .check(code);
    }

    @Test
    void logicAndStateDoNotReachForEntryPoints() {
        noClasses().that().resideInAnyPackage("..control..", "..entity..")
                .should().dependOnClassesThat().resideInAPackage("..boundary..").check(code);
    }

    @Test
    void stateDoesNotReachForLogic() {
        noClasses().that().resideInAPackage("..entity..")
                .should().dependOnClassesThat().resideInAPackage("..control..").check(code);
    }

    @Test
    void theApplicationSeesTheAdapterOnlyThroughItsContract() {
        noClasses().that().resideOutsideOfPackage("org.smtpeter.smtp..")
                .should().dependOnClassesThat().resideInAnyPackage("org.smtpeter.smtp.adapter..",
                        "org.smtpeter.smtp.protocol..", "org.smtpeter.smtp.server..")
                .check(code);
    }
}
