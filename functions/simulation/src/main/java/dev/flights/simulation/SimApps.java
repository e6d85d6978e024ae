package dev.flights.simulation;

import dev.flights.localhost.discovery.AppDiscovery;
import dev.flights.localhost.discovery.FunctionApp;
import dev.flights.localhost.discovery.FunctionDefinition;
import dev.flights.localhost.triggers.FunctionInvoker;
import dev.flights.pay.application.PaymentCircuit;
import dev.flights.platform.outbox.OutboxRelay;
import dev.flights.platform.spring.RequiredSettings;
import com.microsoft.azure.functions.annotation.ServiceBusTopicTrigger;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The five apps, found and started as the local host finds and starts them (a {@code @SpringBootApplication} and its
 * {@code @FunctionName} methods; one Spring context per app with only its store and the topic), once per JVM. Each
 * context gets the simulation's stand-ins instead of the in-process ones: its view of the simulated store, the
 * simulated topic, the virtual clock and the simulated webhook receiver. Runs reuse the contexts; the stand-ins
 * start each run empty.
 */
final class SimApps {

    /** An HTTP-triggered function and its app. */
    record HttpFunction(String app, FunctionInvoker invoker) {
    }

    private static SimApps instance;

    final VirtualClock clock = new VirtualClock(Simulation.START);
    final SimStore store = new SimStore(clock);
    final SimTopic topic = new SimTopic();
    final SimWebhook webhook = new SimWebhook();
    final Map<String, HttpFunction> http = new LinkedHashMap<>();
    final List<SimFeed> feeds = new ArrayList<>();
    final List<String> apps = new ArrayList<>();
    private final Map<String, ConfigurableApplicationContext> contexts = new LinkedHashMap<>();
    final long startMillis;

    private SimApps() {
        long began = System.nanoTime();
        for (FunctionApp app : new AppDiscovery("dev.flights").discover()) {
            ConfigurableApplicationContext context = start(app);
            contexts.put(app.name(), context);
            apps.add(app.name());
            for (FunctionDefinition function : app.functions()) {
                FunctionInvoker invoker = new FunctionInvoker(function, context.getBean(function.functionClass()));
                if (function.isHttp()) {
                    http.put(function.name(), new HttpFunction(app.name(), invoker));
                } else if (function.isServiceBus()) {
                    ServiceBusTopicTrigger trigger = (ServiceBusTopicTrigger) function.trigger();
                    if (!trigger.topicName().equals(topic.name())) {
                        throw new IllegalStateException(function.name() + " listens to topic " + trigger.topicName());
                    }
                    topic.bind(app.name(), trigger.subscriptionName(), invoker);
                } else {
                    feeds.add(new SimFeed(app.name(), invoker));
                }
            }
        }
        startMillis = (System.nanoTime() - began) / 1_000_000;
    }

    /** The apps of this JVM, started on first use. */
    static synchronized SimApps get() {
        if (instance == null) {
            instance = new SimApps();
        }
        return instance;
    }

    private ConfigurableApplicationContext start(FunctionApp app) {
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put("spring.application.name", app.name());
        properties.put("spring.main.banner-mode", "off");
        properties.put("spring.main.log-startup-info", "false");
        // the store and topic are registered below; the switch says this is no Azure deployment
        properties.put(RequiredSettings.IN_PROCESS, "true");
        return new SpringApplicationBuilder(app.startClass())
                .web(WebApplicationType.NONE)
                .properties(properties)
                .initializers(c -> {
                    c.getBeanFactory().registerSingleton("documentStore", store.viewOf(app.name()));
                    c.getBeanFactory().registerSingleton("eventPublisher", topic);
                    c.getBeanFactory().registerSingleton("clock", clock);
                    c.getBeanFactory().registerSingleton("outboxRelaySleeper", (OutboxRelay.Sleeper) Scheduler::sleep);
                    if (app.name().equals("notify")) {
                        c.getBeanFactory().registerSingleton("webhook", webhook);
                    }
                })
                .run();
    }

    /** What survives in an app's process between invocations goes when it restarts: pay's circuit. */
    void restarted(String app) {
        if (app.equals("pay")) {
            contexts.get(app).getBean(PaymentCircuit.class).reset();
        }
    }

    /** Every run starts on fresh state: nothing of an earlier run is left in a process. */
    void reset(Instant start) {
        clock.reset(start);
        apps.forEach(this::restarted);
    }
}
