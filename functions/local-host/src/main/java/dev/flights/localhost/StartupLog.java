package dev.flights.localhost;

import dev.flights.localhost.discovery.FunctionApp;
import dev.flights.localhost.discovery.FunctionDefinition;
import dev.flights.platform.inprocess.DataDirectory;
import dev.flights.platform.inprocess.InMemoryDocumentStore;
import dev.flights.platform.store.DocumentStore;
import java.net.URI;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the host says while it starts, so a newcomer sees it working rather than waiting in silence: the apps it
 * found, each app's functions as it binds them, where the data lives and where to point the browser.
 */
final class StartupLog {

    private static final Logger log = LoggerFactory.getLogger("local-host");

    private final long startedAt = System.nanoTime();

    void appsFound(List<FunctionApp> apps) {
        log.info("Found {} function apps on the class path: {}; starting each in its own Spring context", apps.size(),
                String.join(", ", apps.stream().map(FunctionApp::name).toList()));
    }

    void appStarted(FunctionApp app, long startMillis) {
        log.info("{} started in {} ms, {} functions bound:", app.name(), startMillis, app.functions().size());
        for (FunctionDefinition function : app.functions()) {
            log.info("    {} <- {}", function.name(), function.describe());
        }
    }

    void serving(DocumentStore store, DataDirectory data, String topic, URI baseUri) {
        if (data != null) {
            DataDirectory.Recovered found = data.recovered();
            String where = store instanceof InMemoryDocumentStore ? "the Cosmos DB containers and the Service Bus topic "
                    + topic : "the Service Bus topic " + topic + " (the containers are in "
                    + store.getClass().getSimpleName() + ")";
            log.info("Data: {} kept in {} (--data-dir moves it, --in-memory keeps nothing)", where, data.path());
            if (found.isEmpty() && found.recordsReplayed() == 0 && found.snapshotRecords() == 0) {
                log.info("Data: nothing there yet, starting empty");
            } else {
                log.info("Data: recovered {} documents, {} messages waiting, {} scheduled, {} dead-lettered"
                        + " ({} snapshot and {} journal records read{}) in {} ms", found.documents(), found.messages(),
                        found.scheduled(), found.deadLettered(), found.snapshotRecords(), found.recordsReplayed(),
                        found.tornBytes() == 0 ? "" : ", a torn last record of " + found.tornBytes()
                                + " bytes dropped", found.millis());
            }
        } else if (store instanceof InMemoryDocumentStore) {
            log.info("Data: in memory, in this JVM (the in-process Cosmos DB containers and Service Bus topic {});"
                    + " it is gone when the host stops", topic);
        } else {
            log.info("Data: in {} (the Cosmos DB containers), the Service Bus topic {} in process",
                    store.getClass().getSimpleName(), topic);
        }
        log.info("Serving on {} in {} ms: the page at {}/, the functions under {}/api/", baseUri,
                (System.nanoTime() - startedAt) / 1_000_000, baseUri, baseUri);
    }
}
