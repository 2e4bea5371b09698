package io.dolphincluster.adminapi;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The admin API contract depends on nothing of ours: the server and the operator both build on it.
 */
@AnalyzeClasses(
        packages = "io.dolphincluster.adminapi",
        importOptions = ImportOption.DoNotIncludeTests.class)
class LayeringTest {

    @ArchTest
    static final ArchRule dependsOnNothingOfOurs =
            noClasses()
                    .should()
                    .dependOnClassesThat()
                    .resideInAnyPackage(
                            "io.dolphincluster.protocol..",
                            "io.dolphincluster.client..",
                            "io.dolphincluster.runtime..",
                            "io.dolphincluster.operator..",
                            "io.dolphincluster.e2e..")
                    .because("the runtime and the operator both depend on the contract");
}
