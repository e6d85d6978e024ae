package dev.flights.platform.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.flights.contract.FlightId;
import dev.flights.contract.Money;
import dev.flights.contract.UserId;
import dev.flights.contract.codec.EventCodec;
import dev.flights.contract.events.ReservationCancelled;
import dev.flights.contract.events.ReservationRequested;
import dev.flights.contract.events.SagaEvent;
import dev.flights.platform.correlation.Correlation;
import dev.flights.platform.inprocess.InMemoryDocumentStore;
import dev.flights.platform.messaging.EventPublisher;
import dev.flights.platform.messaging.OutgoingMessage;
import dev.flights.platform.store.ContainerLayout;
import dev.flights.platform.store.DocumentContainer;
import dev.flights.platform.store.TransactionalBatch;
import dev.flights.platform.testing.MovingClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The embedded outbox: the events ride in the state document; its writer publishes them right after the commit and
 * removes them (or leaves one awaiting its answer to the version the answer causes); the relay sends what a crash
 * left, after the grace, once; a new version carries over what was not sent.
 */
class EmbeddedOutboxTest {

    private static final UUID RESERVATION = UUID.fromString("11111111-2222-4333-8444-555555555555");
    private static final UserId ALICE = new UserId("alice");
    private static final Instant NOW = Instant.parse("2025-03-02T08:00:00Z");
    private static final Duration GRACE = Duration.ofSeconds(5);
    private static final OutboxSettings SETTINGS = new OutboxSettings(Duration.ofDays(7), true, GRACE);

    private static final class RecordingPublisher implements EventPublisher {
        final List<OutgoingMessage> sent = new ArrayList<>();

        @Override
        public void publish(List<OutgoingMessage> messages) {
            sent.addAll(messages);
        }

        List<String> types() {
            return sent.stream().map(OutgoingMessage::type).toList();
        }
    }

    private final MovingClock clock = new MovingClock(NOW);
    private final InMemoryDocumentStore store = new InMemoryDocumentStore();
    private final DocumentContainer container = store.container(ContainerLayout.RESERVATIONS);
    private final Outbox outbox = new Outbox("/apps/reserve", container);
    private final RecordingPublisher writerTopic = new RecordingPublisher();
    private final RecordingPublisher relayTopic = new RecordingPublisher();
    private final List<Duration> pauses = new ArrayList<>();
    private Runnable duringPause = () -> { };
    private final OutboxRelay relay = new OutboxRelay(relayTopic, store, clock, Duration.ofDays(7), GRACE,
            pause -> {
                pauses.add(pause);
                clock.advance(pause);
                duringPause.run();
            });
    private final OutboxWriter writer = new OutboxWriter(writerTopic, clock, SETTINGS, OutboxWriter.AfterCommit.NONE);
    private final OutboxWriter crashing = new OutboxWriter(writerTopic, clock, SETTINGS, (name, docs) -> {
        throw new IllegalStateException("the process died");
    });

    private final ReservationRequested requested = new ReservationRequested(UUID.randomUUID(), NOW, RESERVATION, ALICE,
            new FlightId("KE123"), Money.of(100));
    private final ReservationCancelled cancelled = new ReservationCancelled(UUID.randomUUID(), NOW, RESERVATION,
            ALICE, new FlightId("KE123"));

    @BeforeEach
    void startASaga() {
        Correlation.set("corr-writer");
    }

    @AfterEach
    void endTheSaga() {
        Correlation.clear();
    }

    private static ObjectNode state(String status) {
        return EventCodec.json().createObjectNode().put("id", RESERVATION.toString())
                .put("reservationId", RESERVATION.toString()).put("docType", "reservation").put("status", status);
    }

    private ObjectNode stored() {
        return container.read(RESERVATION.toString(), RESERVATION.toString()).orElseThrow();
    }

    /** Writes the next version as an app does: read it (noting it), then embed with its ETag. */
    private void next(OutboxWriter by, String status, List<SagaEvent> events, Set<String> answered) {
        String etag = outbox.seen(stored()).path("_etag").asText();
        by.commit(container, outbox.embed(TransactionalBatch.in(RESERVATION.toString()), state(status), etag,
                events, answered, event -> false));
    }

    private String feed(ObjectNode... documents) {
        ArrayNode array = EventCodec.json().createArrayNode();
        for (ObjectNode doc : documents) {
            array.add(doc);
        }
        return array.toString();
    }

