package dev.flights.localhost;

import dev.flights.localhost.discovery.FunctionApp;
import dev.flights.platform.messaging.EventPublisher;
import dev.flights.platform.outbox.OutboxWriter;
import dev.flights.platform.spring.RequiredSettings;
import dev.flights.platform.store.DocumentStore;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * One Spring context per app, built from the app's start class. The Azure adapter keeps one static context per JVM,
 * so the host builds them itself; each context gets only its own view of the store and the shared topic, as a
 * deployed app gets only Cosmos DB and Service Bus (and the outbox hook {@link Faults} uses to crash it between a
 * commit and its publish). The contexts are independent, so they start side by side: the
 * host is up sooner than if each waited for the one before.
 */
final class AppContexts implements AutoCloseable {

    private final Map<String, ConfigurableApplicationContext> contexts = new ConcurrentHashMap<>();
    private final Map<String, Long> startMillis = new ConcurrentHashMap<>();
    private final Map<String, String> appProperties;
    private final ExecutorService starter = Executors.newFixedThreadPool(
            Math.max(2, Runtime.getRuntime().availableProcessors()), r -> {
                Thread thread = new Thread(r, "app-start");
                thread.setDaemon(true);
                return thread;
            });

    AppContexts(Map<String, String> appProperties) {
        this.appProperties = appProperties;
    }

    /**
     * Starts every app's context, in the order given: the first alone, as it sets up logging for the whole JVM
     * (Spring Boot's logging system is set up once, and not safely from two threads at once), then the others side
     * by side. A context that fails to start fails the rest.
     */
    Map<FunctionApp, Future<ConfigurableApplicationContext>> startAll(List<FunctionApp> apps,
            Function<FunctionApp, DocumentStore> storeOf, Function<FunctionApp, OutboxWriter.AfterCommit> afterCommitOf,
            EventPublisher topic) {
        Map<FunctionApp, Future<ConfigurableApplicationContext>> starting = new LinkedHashMap<>();
        CompletableFuture<ConfigurableApplicationContext> first = null;
        for (FunctionApp app : apps) {
            DocumentStore store = storeOf.apply(app);
            OutboxWriter.AfterCommit afterCommit = afterCommitOf.apply(app);
            CompletableFuture<ConfigurableApplicationContext> next = first == null
                    ? CompletableFuture.supplyAsync(() -> start(app, store, afterCommit, topic), starter)
                    : first.thenApplyAsync(logged -> start(app, store, afterCommit, topic), starter);
            first = first == null ? next : first;
            starting.put(app, next);
        }
        return starting;
    }

    /** The started context, or the reason it did not start as it was thrown. */
    static ConfigurableApplicationContext await(Future<ConfigurableApplicationContext> starting, FunctionApp app) {
        try {
            return starting.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while " + app.name() + " started", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            throw new IllegalStateException(app.name() + " did not start", e.getCause());
        }
    }

    long startMillis(FunctionApp app) {
        return startMillis.getOrDefault(app.name(), 0L);
    }

    private ConfigurableApplicationContext start(FunctionApp app, DocumentStore store,
            OutboxWriter.AfterCommit afterCommit, EventPublisher topic) {
        long began = System.nanoTime();
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
                    c.getBeanFactory().registerSingleton("outboxAfterCommit", afterCommit);
                })
                .run();
        contexts.put(app.name(), context);
        startMillis.put(app.name(), (System.nanoTime() - began) / 1_000_000);
        return context;
    }

    @Override
    public void close() {
        // a start still running when another app failed finishes first, so its context is closed too
        starter.shutdown();
        try {
            starter.awaitTermination(60, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        contexts.values().forEach(ConfigurableApplicationContext::close);
    }
}
