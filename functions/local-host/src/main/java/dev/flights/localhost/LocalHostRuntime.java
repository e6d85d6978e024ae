package dev.flights.localhost;

import dev.flights.contract.topology.Subscriptions;
import dev.flights.localhost.discovery.AppDiscovery;
import dev.flights.localhost.discovery.FunctionApp;
import dev.flights.localhost.discovery.FunctionDefinition;
import dev.flights.localhost.http.HostControls;
import dev.flights.localhost.http.HttpGateway;
import dev.flights.localhost.http.HttpRoute;
import dev.flights.localhost.triggers.ChangeFeedTrigger;
import dev.flights.localhost.triggers.FunctionInvoker;
import dev.flights.localhost.triggers.ServiceBusTriggers;
import dev.flights.platform.inprocess.DeadLetter;
import dev.flights.platform.inprocess.FaultInjectingDocumentStore;
import dev.flights.platform.inprocess.InMemoryDocumentStore;
import dev.flights.platform.inprocess.InProcessTopic;
import dev.flights.platform.messaging.EventPublisher;
import dev.flights.platform.spring.RequiredSettings;
import dev.flights.platform.store.DocumentStore;
import java.io.IOException;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * All five apps in one JVM. Each app gets its own Spring context from its start class (the Azure adapter keeps one
 * static context per JVM, so this host builds them itself), sharing only the in-process store and topic, as the
 * deployed apps share only Cosmos DB and Service Bus. Functions are bound by their trigger annotations.
 */
