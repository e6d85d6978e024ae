package dev.flights.platform.metering;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.flights.platform.inprocess.FaultInjectingDocumentStore;
import dev.flights.platform.inprocess.InMemoryDocumentStore;
import dev.flights.platform.metering.Meter.Reading;
import dev.flights.platform.store.ChangeFeedPage;
import dev.flights.platform.store.ContainerLayout;
import dev.flights.platform.store.DocumentContainer;
import dev.flights.platform.store.DocumentQuery;
import dev.flights.platform.store.StoreUnavailableException;
import dev.flights.platform.store.TransactionalBatch;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MeteredDocumentStoreTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final InMemoryDocumentStore store = new InMemoryDocumentStore();
    private final Meter meter = new Meter();
    private final DocumentContainer reservations =
            new MeteredDocumentStore(store, "reserve", meter).container(ContainerLayout.RESERVATIONS);

    private static ObjectNode reservation(String id) {
        return JSON.createObjectNode().put("id", id).put("reservationId", id).put("status", "REQUESTED");
    }

    @Test
    void everyRequestIsCountedUnderWhoAskedTheContainerAndTheOperationWithItsEstimatedRequestUnits() {
        ObjectNode stored = reservations.upsert(reservation("r1"));
        reservations.read("r1", "r1");
        reservations.read("r1", "nobody");
        reservations.query("r1", DocumentQuery.where("status", "REQUESTED"));
        reservations.execute(TransactionalBatch.in("r2").create(reservation("r2"))
                .create(reservation("r2").put("id", "outbox-1")));

        Map<String, Reading> counted = meter.snapshot();

        long size = MeteredDocumentStore.size(stored);
        assertThat(counted).containsEntry("reserve reservations upsert", new Reading(1, RequestUnitModel.write(size)))
                .containsEntry("reserve reservations read", new Reading(1, RequestUnitModel.read(size)))
                .containsEntry("reserve reservations read-miss", new Reading(1, 1.0))
                .containsEntry("reserve reservations query",
                        new Reading(1, RequestUnitModel.query(new long[] {size})));
        assertThat(counted.get("reserve reservations batch").count()).as("a batch is one request").isEqualTo(1);
        assertThat(counted.get("reserve reservations batch").amount()).as("the sum of its two writes")
                .isEqualTo(2 * RequestUnitModel.write(size), org.assertj.core.api.Assertions.within(0.1));
    }

    @Test
    void aChangeFeedReadIsCountedAsFoundOrEmpty() {
        reservations.upsert(reservation("r1"));

        ChangeFeedPage page = reservations.readChanges(null, 10);
        reservations.readChanges(page.continuation(), 10);

        assertThat(meter.snapshot().get("reserve reservations changes").count()).isEqualTo(1);
        assertThat(meter.snapshot()).containsEntry("reserve reservations changes-empty",
                new Reading(1, RequestUnitModel.EMPTY_CHANGE_FEED));
    }

    @Test
    void aFailedRequestIsCountedAsFailedWithNoRequestUnitsAndTheFailureIsPassedOn() {
        FaultInjectingDocumentStore failing = new FaultInjectingDocumentStore(store);
        failing.setFailing(true);
        DocumentContainer container =
                new MeteredDocumentStore(failing, "pay", meter).container(ContainerLayout.ACCOUNTS);

        assertThatThrownBy(() -> container.read("u1", "account")).isInstanceOf(StoreUnavailableException.class);

        assertThat(meter.snapshot()).containsOnly(Map.entry("pay accounts read failed", new Reading(1, 0)));
    }

    @Test
    void whatTheStoreDoesIsPassedOnUnchanged() {
        ObjectNode stored = reservations.upsert(reservation("r1"));

        // compared as JSON: a read parses the stored text again, as a read from Cosmos DB does (number node types may differ)
        assertThat(store.container(ContainerLayout.RESERVATIONS).read("r1", "r1")).map(Object::toString)
                .contains(stored.toString());
        assertThat(reservations.query("r1", DocumentQuery.where("status", "REQUESTED"))).map(Object::toString)
                .containsExactly(stored.toString());
    }

    @Test
    void aDocumentsSizeIsItsCompactJsonTextInUtf8() {
        ObjectNode document = reservation("r1").put("note", "Zürich → Tōkyō ✈").put("price", 99.5).put("seats", 3);
        document.putArray("legs").add("ZRH").addObject().put("to", "NRT");

        assertThat(MeteredDocumentStore.size(document))
                .isEqualTo(document.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8).length)
                .isGreaterThan(document.toString().length());
        assertThat(MeteredDocumentStore.size(null)).isZero();
    }

    @Test
    void whatTheInMemoryStoreHandsOutIsSizedAsItsTextIs() {
        ObjectNode written = reservations.upsert(reservation("r1").put("note", "Zürich → Tōkyō ✈").put("price", 99.5));
        ObjectNode read = reservations.read("r1", "r1").orElseThrow();
        ObjectNode changed = reservations.readChanges(null, 10).documents().get(0);

        for (ObjectNode document : List.of(written, read, changed)) {
            assertThat(document).isInstanceOf(dev.flights.platform.store.SizedDocument.class);
            assertThat(MeteredDocumentStore.size(document))
                    .isEqualTo(document.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8).length);
        }
    }
}
