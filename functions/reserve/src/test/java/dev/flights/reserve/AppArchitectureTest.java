package dev.flights.reserve;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.junit.ArchTests;
import dev.flights.platform.testing.AppArchitecture;

/** reserve keeps the layering every app keeps. */
@AnalyzeClasses(packages = "dev.flights.reserve", importOptions = ImportOption.DoNotIncludeTests.class)
class AppArchitectureTest {

    @ArchTest
    static final ArchTests layering = ArchTests.in(AppArchitecture.class);
}
