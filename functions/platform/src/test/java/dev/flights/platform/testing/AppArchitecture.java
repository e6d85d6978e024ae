package dev.flights.platform.testing;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The layering every function app keeps, one rule set for all five: each app's {@code AppArchitectureTest} applies
 * it with {@code ArchTests.in(AppArchitecture.class)} to the app's own classes. The domain is plain Java and knows
 * nothing outside itself and the event contract; use cases talk to ports, never to the adapters behind them or to the
 * triggers that call them; adapters do not call back into the function classes.
 */
public final class AppArchitecture {

    @ArchTest
    public static final ArchRule theDomainKnowsNoFrameworkNoCloudNoJsonAndNoPlatform = noClasses()
            .that().resideInAPackage("..domain..")
            .should().dependOnClassesThat().resideInAnyPackage(
                    "org.springframework..", "com.microsoft.azure..", "com.azure..", "com.fasterxml.jackson..",
                    "io.github.resilience4j..", "dev.flights.platform..");

    @ArchTest
    public static final ArchRule theDomainDoesNotReachOutwards = noClasses()
            .that().resideInAPackage("..domain..")
            .should().dependOnClassesThat().resideInAnyPackage("..application..", "..adapter..", "..functions..");

    @ArchTest
    public static final ArchRule useCasesKnowNeitherTheirAdaptersNorTheirTriggers = noClasses()
            .that().resideInAPackage("..application..")
            .should().dependOnClassesThat().resideInAnyPackage(
                    "..adapter..", "..functions..", "com.microsoft.azure..", "com.fasterxml.jackson..");

    @ArchTest
    public static final ArchRule adaptersDoNotCallTheFunctionClasses = noClasses()
            .that().resideInAPackage("..adapter..")
            .should().dependOnClassesThat().resideInAPackage("..functions..");

    private AppArchitecture() {
    }
}
