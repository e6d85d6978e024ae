package dev.flights.reserve;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

@AnalyzeClasses(packages = "dev.flights.reserve", importOptions = ImportOption.DoNotIncludeTests.class)
class NoFrameworkInDomainTest {

    @ArchTest
    static final ArchRule theDomainKnowsNoFrameworkNoCloudAndNoJson = noClasses()
            .that().resideInAPackage("..reserve.domain..")
            .should().dependOnClassesThat().resideInAnyPackage("org.springframework..", "com.microsoft.azure..",
                    "com.azure..", "com.fasterxml.jackson..");

    @ArchTest
    static final ArchRule useCasesDoNotKnowTheFunctionClasses = noClasses()
            .that().resideInAPackage("..reserve.application..")
            .should().dependOnClassesThat().resideInAnyPackage("..reserve.functions..", "com.microsoft.azure..");
}
