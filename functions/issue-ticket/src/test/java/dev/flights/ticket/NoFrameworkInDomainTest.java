package dev.flights.ticket;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

@AnalyzeClasses(packages = "dev.flights.ticket", importOptions = ImportOption.DoNotIncludeTests.class)
class NoFrameworkInDomainTest {

    @ArchTest
    static final ArchRule theTicketDomainDependsOnNoSpringAzureOrJackson = noClasses()
            .that().resideInAPackage("..domain..")
            .should().dependOnClassesThat().resideInAnyPackage(
                    "org.springframework..", "com.microsoft.azure..", "com.azure..", "com.fasterxml.jackson..");
}