public final class LocalHostRuntime implements HostControls, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(LocalHostRuntime.class);

    private final DocumentStore store;
    private final InProcessTopic topic;
    private final Map<String, FaultInjectingDocumentStore> appStores = new LinkedHashMap<>();
    private final Map<String, ConfigurableApplicationContext> contexts = new LinkedHashMap<>();
    private final Map<String, List<ChangeFeedTrigger>> feedsByApp = new LinkedHashMap<>();
    private final Map<String, String> subscriptionByApp = new LinkedHashMap<>();
    private final Set<String> unavailable = ConcurrentHashMap.newKeySet();
    private final ScheduledExecutorService feedScheduler;
    private final List<FunctionApp> apps;
    private HttpGateway gateway;

    private LocalHostRuntime(LocalHostOptions options) {
        this.store = options.store() != null ? options.store() : new InMemoryDocumentStore();
        this.topic = new InProcessTopic(Subscriptions.load(), options.topicSettings(), Clock.systemUTC());
        this.apps = new AppDiscovery("dev.flights").discover();
        this.feedScheduler = Executors.newScheduledThreadPool(2, r -> {
            Thread thread = new Thread(r, "change-feed");
            thread.setDaemon(true);
            return thread;
        });
    }

    public static LocalHostRuntime start(LocalHostOptions options) throws IOException {
        LocalHostRuntime runtime = new LocalHostRuntime(options);
        try {
            runtime.boot(options);
            return runtime;
        } catch (IOException | RuntimeException e) {
            runtime.close();
            throw e;
        }
    }

    private void boot(LocalHostOptions options) throws IOException {
        List<HttpRoute> routes = new ArrayList<>();
        ServiceBusTriggers serviceBus = new ServiceBusTriggers(topic);
        for (FunctionApp app : apps) {
            ConfigurableApplicationContext context = startContext(app, options);
            contexts.put(app.name(), context);
            for (FunctionDefinition function : app.functions()) {
                FunctionInvoker invoker = new FunctionInvoker(function, context.getBean(function.functionClass()));
                if (function.isHttp()) {
                    routes.add(HttpRoute.of(invoker));
                } else if (function.isServiceBus()) {
                    serviceBus.bind(invoker);
                    subscriptionByApp.put(app.name(), serviceBus.subscriptionOf(function.name()));
                } else {
                    feedsByApp.computeIfAbsent(app.name(), a -> new ArrayList<>())
                            .add(new ChangeFeedTrigger(invoker, store, options.changeFeedPollMillis()));
                }
                log.info("{}: {} -> {}", app.name(), function.name(), function.describe());
            }
        }
        feedsByApp.values().forEach(feeds -> feeds.forEach(f -> f.start(feedScheduler)));
        gateway = new HttpGateway(options.port(), routes, this, app -> !unavailable.contains(app));
        gateway.start();
        log.info("{} apps, {} functions, serving on {}", apps.size(),
                apps.stream().mapToInt(a -> a.functions().size()).sum(), baseUri());
    }

    private ConfigurableApplicationContext startContext(FunctionApp app, LocalHostOptions options) {
        FaultInjectingDocumentStore appStore = new FaultInjectingDocumentStore(store);
        appStores.put(app.name(), appStore);
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put("spring.application.name", app.name());
        properties.put("spring.main.banner-mode", "off");
        properties.put("spring.main.log-startup-info", "false");
        // the shared store and topic are registered below; the switch says this is no Azure deployment
        properties.put(RequiredSettings.IN_PROCESS, "true");
        properties.putAll(options.appProperties());
        return new SpringApplicationBuilder(app.startClass())
                .web(WebApplicationType.NONE)
                .properties(properties)
                .initializers(context -> {
                    context.getBeanFactory().registerSingleton("documentStore", appStore);
                    context.getBeanFactory().registerSingleton("eventPublisher", (EventPublisher) topic);
                })
                .run();
    }

    public URI baseUri() {
        return URI.create("http://localhost:" + gateway.port());
    }

    public List<FunctionApp> apps() {
        return apps;
    }

    public List<ChangeFeedTrigger> changeFeeds() {
        return feedsByApp.values().stream().flatMap(List::stream).toList();
    }

    public InProcessTopic topic() {
        return topic;
    }

    /** The store as every app sees it when healthy (the Cosmos DB account). */
    public DocumentStore store() {
        return store;
    }

    public FaultInjectingDocumentStore storeOf(String app) {
        return requireApp(appStores.get(app), app);
    }

    /** True when no message waits or is in flight and every change feed is caught up. */
    public boolean isQuiet() {
        return topic.isIdle() && feedsByApp.values().stream().flatMap(List::stream).allMatch(ChangeFeedTrigger::isCaughtUp);
    }

    /** Waits until the host has been quiet for two checks in a row. */
    public void awaitQuiet(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        int quietChecks = 0;
        while (quietChecks < 3) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the host did not become quiet within " + timeout);
            }
            quietChecks = isQuiet() ? quietChecks + 1 : 0;
            try {
                Thread.sleep(60);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for quiet", e);
            }
        }
    }

    @Override
    public void setAvailable(String app, boolean available) {
        requireApp(contexts.get(app), app);
        if (available) {
            unavailable.remove(app);
        } else {
            unavailable.add(app);
        }
        String subscription = subscriptionByApp.get(app);
        if (subscription != null) {
            if (available) {
                topic.resume(subscription);
            } else {
                topic.pause(subscription);
            }
        }
        feedsByApp.getOrDefault(app, List.of()).forEach(feed -> feed.setPaused(!available));
        log.warn("{} is now {}", app, available ? "available" : "UNAVAILABLE");
    }

    @Override
    public void setFailing(String app, boolean failing) {
        storeOf(app).setFailing(failing);
        log.warn("{}'s store is now {}", app, failing ? "FAILING (503 on every call)" : "healthy");
    }

    @Override
    public Map<String, Object> status() {
        Map<String, Object> status = new LinkedHashMap<>();
        for (FunctionApp app : apps) {
            status.put(app.name(), Map.of(
                    "available", !unavailable.contains(app.name()),
                    "storeFailing", appStores.get(app.name()).isFailing(),
                    "functions", app.functions().stream().map(FunctionDefinition::name).toList()));
        }
        return Map.of("apps", status, "quiet", isQuiet(), "scheduledMessages", topic.scheduledCount());
    }

    /** Every subscription's dead letters (operators use each app's {@code ops/dead-letters} functions). */
    public List<DeadLetter> deadLetters() {
        List<DeadLetter> all = new ArrayList<>();
        topic.subscriptionNames().forEach(s -> all.addAll(topic.deadLetters(s)));
        return all;
    }

    @Override
    public List<Map<String, String>> parkedOutbox() {
        return new ParkedOutbox(store, changeFeeds().stream().map(ChangeFeedTrigger::containerName).distinct().toList())
                .list();
    }

    @Override
    public void close() {
        if (gateway != null) {
            gateway.close();
        }
        feedScheduler.shutdownNow();
        topic.close();
        contexts.values().forEach(ConfigurableApplicationContext::close);
    }

    private static <T> T requireApp(T value, String app) {
        if (value == null) {
            throw new IllegalArgumentException("no app named " + app);
        }
        return value;
    }
}
