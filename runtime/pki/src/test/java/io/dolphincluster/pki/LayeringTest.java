package io.dolphincluster.pki;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** The PKI stands alone: the runtime and the operator both build on it, it on nothing of ours. */
@AnalyzeClasses(
        packages = "io.dolphincluster.pki",
        importOptions = ImportOption.DoNotIncludeTests.class)
class LayeringTest {

    @ArchTest
    static final ArchRule dependsOnNothingOfOurs =
            noClasses()
                    .that()
                    .resideInAPackage("io.dolphincluster.pki..")
                    .should()
                    .dependOnClassesThat()
                    .resideInAnyPackage(
                            "io.dolphincluster.runtime..",
                            "io.dolphincluster.operator..",
                            "io.dolphincluster.protocol..",
                            "io.dolphincluster.client..",
                            "io.dolphincluster.adminapi..",
                            "io.dolphincluster.e2e..")
                    .because("bin/dolphin certs and the operator share it; it shares nothing back");
}
