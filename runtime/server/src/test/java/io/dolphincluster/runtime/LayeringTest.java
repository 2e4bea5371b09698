package io.dolphincluster.runtime;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The server builds on the protocol and on the admin API contract ({@code
 * io.dolphincluster.adminapi}, its routes and records, shared with the operator); the client is
 * only shipped beside it (bin/dolphin-client) and used by the tests.
 */
@AnalyzeClasses(
        packages = "io.dolphincluster.runtime",
        importOptions = ImportOption.DoNotIncludeTests.class)
class LayeringTest {

    @ArchTest
    static final ArchRule dependsOnTheProtocolOnly =
            noClasses()
                    .should()
                    .dependOnClassesThat()
                    .resideInAnyPackage(
                            "io.dolphincluster.client..",
                            "io.dolphincluster.operator..",
                            "io.dolphincluster.e2e..")
                    .because(
                            "the server speaks to clients through the protocol; the operator and e2e build on it, not the"
                                    + " reverse");

    @ArchTest
    static final ArchRule noPackageCycles =
            slices().matching("io.dolphincluster.(**)").should().beFreeOfCycles();

    /**
     * The controller's subpackages by kind, one way down: its wiring ({@code ControllerNode}) uses
     * the HTTP API, the API the leader-only work, both the Raft group; never back up.
     */
    @ArchTest
    static final ArchRule controllerKindsDependDownward =
            layeredArchitecture()
                    .consideringOnlyDependenciesInLayers()
                    .layer("wiring")
                    .definedBy("io.dolphincluster.runtime.controller")
                    .layer("api")
                    .definedBy("io.dolphincluster.runtime.controller.api..")
                    .layer("leader")
                    .definedBy("io.dolphincluster.runtime.controller.leader..")
                    .layer("raft")
                    .definedBy("io.dolphincluster.runtime.controller.raft..")
                    .whereLayer("wiring")
                    .mayNotBeAccessedByAnyLayer()
                    .whereLayer("api")
                    .mayOnlyBeAccessedByLayers("wiring")
                    .whereLayer("leader")
                    .mayOnlyBeAccessedByLayers("wiring", "api")
                    .whereLayer("raft")
                    .mayOnlyBeAccessedByLayers("wiring", "api", "leader");

    @ArchTest
    static final ArchRule controllerSubpackagesFreeOfCycles =
            slices().matching("io.dolphincluster.runtime.controller.(*)..")
                    .should()
                    .beFreeOfCycles();
}
