package dev.flights.localhost.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.flights.contract.codec.EventCodec;
import dev.flights.localhost.LocalHostRuntime;
import dev.flights.platform.store.ContainerLayout;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** A poison outbox document is parked with its reason, an operator sees it, and the relay keeps relaying. */
class ParkedOutboxIT {

    private final LocalHostRuntime host = SharedLocalHost.get();
    private final Api api = new Api(host.baseUri());

    @Test
    void aPoisonOutboxDocumentIsParkedAndListedWhileReservationsWrittenAfterItAreTicketed() {
        String poisonReservation = UUID.randomUUID().toString();
        ObjectNode poison = EventCodec.json().createObjectNode()
                .put("id", "outbox-" + UUID.randomUUID()).put("docType", "outbox")
                .put("reservationId", poisonReservation).put("messageId", UUID.randomUUID().toString())
                .put("sessionId", poisonReservation).put("type", "ReservationRequested").put("body", "{ truncated");
        host.store().container(ContainerLayout.RESERVATIONS).upsert(poison);
        String customer = Api.newCustomer();
        api.deposit(customer, 100);

        String id = api.reserve(customer, "KE777");
        api.awaitStatus(id, "TICKETED");

        JsonNode parked = Api.await(() -> parkedItem(poison.path("id").asText()), item -> item != null,
                "the poison document in /admin/parked-outbox");
        assertThat(parked.path("container").asText()).isEqualTo("reservations");
        assertThat(parked.path("sessionId").asText()).isEqualTo(poisonReservation);
        assertThat(parked.path("parkReason").asText()).contains("not a saga event");
        assertThat(parked.path("parkedAt").asText()).isNotBlank();
    }

    private JsonNode parkedItem(String id) {
        for (JsonNode item : api.get("/admin/parked-outbox").body().path("items")) {
            if (item.path("id").asText().equals(id)) {
                return item;
            }
        }
        return null;
    }
}
