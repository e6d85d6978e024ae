package dev.flights.ticket;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.junit.ArchTests;
import dev.flights.platform.testing.AppArchitecture;

/** issue-ticket keeps the layering every app keeps. */
@AnalyzeClasses(packages = "dev.flights.ticket", importOptions = ImportOption.DoNotIncludeTests.class)
class AppArchitectureTest {

    @ArchTest
    static final ArchTests layering = ArchTests.in(AppArchitecture.class);
}
