package dev.flights.platform.spring;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flights.platform.auth.AuthSettings;
import java.util.concurrent.Executor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;
import org.springframework.util.ClassUtils;

class UnusedAutoConfigurationsTest {

    @AfterEach
    void authenticateAsByDefault() {
        AuthSettings.install(setting -> null);
    }

    @Test
    void everyAutoConfigurationLeftOutIsOneThatExists() {
        // a misspelt name would leave nothing out, silently
        assertThat(UnusedAutoConfigurations.UNUSED).allSatisfy(name -> assertThat(
                ClassUtils.isPresent(name, getClass().getClassLoader())).as(name).isTrue());
    }

    @Test
    void anAppStartsWithoutTheUnusedAutoConfigurationsAndWithThePlatformsOwn() {
        try (ConfigurableApplicationContext app = start(false)) {
            assertThat(app.containsBean("jsonComponentModule")).isFalse();
            assertThat(app.getBeanNamesForType(Executor.class)).isEmpty();
            assertThat(app.containsBean("sslBundleRegistry")).isFalse();
            assertThat(app.getBeanNamesForType(PlatformAutoConfiguration.class)).hasSize(1);
        }
    }

    @Test
    void theSwitchKeepsThemAll() {
        try (ConfigurableApplicationContext app = start(true)) {
            assertThat(app.containsBean("jsonComponentModule")).isTrue();
            assertThat(app.getBeanNamesForType(Executor.class)).isNotEmpty();
            assertThat(app.containsBean("sslBundleRegistry")).isTrue();
        }
    }

    private static ConfigurableApplicationContext start(boolean keep) {
        return new SpringApplicationBuilder(AnApp.class).web(WebApplicationType.NONE)
                .properties("FLIGHTS_IN_PROCESS=true", UnusedAutoConfigurations.KEEP_PROPERTY + "=" + keep).run();
    }

    @Configuration(proxyBeanMethods = false)
    @EnableAutoConfiguration
    static class AnApp {
    }
}
