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
import dev.flights.platform.inprocess.FaultInjectingDocumentStore;
import dev.flights.platform.inprocess.InMemoryDocumentStore;
import dev.flights.platform.messaging.EventPublisher;
import dev.flights.platform.messaging.OutgoingMessage;
import dev.flights.platform.messaging.PublishRejectedException;
import dev.flights.platform.store.ContainerLayout;
import dev.flights.platform.store.StoreUnavailableException;
import dev.flights.platform.store.TransactionalBatch;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
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

    private static final String CONTAINER = ContainerLayout.RESERVATIONS;
    private static final Instant NOW = Instant.parse("2025-03-02T08:00:00Z");
    private static final Duration TTL = Duration.ofDays(1);

    private final Outbox outbox = new Outbox("/apps/reserve", "reservationId");
    private final RecordingPublisher publisher = new RecordingPublisher();
    private final InMemoryDocumentStore store = new InMemoryDocumentStore();
    private final OutboxRelay relay = relayOver(publisher);

    private OutboxRelay relayOver(EventPublisher topic) {
        return new OutboxRelay(topic, store, Clock.fixed(NOW, ZoneOffset.UTC), TTL);
    }

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

    /** Writes the documents to the container and returns its change feed, as the trigger would hand it over. */
    private String array(ObjectNode... documents) {
        for (ObjectNode document : documents) {
            store.container(CONTAINER).upsert(document);
        }
        return changeFeed();
    }

    private String changeFeed() {
        ArrayNode array = EventCodec.json().createArrayNode();
        array.addAll(store.container(CONTAINER).readChanges(null, 1000).documents());
        return array.toString();
    }

    private ObjectNode stored(ObjectNode document) {
        return store.container(CONTAINER).read(RESERVATION.toString(), document.path("id").asText()).orElseThrow();
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

        int relayed = relay.relay(CONTAINER, array(first, reservationDocument(), second, third));

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

        relay.relay(CONTAINER, array(doc));

        assertThat(publisher.batches.get(0)).containsExactly(
                OutgoingMessage.of(requested, "/apps/reserve", "corr-outbox"));
    }

    @Test
    void changesWithoutOutboxDocumentsPublishNothing() {
        assertThat(relay.relay(CONTAINER, array(reservationDocument()))).isZero();
        assertThat(relay.relay(CONTAINER, "[]")).isZero();

        assertThat(publisher.batches).isEmpty();
    }

    @Test
    void inputThatIsNotAJsonArrayIsRefused() {
        assertThatThrownBy(() -> relay.relay(CONTAINER, "{\"docType\":\"outbox\"}"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> relay.relay(CONTAINER, "not json")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> relay.relay(CONTAINER, "")).isInstanceOf(IllegalArgumentException.class);
        assertThat(publisher.batches).isEmpty();
    }

    @Test
    void aPublishFailurePropagatesSoTheChangeIsDeliveredAgain() {
        IllegalStateException down = new IllegalStateException("service bus down");
        OutboxRelay failing = relayOver(messages -> {
            throw down;
        });
        ObjectNode doc = outbox.document(RESERVATION.toString(), requested, null);

        assertThatThrownBy(() -> failing.relay(CONTAINER, array(doc))).isSameAs(down);
        assertThat(stored(doc).has("ttl")).as("never a ttl before it was sent").isFalse();
        assertThat(stored(doc).has(Outbox.STATUS)).isFalse();
    }

    @Test
    void aRelayedDocumentIsMarkedRelayedWithTheTtlThatLetsCosmosDbDeleteItLater() {
        ObjectNode doc = outbox.document(RESERVATION.toString(), requested, null);

        relay.relay(CONTAINER, array(doc));

        ObjectNode marked = stored(doc);
        assertThat(marked.path(Outbox.STATUS).asText()).isEqualTo("relayed");
        assertThat(marked.path("relayedAt").asText()).isEqualTo("2025-03-02T08:00:00Z");
        assertThat(marked.path("ttl").asLong()).isEqualTo(86_400);
        assertThat(marked.path("body").asText()).isEqualTo(doc.path("body").asText());
    }

    @Test
    void documentsAlreadyRelayedOrParkedAreSkippedWhenTheirOwnMarksComeBackOnTheChangeFeed() {
        ObjectNode doc = outbox.document(RESERVATION.toString(), requested, null);
        ObjectNode poison = outbox.document(RESERVATION.toString(), cancelled, null).put("type", "Nonsense");
        relay.relay(CONTAINER, array(doc, poison));

        assertThat(relay.relay(CONTAINER, changeFeed())).isZero();

        assertThat(publisher.batches).hasSize(1);
        assertThat(stored(poison).path(Outbox.STATUS).asText()).isEqualTo("parked");
    }

    @Test
    void aDocumentThatCanNeverBeRelayedIsParkedWithItsReasonAndTheOthersAreRelayedInOrder() {
        PaymentRetryDue retry = new PaymentRetryDue(UUID.randomUUID(), AT, RESERVATION, ALICE, new FlightId("KE123"),
                Money.of(100), 1);
        ObjectNode first = outbox.document(RESERVATION.toString(), requested, null);
        ObjectNode noSession = outbox.document(RESERVATION.toString(), retry, null).put("sessionId", "");
        ObjectNode badBody = outbox.document(RESERVATION.toString(), cancelled, null).put("body", "{not json");
        ObjectNode last = outbox.document(RESERVATION.toString(), cancelled, null).put("id", "outbox-last");

        int relayed = relay.relay(CONTAINER, array(first, noSession, badBody, last));

        assertThat(relayed).isEqualTo(2);
        assertThat(publisher.batches).hasSize(1);
        assertThat(publisher.batches.get(0)).extracting(OutgoingMessage::messageId)
                .containsExactly(requested.eventId().toString(), cancelled.eventId().toString());
        assertThat(stored(noSession).path(Outbox.STATUS).asText()).isEqualTo("parked");
        assertThat(stored(noSession).path(Outbox.PARK_REASON).asText()).contains("sessionId");
        assertThat(stored(noSession).path("parkedAt").asText()).isEqualTo("2025-03-02T08:00:00Z");
        assertThat(stored(noSession).has("ttl")).as("a parked document stays until an operator acts").isFalse();
        assertThat(stored(badBody).path(Outbox.PARK_REASON).asText()).contains("not a saga event");
        assertThat(stored(last).path(Outbox.STATUS).asText()).isEqualTo("relayed");
    }

    @Test
    void aDocumentOfAnUnknownEventTypeOrWhoseTypeContradictsItsBodyIsParked() {
        ObjectNode unknown = outbox.document(RESERVATION.toString(), requested, null);
        unknown.put("body", unknown.path("body").asText().replace("ReservationRequested", "SeatUpgraded"))
                .put("type", "SeatUpgraded");
        ObjectNode contradicting = outbox.document(RESERVATION.toString(), cancelled, null)
                .put("type", "ReservationConfirmed");

        assertThat(relay.relay(CONTAINER, array(unknown, contradicting))).isZero();

        assertThat(publisher.batches).isEmpty();
        assertThat(stored(unknown).path(Outbox.PARK_REASON).asText()).contains("unknown event type SeatUpgraded");
        assertThat(stored(contradicting).path(Outbox.PARK_REASON).asText())
                .contains("ReservationConfirmed", "ReservationCancelled");
    }

    @Test
    void aMessageTheTopicRefusesForGoodIsParkedAndTheMessagesAfterItAreStillSent() {
        ReservationRequested other = new ReservationRequested(UUID.randomUUID(), AT, RESERVATION, ALICE,
                new FlightId("KE124"), Money.of(50));
        ObjectNode first = outbox.document(RESERVATION.toString(), requested, null);
        ObjectNode tooLarge = outbox.document(RESERVATION.toString(), cancelled, null);
        ObjectNode third = outbox.document(RESERVATION.toString(), other, null);
        String refusedId = cancelled.eventId().toString();
        List<String> sent = new ArrayList<>();
        OutboxRelay picky = relayOver(messages -> {
            for (OutgoingMessage message : messages) {
                if (message.messageId().equals(refusedId)) {
                    throw new PublishRejectedException("too large", "MESSAGE_SIZE_EXCEEDED", refusedId, null);
                }
                sent.add(message.messageId());
            }
        });

        assertThat(picky.relay(CONTAINER, array(first, tooLarge, third))).isEqualTo(2);

        assertThat(sent).containsExactly(requested.eventId().toString(), other.eventId().toString());
        assertThat(stored(tooLarge).path(Outbox.STATUS).asText()).isEqualTo("parked");
        assertThat(stored(tooLarge).path(Outbox.PARK_REASON).asText()).contains("MESSAGE_SIZE_EXCEEDED");
        assertThat(stored(first).path(Outbox.STATUS).asText()).isEqualTo("relayed");
        assertThat(stored(third).path(Outbox.STATUS).asText()).isEqualTo("relayed");
    }

    @Test
    void aRefusalOfTheWholeTopicThrowsSoThePageIsRetriedAndParksNothing() {
        PublishRejectedException unauthorized = new PublishRejectedException("no right to send", "UNAUTHORIZED", null,
                null);
        OutboxRelay refused = relayOver(messages -> {
            throw unauthorized;
        });
        ObjectNode doc = outbox.document(RESERVATION.toString(), requested, null);

        assertThatThrownBy(() -> refused.relay(CONTAINER, array(doc))).isSameAs(unauthorized);
        assertThat(stored(doc).has(Outbox.STATUS)).isFalse();
    }

    @Test
    void anUnavailableStoreWhileMarkingThrowsSoThePageIsRetried() {
        FaultInjectingDocumentStore failing = new FaultInjectingDocumentStore(store);
        OutboxRelay relayOnFailingStore = new OutboxRelay(publisher, failing, Clock.fixed(NOW, ZoneOffset.UTC), TTL);
        String page = array(outbox.document(RESERVATION.toString(), requested, null));
        failing.setFailing(true);

        assertThatThrownBy(() -> relayOnFailingStore.relay(CONTAINER, page))
                .isInstanceOf(StoreUnavailableException.class);
    }

    @Test
    void aTtlOutsideCosmosDbsRangeIsRefusedAtStart() {
        assertThatThrownBy(() -> new OutboxRelay(publisher, store, Clock.systemUTC(), Duration.ofMillis(500)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("ttl");
    }
}
