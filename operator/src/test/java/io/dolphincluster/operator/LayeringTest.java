package io.dolphincluster.operator;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The operator stands apart from the runtime: it talks to the runtime's admin API over HTTP,
 * through the contract both build on ({@code io.dolphincluster.adminapi}: routes and records, no
 * runtime code), and of the runtime's code it uses only the protocol's {@code auth} package (it
 * signs its calls as a member of each cluster); it issues certificates with the PKI both share
 * ({@code io.dolphincluster.pki}).
 */
@AnalyzeClasses(
        packages = "io.dolphincluster.operator",
        importOptions = ImportOption.DoNotIncludeTests.class)
class LayeringTest {

    @ArchTest
    static final ArchRule apartFromTheRuntime =
            noClasses()
                    .should()
                    .dependOnClassesThat(
                            resideInAnyPackage(
                                            "io.dolphincluster.runtime..",
                                            "io.dolphincluster.client..",
                                            "io.dolphincluster.e2e..")
                                    .or(
                                            resideInAPackage("io.dolphincluster.protocol..")
                                                    .and(
                                                            not(
                                                                    resideInAPackage(
                                                                            "io.dolphincluster.protocol.auth")))))
                    .because(
                            "the operator reaches the runtime over HTTP through the admin API contract; of the runtime's"
                                    + " code only ClusterCredential (protocol.auth) is shared");

    @ArchTest
    static final ArchRule noPackageCycles =
            slices().matching("io.dolphincluster.(**)").should().beFreeOfCycles();
}
