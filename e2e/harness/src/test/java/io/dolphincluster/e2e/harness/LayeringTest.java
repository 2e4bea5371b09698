package io.dolphincluster.e2e.harness;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The local Kubernetes harness is test support for any Kubernetes program: it knows nothing of the
 * operator or the runtime it is used to test (the suite brings them together). That nothing depends
 * on e2e is checked by each other module's LayeringTest.
 */
@AnalyzeClasses(
        packages = "io.dolphincluster.e2e",
        importOptions = ImportOption.DoNotIncludeTests.class)
class LayeringTest {

    @ArchTest
    static final ArchRule knowsNoProjectModule =
            noClasses()
                    .should()
                    .dependOnClassesThat()
                    .resideInAnyPackage(
                            "io.dolphincluster.protocol..",
                            "io.dolphincluster.client..",
                            "io.dolphincluster.runtime..",
                            "io.dolphincluster.operator..")
                    .because("the harness runs a control plane, nodes and pods, whatever they run");

    @ArchTest
    static final ArchRule noPackageCycles =
            slices().matching("io.dolphincluster.(**)").should().beFreeOfCycles();
}
