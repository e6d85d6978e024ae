package dev.flights.platform.testing;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.ArchRule;
import dev.flights.platform.testing.layering.domain.LeakyAggregate;
import org.junit.jupiter.api.Test;

class AppArchitectureTest {

    private final JavaClasses leakyApp = new ClassFileImporter()
            .importPackages(LeakyAggregate.class.getPackageName().replace(".domain", ""));

    @Test
    void aDomainClassThatCallsSpringBreaksTheFrameworkRule() {
        assertViolated(AppArchitecture.theDomainKnowsNoFrameworkNoCloudNoJsonAndNoPlatform,
                "org.springframework.util.Assert");
    }

    @Test
    void aDomainClassThatKnowsAUseCaseBreaksTheOutwardRule() {
        assertViolated(AppArchitecture.theDomainDoesNotReachOutwards, "LeakyUseCase");
    }

    @Test
    void aUseCaseThatKnowsItsAdapterBreaksThePortRule() {
        assertViolated(AppArchitecture.useCasesKnowNeitherTheirAdaptersNorTheirTriggers, "LeakyAdapter");
    }

    @Test
    void anAdapterThatCallsAFunctionClassBreaksTheAdapterRule() {
        assertViolated(AppArchitecture.adaptersDoNotCallTheFunctionClasses, "LeakyFunctions");
    }

    private void assertViolated(ArchRule rule, String offendingClass) {
        String report = rule.evaluate(leakyApp).getFailureReport().toString();
        assertThat(report).contains(offendingClass);
    }
}
