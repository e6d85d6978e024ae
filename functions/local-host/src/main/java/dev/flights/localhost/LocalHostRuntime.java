package dev.flights.localhost;

import dev.flights.contract.topology.Subscriptions;
import dev.flights.localhost.discovery.AppDiscovery;
import dev.flights.localhost.discovery.FunctionApp;
import dev.flights.localhost.discovery.FunctionDefinition;
import dev.flights.localhost.http.HostControls;
import dev.flights.localhost.triggers.ChangeFeedTrigger;
import dev.flights.localhost.triggers.FunctionInvoker;
import dev.flights.platform.inprocess.DataDirectory;
import dev.flights.platform.inprocess.DeadLetter;
import dev.flights.platform.inprocess.FaultInjectingDocumentStore;
import dev.flights.platform.inprocess.InMemoryDocumentStore;
import dev.flights.platform.inprocess.InProcessTopic;
import dev.flights.platform.metering.Meter;
import dev.flights.platform.metering.MeteredDocumentStore;
import dev.flights.platform.inprocess.TopicJournal;
import dev.flights.platform.store.DocumentStore;
import java.io.IOException;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Future;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * All five apps in one JVM, sharing only the in-process store and topic, as the deployed apps share only Cosmos DB
 * and Service Bus. Start-up discovers the apps, starts each one's Spring context and binds every function to its
 * trigger: {@link HttpFunctions}, {@link TopicBindings}, {@link ChangeFeeds}; {@link Faults} holds the outages.
 */
public final class LocalHostRuntime implements HostControls, AutoCloseable {

    private final DataDirectory data;
    private final DocumentStore store;
    private final List<FunctionApp> apps;
    private final AppContexts contexts;
    private final TopicBindings topic;
    private final ChangeFeeds feeds;
    private final HttpFunctions http = new HttpFunctions();
    private final Faults faults;
    private final QuietWatch quiet;
    private final Meter storeRequests = new Meter();
    private final Meter executions = new Meter();

