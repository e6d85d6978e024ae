package dev.flights.pay;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** pay's domain is plain Java: the rules of money do not know about Spring, Azure, JSON or the rest of the app. */
@AnalyzeClasses(packages = "dev.flights.pay", importOptions = ImportOption.DoNotIncludeTests.class)
class NoFrameworkInDomainTest {

    @ArchTest
    static final ArchRule domainHasNoFrameworkImports = noClasses()
            .that().resideInAPackage("..pay.domain..")
            .should().dependOnClassesThat().resideInAnyPackage(
                    "org.springframework..", "com.microsoft.azure..", "com.azure..", "com.fasterxml.jackson..",
                    "io.github.resilience4j..");

    @ArchTest
    static final ArchRule domainDoesNotReachOutwards = noClasses()
            .that().resideInAPackage("..pay.domain..")
            .should().dependOnClassesThat().resideInAnyPackage(
                    "..pay.application..", "..pay.adapter..", "..pay.functions..", "dev.flights.platform..");

    @ArchTest
    static final ArchRule useCasesDoNotKnowTheirAdaptersOrTriggers = noClasses()
            .that().resideInAPackage("..pay.application..")
            .should().dependOnClassesThat().resideInAnyPackage(
                    "..pay.adapter..", "..pay.functions..", "com.microsoft.azure..", "com.fasterxml.jackson..");
}