    @Test
    void oneDocumentWriteHoldsTheStateAndItsEventsWhichTheWriterPublishesAndThenRemoves() {
        writer.commit(container, outbox.embed(TransactionalBatch.in(RESERVATION.toString()), state("REQUESTED"), null,
                List.of(requested, cancelled)));

        assertThat(writerTopic.sent).extracting(OutgoingMessage::messageId)
                .containsExactly(requested.eventId().toString(), cancelled.eventId().toString());
        assertThat(writerTopic.sent).allSatisfy(m -> assertThat(m.correlationId()).isEqualTo("corr-writer"));
        assertThat(Outbox.hasEmbeddedEntries(stored())).isFalse();
        assertThat(stored().path("status").asText()).isEqualTo("REQUESTED");
    }

    @Test
    void aCrashBetweenTheCommitAndThePublishLeavesTheEventsToTheRelayAfterTheGraceOnce() {
        assertThatThrownBy(() -> crashing.commit(container, outbox.embed(TransactionalBatch.in(RESERVATION.toString()),
                state("REQUESTED"), null, List.of(requested)))).hasMessage("the process died");
        ObjectNode asCommitted = stored();
        assertThat(Outbox.pendingEntries(asCommitted)).singleElement()
                .satisfies(e -> assertThat(e.path(OutboxWriter.RELAY_AFTER).asText()).isEqualTo(NOW.plus(GRACE).toString()));

        assertThat(relay.relay(ContainerLayout.RESERVATIONS, feed(asCommitted))).isEqualTo(1);
        // a rewound feed hands the committed version over again: the entry is gone, nothing is sent twice
        relay.relay(ContainerLayout.RESERVATIONS, feed(asCommitted));

        assertThat(writerTopic.sent).isEmpty();
        assertThat(relayTopic.types()).containsExactly("ReservationRequested");
        assertThat(pauses.stream().reduce(Duration.ZERO, Duration::plus)).isEqualTo(GRACE);
        assertThat(Outbox.hasEmbeddedEntries(stored())).isFalse();
    }

    @Test
    void theRelayReadingTheFeedBeforeTheWriterRemovedTheEntriesSendsNothingAndDoesNotWait() {
        assertThatThrownBy(() -> crashing.commit(container, outbox.embed(TransactionalBatch.in(RESERVATION.toString()),
                state("REQUESTED"), null, List.of(requested)))).isInstanceOf(IllegalStateException.class);
        ObjectNode beforeThePublish = stored();
        // the writer was only slow: it publishes and settles during the relay's first pause
        duringPause = () -> {
            if (pauses.size() == 1) {
                writerTopic.publish(List.of(OutboxEntry.of(Outbox.pendingEntries(beforeThePublish).get(0)).message()));
                new OutboxMarks(clock, Duration.ofDays(7)).sentEmbedded(container, beforeThePublish,
                        Set.of(requested.eventId().toString()));
            }
        };

        assertThat(relay.relay(ContainerLayout.RESERVATIONS, feed(beforeThePublish))).isZero();

        assertThat(relayTopic.sent).isEmpty();
        assertThat(pauses).hasSize(1);
    }

    @Test
    void aNewVersionCarriesOverWhatACrashLeftUnsentAndTheRelaySendsOnlyThatOne() {
        assertThatThrownBy(() -> crashing.commit(container, outbox.embed(TransactionalBatch.in(RESERVATION.toString()),
                state("REQUESTED"), null, List.of(requested)))).isInstanceOf(IllegalStateException.class);

        next(writer, "CANCELLED", List.of(cancelled), Set.of());
        ObjectNode latest = stored();

        assertThat(writerTopic.types()).containsExactly("ReservationCancelled");
        assertThat(Outbox.pendingEntries(latest)).extracting(e -> e.path("type").asText())
                .containsExactly("ReservationRequested");
        relay.relay(ContainerLayout.RESERVATIONS, feed(latest));
        assertThat(relayTopic.types()).containsExactly("ReservationRequested");
        assertThat(Outbox.hasEmbeddedEntries(stored())).isFalse();
        assertThat(stored().path("status").asText()).isEqualTo("CANCELLED");
    }

    @Test
    void anEventAwaitingItsAnswerIsPublishedLeftInPlaceAndSettledByTheVersionTheAnswerCauses() {
        writer.commit(container, outbox.embed(TransactionalBatch.in(RESERVATION.toString()), state("REQUESTED"), null,
                List.of(requested), Set.of(), event -> event == requested));
        ObjectNode requestedVersion = stored();
        assertThat(writerTopic.types()).containsExactly("ReservationRequested");
        assertThat(Outbox.pendingEntries(requestedVersion)).singleElement()
                .satisfies(e -> assertThat(e.path(Outbox.AWAITS_ANSWER).asBoolean()).isTrue());
        // the answer (pay's approval) arrives while the relay looks at the requested version
        duringPause = () -> {
            if (pauses.size() == 1) {
                next(writer, "CONFIRMED", List.of(), Set.of("ReservationRequested"));
            }
        };

        assertThat(relay.relay(ContainerLayout.RESERVATIONS, feed(requestedVersion))).isZero();

        assertThat(relayTopic.sent).isEmpty();
        assertThat(writerTopic.sent).hasSize(1);
        assertThat(Outbox.hasEmbeddedEntries(stored())).isFalse();
        assertThat(stored().path("status").asText()).isEqualTo("CONFIRMED");
    }