    private LocalHostRuntime(LocalHostOptions options) {
        Subscriptions topology = Subscriptions.load();
        this.data = options.dataDir() == null ? null
                : DataDirectory.open(options.dataDir(), topology, options.topicSettings());
        this.store = options.store() != null ? options.store()
                : data != null ? data.store() : new InMemoryDocumentStore();
        this.apps = new AppDiscovery("dev.flights").discover();
        this.contexts = new AppContexts(options.appProperties());
        InProcessTopic inProcessTopic = new InProcessTopic(topology, options.topicSettings(), Clock.systemUTC(),
                data == null ? TopicJournal.NONE : data.topicJournal());
        if (data != null) {
            inProcessTopic.restore(data.topicState());
        }
        this.topic = new TopicBindings(inProcessTopic);
        this.feeds = new ChangeFeeds(store, storeRequests, options.changeFeedPollMillis());
        this.faults = new Faults(app -> new MeteredDocumentStore(store, app, storeRequests));
        this.quiet = new QuietWatch(() -> topic.topic().isIdle() && feeds.caughtUp());
        faults.onAvailabilityChange((app, available) -> {
            topic.setPaused(app, !available);
            feeds.setPaused(app, !available);
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
        StartupLog startup = new StartupLog();
        startup.appsFound(apps);
        Map<FunctionApp, Future<ConfigurableApplicationContext>> starting =
                contexts.startAll(apps, app -> faults.storeFor(app.name()),
                        app -> faults.afterCommitOf(app.name()), topic.topic());
        for (Map.Entry<FunctionApp, Future<ConfigurableApplicationContext>> entry : starting.entrySet()) {
            FunctionApp app = entry.getKey();
            ConfigurableApplicationContext context = AppContexts.await(entry.getValue(), app);
            for (FunctionDefinition function : app.functions()) {
                bind(app, function,
                        new FunctionInvoker(function, context.getBean(function.functionClass()), executions));
            }
            startup.appStarted(app, contexts.startMillis(app));
        }
        feeds.start();
        http.serve(options.port(), this, faults::isAvailable);
        startup.serving(store, data, topic.topic().name(), baseUri());
    }

    private void bind(FunctionApp app, FunctionDefinition function, FunctionInvoker invoker) {
        if (function.isHttp()) {
            http.bind(invoker);
        } else if (function.isServiceBus()) {
            topic.bind(app.name(), invoker);
        } else {
            feeds.bind(app.name(), invoker);
        }
    }

    public URI baseUri() {
        return http.baseUri();
    }

    public List<FunctionApp> apps() {
        return apps;
    }

    public List<ChangeFeedTrigger> changeFeeds() {
        return feeds.all();
    }

    public InProcessTopic topic() {
        return topic.topic();
    }

    /** The store as every app sees it when healthy (the Cosmos DB account). */
    public DocumentStore store() {
        return store;
    }

    /**
     * Every request the apps and their change-feed triggers made of the store, by {@code "<who> <container>
     * <operation>"} ({@code who}: an app, or {@code <app>/trigger} for what the Cosmos DB extension does for its
     * triggers: feed reads and leases), with request units estimated by
     * {@link dev.flights.platform.metering.RequestUnitModel}. The host's own looks (is it quiet?) are not in it.
     */
    public Meter storeRequests() {
        return storeRequests;
    }

    /** Every function execution, by {@code "<app> <trigger> <function>"}, with the milliseconds it ran. */
    public Meter functionExecutions() {
        return executions;
    }

    public FaultInjectingDocumentStore storeOf(String app) {
        return faults.requireApp(app);
    }

    /** True when no message waits or is in flight and every change feed is caught up. */
    public boolean isQuiet() {
        return quiet.isQuiet();
    }

    /** Waits until the host has been quiet for several checks in a row. */
    public void awaitQuiet(Duration timeout) {
        quiet.await(timeout);
    }

    /** Every subscription's dead letters (operators use each app's {@code ops/dead-letters} functions). */
    public List<DeadLetter> deadLetters() {
        return topic.deadLetters();
    }

    @Override
    public void setAvailable(String app, boolean available) {
        faults.setAvailable(app, available);
    }

    @Override
    public void setFailing(String app, boolean failing) {
        faults.setFailing(app, failing);
    }

    /**
     * Makes {@code app}'s next {@code count} outbox commits crash after the commit and before their direct publish,
     * as a process that dies there: the change-feed relay has to send those events.
     */
    public void crashAfterOutboxCommit(String app, int count) {
        faults.crashAfterCommit(app, count);
    }

    /** How many of the crashes armed by {@link #crashAfterOutboxCommit} have not happened yet. */
    public int outboxCrashesArmed(String app) {
        return faults.crashesArmed(app);
    }

    @Override
    public Map<String, Object> status() {
        Map<String, Object> status = new LinkedHashMap<>();
        for (FunctionApp app : apps) {
            status.put(app.name(), Map.of(
                    "available", faults.isAvailable(app.name()),
                    "storeFailing", faults.requireApp(app.name()).isFailing(),
                    "functions", app.functions().stream().map(FunctionDefinition::name).toList()));
        }
        return Map.of("apps", status, "quiet", isQuiet(), "scheduledMessages", topic.topic().scheduledCount(),
                "topicSends", topic.topic().sentCount(), "duplicatesDropped", topic.topic().droppedDuplicates().size());
    }

    @Override
    public List<Map<String, String>> parkedOutbox() {
        return new ParkedOutbox(store, feeds.containers()).list();
    }

    /** Where the data is kept, or null when it is in memory only. */
    public DataDirectory dataDirectory() {
        return data;
    }

    @Override
    public void close() {
        try {
            http.close();
            feeds.close();
            topic.close();
            contexts.close();
        } finally {
            if (data != null) {
                data.close();
            }
        }
    }
}
