package dev.flights.platform.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.flights.contract.FlightId;
import dev.flights.contract.Money;
import dev.flights.contract.UserId;
import dev.flights.contract.codec.EventCodec;
import dev.flights.contract.events.PaymentRetryDue;
import dev.flights.contract.events.ReservationRequested;
import dev.flights.contract.events.ReservationCancelled;
import dev.flights.platform.correlation.Correlation;
import dev.flights.platform.messaging.EventPublisher;
import dev.flights.platform.messaging.OutgoingMessage;
import dev.flights.platform.store.TransactionalBatch;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class OutboxRelayTest {

    private static final UUID RESERVATION = UUID.fromString("11111111-2222-4333-8444-555555555555");
    private static final UserId ALICE = new UserId("alice");
    private static final Instant AT = Instant.parse("2025-03-01T10:00:00Z");

    /** Remembers every batch it was asked to publish. */
    private static final class RecordingPublisher implements EventPublisher {
        final List<List<OutgoingMessage>> batches = new ArrayList<>();

        @Override
        public void publish(List<OutgoingMessage> messages) {
            batches.add(List.copyOf(messages));
        }
    }

    private final Outbox outbox = new Outbox("/apps/reserve", "reservationId");
    private final RecordingPublisher publisher = new RecordingPublisher();
    private final OutboxRelay relay = new OutboxRelay(publisher);

    private final ReservationRequested requested = new ReservationRequested(UUID.randomUUID(), AT, RESERVATION, ALICE,
            new FlightId("KE123"), Money.of(100));
    private final ReservationCancelled cancelled = new ReservationCancelled(UUID.randomUUID(), AT.plusSeconds(5),
            RESERVATION, ALICE, new FlightId("KE123"));

    @BeforeEach
    void startASaga() {
        Correlation.set("corr-outbox");
    }

    @AfterEach
    void endTheSaga() {
        Correlation.clear();
    }

    private static String array(ObjectNode... documents) {
        ArrayNode array = EventCodec.json().createArrayNode();
        for (ObjectNode document : documents) {
            array.add(document);
        }
        return array.toString();
    }

    private static ObjectNode reservationDocument() {
        return EventCodec.json().createObjectNode().put("id", RESERVATION.toString())
                .put("reservationId", RESERVATION.toString()).put("docType", "reservation").put("status", "REQUESTED");
    }

    @Test
    void anOutboxDocumentHoldsTheMessageOfItsEvent() {
        ObjectNode doc = outbox.document(RESERVATION.toString(), requested, null);

        assertThat(doc.path("id").asText()).isEqualTo("outbox-" + requested.eventId());
        assertThat(doc.path("docType").asText()).isEqualTo("outbox");
        assertThat(doc.path("reservationId").asText()).isEqualTo(RESERVATION.toString());
        assertThat(doc.path("messageId").asText()).isEqualTo(requested.eventId().toString());
        assertThat(doc.path("sessionId").asText()).isEqualTo(RESERVATION.toString());
        assertThat(doc.path("type").asText()).isEqualTo("ReservationRequested");
        assertThat(doc.path("correlationId").asText()).isEqualTo("corr-outbox");
        assertThat(doc.has("scheduledEnqueueTime")).isFalse();
        assertThat(EventCodec.decode(doc.path("body").asText()).event()).isEqualTo(requested);
    }

    @Test
    void appendAddsACreateOfAnOutboxDocumentPerEventInOrder() {
        TransactionalBatch batch = outbox.append(TransactionalBatch.in(RESERVATION.toString()),
                List.of(requested, cancelled));

        assertThat(batch.operations()).extracting(TransactionalBatch.Operation::kind)
                .containsExactly(TransactionalBatch.Kind.CREATE, TransactionalBatch.Kind.CREATE);
        assertThat(batch.operations()).extracting(op -> op.document().path("messageId").asText())
                .containsExactly(requested.eventId().toString(), cancelled.eventId().toString());
    }

    @Test
    void onlyOutboxDocumentsAreRelayedInChangeFeedOrderWithEverythingTheDocumentSays() {
        Instant due = Instant.parse("2025-03-01T10:05:00Z");
        PaymentRetryDue retry = new PaymentRetryDue(UUID.randomUUID(), AT, RESERVATION, ALICE, new FlightId("KE123"),
                Money.of(100), 1);
        ObjectNode first = outbox.document(RESERVATION.toString(), requested, null);
        ObjectNode second = outbox.document(RESERVATION.toString(), retry, due);
        ObjectNode third = outbox.document(RESERVATION.toString(), cancelled, null);

        int relayed = relay.relay(array(first, reservationDocument(), second, third));

        assertThat(relayed).isEqualTo(3);
        assertThat(publisher.batches).hasSize(1);
        List<OutgoingMessage> sent = publisher.batches.get(0);
        assertThat(sent).extracting(OutgoingMessage::messageId).containsExactly(requested.eventId().toString(),
                retry.eventId().toString(), cancelled.eventId().toString());
        OutgoingMessage expectedFirst = new OutgoingMessage(requested.eventId().toString(), RESERVATION.toString(),
                "ReservationRequested", "corr-outbox", first.path("body").asText(), null);
        assertThat(sent.get(0)).isEqualTo(expectedFirst);
        assertThat(sent.get(1).type()).isEqualTo("PaymentRetryDue");
        assertThat(sent.get(1).scheduledEnqueueTime()).isEqualTo(due);
        assertThat(sent.get(1).body()).isEqualTo(second.path("body").asText());
        assertThat(sent.get(2).scheduledEnqueueTime()).isNull();
        assertThat(EventCodec.decode(sent.get(2).body()).event()).isEqualTo(cancelled);
    }

    @Test
    void theRelayedMessageIsTheOneTheEventWouldBeSentAsDirectly() {
        ObjectNode doc = outbox.document(RESERVATION.toString(), requested, null);

        relay.relay(array(doc));

        assertThat(publisher.batches.get(0)).containsExactly(
                OutgoingMessage.of(requested, "/apps/reserve", "corr-outbox"));
    }

    @Test
    void changesWithoutOutboxDocumentsPublishNothing() {
        assertThat(relay.relay(array(reservationDocument()))).isZero();
        assertThat(relay.relay("[]")).isZero();

        assertThat(publisher.batches).isEmpty();
    }

    @Test
    void inputThatIsNotAJsonArrayIsRefused() {
        assertThatThrownBy(() -> relay.relay("{\"docType\":\"outbox\"}")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> relay.relay("not json")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> relay.relay("")).isInstanceOf(IllegalArgumentException.class);
        assertThat(publisher.batches).isEmpty();
    }

    @Test
    void aPublishFailurePropagatesSoTheChangeIsDeliveredAgain() {
        IllegalStateException down = new IllegalStateException("service bus down");
        OutboxRelay failing = new OutboxRelay(messages -> {
            throw down;
        });

        assertThatThrownBy(() -> failing.relay(array(outbox.document(RESERVATION.toString(), requested, null))))
                .isSameAs(down);
    }
}
