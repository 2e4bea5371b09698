package io.dolphincluster.client;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** The client builds on the protocol only: it is its own artifact, without server classes. */
@AnalyzeClasses(
        packages = "io.dolphincluster.client",
        importOptions = ImportOption.DoNotIncludeTests.class)
class LayeringTest {

    @ArchTest
    static final ArchRule dependsOnTheProtocolOnly =
            noClasses()
                    .should()
                    .dependOnClassesThat()
                    .resideInAnyPackage(
                            "io.dolphincluster.runtime..",
                            "io.dolphincluster.operator..",
                            "io.dolphincluster.e2e..")
                    .because(
                            "the client's artifact carries no server classes (README, 'The Java client')");

    @ArchTest
    static final ArchRule noPackageCycles =
            slices().matching("io.dolphincluster.(**)").should().beFreeOfCycles();
}
