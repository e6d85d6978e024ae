package dev.flights.localhost;

import dev.flights.localhost.discovery.FunctionApp;
import dev.flights.platform.messaging.EventPublisher;
import dev.flights.platform.spring.RequiredSettings;
import dev.flights.platform.store.DocumentStore;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * One Spring context per app, built from the app's start class. The Azure adapter keeps one static context per JVM,
 * so the host builds them itself; each context gets only its own view of the store and the shared topic, as a
 * deployed app gets only Cosmos DB and Service Bus.
 */
final class AppContexts implements AutoCloseable {

    private final Map<String, ConfigurableApplicationContext> contexts = new LinkedHashMap<>();
    private final Map<String, String> appProperties;

    AppContexts(Map<String, String> appProperties) {
        this.appProperties = appProperties;
    }

    ConfigurableApplicationContext start(FunctionApp app, DocumentStore store, EventPublisher topic) {
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put("spring.application.name", app.name());
        properties.put("spring.main.banner-mode", "off");
        properties.put("spring.main.log-startup-info", "false");
        // the store and topic are registered below; the switch says this is no Azure deployment
        properties.put(RequiredSettings.IN_PROCESS, "true");
        properties.putAll(appProperties);
        ConfigurableApplicationContext context = new SpringApplicationBuilder(app.startClass())
                .web(WebApplicationType.NONE)
                .properties(properties)
                .initializers(c -> {
                    c.getBeanFactory().registerSingleton("documentStore", store);
                    c.getBeanFactory().registerSingleton("eventPublisher", topic);
                })
                .run();
        contexts.put(app.name(), context);
        return context;
    }

    @Override
    public void close() {
        contexts.values().forEach(ConfigurableApplicationContext::close);
    }
}
