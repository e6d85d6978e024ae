package dev.flights.notify;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

@AnalyzeClasses(packages = "dev.flights.notify", importOptions = ImportOption.DoNotIncludeTests.class)
class NoFrameworkInDomainTest {

    @ArchTest
    static final ArchRule theNotifyDomainDependsOnNoSpringAzureOrJackson = noClasses()
            .that().resideInAPackage("..domain..")
            .should().dependOnClassesThat().resideInAnyPackage(
                    "org.springframework..", "com.microsoft.azure..", "com.azure..", "com.fasterxml.jackson..");
}
