package dev.flights.platform.spring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.springframework.context.support.GenericApplicationContext;
import java.util.HashMap;
import java.util.Map;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;

class AheadOfTimeContextTest {

    @Test
    void withoutAheadOfTimeProcessingItLeavesTheContextAsItIs() {
        // spring.aot.enabled is not set in the tests: the context is built from the classes, as usual
        try (GenericApplicationContext context = new GenericApplicationContext()) {
            int before = context.getBeanDefinitionCount();

            new AheadOfTimeContext().initialize(context);

            assertThat(context.getBeanDefinitionCount()).isEqualTo(before);
        }
    }

    @Test
    void onTheProcessedContextAnAppWithoutTheAdaptersSettingsIsRefusedNamingThem() {
        assertThatThrownBy(() -> AheadOfTimeContext.refuseWithoutAdapters(environment(Map.of())))
                .isInstanceOfSatisfying(MissingSettingsException.class, e -> assertThat(e.settings()).containsExactly(
                        "CosmosDBConnection__accountEndpoint (or CosmosDBConnection)", "CosmosDatabase",
                        "ServiceBusConnection__fullyQualifiedNamespace (or ServiceBusConnection)"));
    }

    @Test
    void onTheProcessedContextTheInProcessSwitchIsRefused() {
        Map<String, Object> settings = new HashMap<>(ADAPTERS);
        settings.put(RequiredSettings.IN_PROCESS, "true");
        StandardEnvironment environment = environment(settings);

        assertThatThrownBy(() -> AheadOfTimeContext.refuseWithoutAdapters(environment))
                .hasMessageContaining("FLIGHTS_IN_PROCESS=true").hasMessageContaining("spring.aot.enabled");
    }

    @Test
    void onTheProcessedContextAnAppWithTheAdaptersSettingsStarts() {
        assertThatCode(() -> AheadOfTimeContext.refuseWithoutAdapters(environment(ADAPTERS)))
                .doesNotThrowAnyException();
    }

    private static final Map<String, Object> ADAPTERS = Map.of(RequiredSettings.COSMOS_ENDPOINT,
            "https://127.0.0.1:9/", RequiredSettings.COSMOS_DATABASE, "flights", RequiredSettings.SERVICE_BUS_NAMESPACE,
            "127.0.0.1");

    /** Only the given settings: not this machine's environment variables. */
    private static StandardEnvironment environment(Map<String, Object> settings) {
        StandardEnvironment environment = new StandardEnvironment();
        environment.getPropertySources().remove(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME);
        environment.getPropertySources().addFirst(new MapPropertySource("settings", settings));
        return environment;
    }
}
