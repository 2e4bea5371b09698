package io.dolphincluster.protocol;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** The protocol is the bottom layer: the client and the server build on it, it knows neither. */
@AnalyzeClasses(
        packages = "io.dolphincluster.protocol",
        importOptions = ImportOption.DoNotIncludeTests.class)
class LayeringTest {

    @ArchTest
    static final ArchRule dependsOnNoOtherModule =
            noClasses()
                    .should()
                    .dependOnClassesThat()
                    .resideInAnyPackage(
                            "io.dolphincluster.client..",
                            "io.dolphincluster.runtime..",
                            "io.dolphincluster.operator..",
                            "io.dolphincluster.e2e..")
                    .because(
                            "the protocol is shared by the client, the server and the operator, and depends on none of them");

    @ArchTest
    static final ArchRule noPackageCycles =
            slices().matching("io.dolphincluster.(**)").should().beFreeOfCycles();
}