    @Test
    void anEventWhoseAnswerNeverComesIsSentAgainByTheRelayAfterTheGraceAndSettled() {
        writer.commit(container, outbox.embed(TransactionalBatch.in(RESERVATION.toString()), state("REQUESTED"), null,
                List.of(requested), Set.of(), event -> true));

        relay.relay(ContainerLayout.RESERVATIONS, feed(stored()));

        assertThat(writerTopic.types()).containsExactly("ReservationRequested");
        assertThat(relayTopic.types()).as("a copy, which the topic's duplicate detection drops")
                .containsExactly("ReservationRequested");
        assertThat(Outbox.hasEmbeddedEntries(stored())).isFalse();
    }

    @Test
    void anAnswerSettlesOnlyTheEventItAnswers() {
        writer.commit(container, outbox.embed(TransactionalBatch.in(RESERVATION.toString()), state("REQUESTED"), null,
                List.of(requested), Set.of(), event -> true));

        next(new OutboxWriter(writerTopic, clock, new OutboxSettings(Duration.ofDays(7), false, GRACE),
                OutboxWriter.AfterCommit.NONE), "CANCELLED", List.of(cancelled), Set.of("ReservationConfirmed"));

        assertThat(Outbox.pendingEntries(stored())).extracting(e -> e.path("type").asText())
                .containsExactly("ReservationRequested", "ReservationCancelled");
    }

    @Test
    void stateDocumentsWithTheSameIdInOtherPartitionsAreRelayedEachAfterACrash() {
        // a ticket's id is "ticket" in every reservation's partition
        UUID other = UUID.fromString("99999999-2222-4333-8444-555555555555");
        ReservationRequested otherRequested = new ReservationRequested(UUID.randomUUID(), NOW, other, ALICE,
                new FlightId("KE124"), Money.of(100));
        List<ObjectNode> committed = new ArrayList<>();
        for (ReservationRequested event : List.of(requested, otherRequested)) {
            ObjectNode ticket = EventCodec.json().createObjectNode().put("id", "ticket")
                    .put("reservationId", event.reservationId().toString()).put("docType", "ticket");
            assertThatThrownBy(() -> crashing.commit(container, outbox.embed(
                    TransactionalBatch.in(event.reservationId().toString()), ticket, null, List.of(event))))
                    .isInstanceOf(IllegalStateException.class);
            committed.add(container.read(event.reservationId().toString(), "ticket").orElseThrow());
        }

        relay.relay(ContainerLayout.RESERVATIONS, feed(committed.toArray(ObjectNode[]::new)));

        assertThat(relayTopic.sent).extracting(OutgoingMessage::messageId)
                .containsExactly(requested.eventId().toString(), otherRequested.eventId().toString());
        assertThat(committed).allSatisfy(doc -> assertThat(Outbox.hasEmbeddedEntries(container.read(
                doc.path("reservationId").asText(), "ticket").orElseThrow())).isFalse());
    }

    @Test
    void anEntryThatCanNeverBeSentIsParkedInPlaceAndTheOthersAreSentInOrder() {
        ObjectNode doc = state("REQUESTED");
        ArrayNode entries = doc.putArray(Outbox.EMBEDDED);
        entries.addObject().put("messageId", "broken").put("sessionId", RESERVATION.toString())
                .put("type", "ReservationRequested").put("body", "not a saga event");
        entries.add(outbox.entry(RESERVATION.toString(), cancelled, null));
        container.execute(TransactionalBatch.in(RESERVATION.toString()).create(doc));

        relay.relay(ContainerLayout.RESERVATIONS, feed(stored()));

        assertThat(relayTopic.types()).containsExactly("ReservationCancelled");
        assertThat(stored().path(Outbox.EMBEDDED)).singleElement().satisfies(entry -> {
            assertThat(entry.path("messageId").asText()).isEqualTo("broken");
            assertThat(entry.path(Outbox.STATUS).asText()).isEqualTo(Outbox.PARKED);
            assertThat(entry.path(Outbox.PARK_REASON).asText()).contains("not a saga event");
        });
        // a parked entry is carried over by the next version and never sent
        next(writer, "CANCELLED", List.of(), Set.of("ReservationRequested"));
        relay.relay(ContainerLayout.RESERVATIONS, feed(stored()));
        assertThat(relayTopic.sent).hasSize(1);
        assertThat(stored().path(Outbox.EMBEDDED)).hasSize(1);
    }
}
