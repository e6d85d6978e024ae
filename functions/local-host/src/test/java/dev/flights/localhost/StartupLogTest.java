package dev.flights.localhost;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.flights.localhost.discovery.AppDiscovery;
import dev.flights.localhost.discovery.FunctionApp;
import dev.flights.contract.topology.Subscriptions;
import dev.flights.platform.inprocess.DataDirectory;
import dev.flights.platform.inprocess.InMemoryDocumentStore;
import dev.flights.platform.inprocess.TopicSettings;
import java.nio.file.Path;
import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

class StartupLogTest {

    private final Logger logger = (Logger) LoggerFactory.getLogger("local-host");
    private final ListAppender<ILoggingEvent> lines = new ListAppender<>();
    private final List<FunctionApp> apps = new AppDiscovery("dev.flights").discover();

    @BeforeEach
    void listen() {
        lines.start();
        logger.addAppender(lines);
    }

    @AfterEach
    void stopListening() {
        logger.detachAppender(lines);
    }

    @Test
    void namesTheAppsItFoundBeforeStartingThem() {
        new StartupLog().appsFound(apps);

        assertThat(messages()).containsExactly("Found 5 function apps on the class path: issue-ticket, notify, pay,"
                + " reservation-view, reserve; starting each in its own Spring context");
    }

    @Test
    void listsEachAppsFunctionsWithTheirTriggersOnceTheAppHasStarted() {
        FunctionApp reserve = apps.stream().filter(app -> app.name().equals("reserve")).findFirst().orElseThrow();

        new StartupLog().appStarted(reserve, 1200);

        assertThat(messages()).first().isEqualTo("reserve started in 1200 ms, " + reserve.functions().size()
                + " functions bound:");
        assertThat(messages()).contains("    reserve <- [POST] /api/reservations",
                "    reserveOnSagaEvent <- topic reservation-events subscription reserve",
                "    relayReservationOutbox <- change feed of reservations (lease reserve-outbox-)");
    }

    @Test
    void saysTheDataIsInMemoryAndWhereToPointTheBrowser() {
        new StartupLog().serving(new InMemoryDocumentStore(), null, "reservation-events", URI.create("http://localhost:7071"));

        assertThat(messages().get(0)).startsWith("Data: in memory, in this JVM").endsWith("gone when the host stops");
        assertThat(messages().get(1)).startsWith("Serving on http://localhost:7071 in ")
                .endsWith("the page at http://localhost:7071/, the functions under http://localhost:7071/api/");
    }

    @Test
    void saysWhereTheDataIsKeptAndWhatWasRecovered(@TempDir Path dir) {
        try (DataDirectory data = DataDirectory.open(dir, Subscriptions.load(), TopicSettings.defaults())) {
            new StartupLog().serving(data.store(), data, "reservation-events", URI.create("http://localhost:7071"));
        }
        try (DataDirectory data = DataDirectory.open(dir, Subscriptions.load(), TopicSettings.defaults())) {
            data.store().container("accounts").upsert(com.fasterxml.jackson.databind.node.JsonNodeFactory.instance
                    .objectNode().put("id", "account").put("userId", "ew"));
        }
        try (DataDirectory data = DataDirectory.open(dir, Subscriptions.load(), TopicSettings.defaults())) {
            new StartupLog().serving(data.store(), data, "reservation-events", URI.create("http://localhost:7071"));
        }

        assertThat(messages().get(0)).isEqualTo("Data: the Cosmos DB containers and the Service Bus topic "
                + "reservation-events kept in " + dir.toAbsolutePath() + " (--data-dir moves it, --in-memory keeps nothing)");
        assertThat(messages().get(1)).isEqualTo("Data: nothing there yet, starting empty");
        assertThat(messages().get(4)).startsWith("Data: recovered 1 documents, 0 messages waiting, 0 scheduled,"
                + " 0 dead-lettered (");
    }

    private List<String> messages() {
        return lines.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
    }
}
