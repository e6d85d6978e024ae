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
import dev.flights.contract.topology.Subscriptions;
import dev.flights.platform.correlation.Correlation;
import dev.flights.platform.inprocess.InMemoryDocumentStore;
import dev.flights.platform.inprocess.InProcessTopic;
import dev.flights.platform.inprocess.TopicSettings;
import dev.flights.platform.messaging.EventPublisher;
import dev.flights.platform.messaging.OutgoingMessage;
import dev.flights.platform.store.ContainerLayout;
import dev.flights.platform.store.DocumentContainer;
import dev.flights.platform.store.DocumentQuery;
import dev.flights.platform.store.TransactionalBatch;
import dev.flights.platform.testing.MovingClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The direct publish after an outbox commit, and the relay behind it: in the common case every event is sent once,
 * by its writer; after a failed publish or a crash between the commit and the publish, once, by the relay, late.
 */
class OutboxWriterTest {

    private static final UUID RESERVATION = UUID.fromString("11111111-2222-4333-8444-555555555555");
    private static final UserId ALICE = new UserId("alice");
    private static final Instant NOW = Instant.parse("2025-03-02T08:00:00Z");
    private static final Duration GRACE = Duration.ofSeconds(5);
    private static final OutboxSettings SETTINGS = new OutboxSettings(Duration.ofDays(7), true, GRACE);

    /** Remembers every batch it was asked to publish; fails while {@code failing}. */
    private static final class RecordingPublisher implements EventPublisher {
        final List<List<OutgoingMessage>> batches = new ArrayList<>();
        boolean failing;

        @Override
        public void publish(List<OutgoingMessage> messages) {
            if (failing) {
                throw new IllegalStateException("the topic is unreachable");
            }
            batches.add(List.copyOf(messages));
        }

        List<String> messageIds() {
            return batches.stream().flatMap(List::stream).map(OutgoingMessage::messageId).toList();
        }
    }

    private final MovingClock clock = new MovingClock(NOW);
    private final InMemoryDocumentStore store = new InMemoryDocumentStore();
    private final DocumentContainer container = store.container(ContainerLayout.RESERVATIONS);
    private final Outbox outbox = new Outbox("/apps/reserve", container.partitionKeyField());
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
    /** The outbox documents as the commit stored them: what a change feed read before the mark hands over. */
    private final List<ObjectNode> asCommitted = new ArrayList<>();

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

    private OutboxWriter writer(EventPublisher topic, OutboxSettings settings, OutboxWriter.AfterCommit hook) {
        return new OutboxWriter(topic, clock, settings, (name, docs) -> {
            docs.forEach(doc -> asCommitted.add(doc.deepCopy()));
            hook.committed(name, docs);
        });
    }

    private void commitBoth(OutboxWriter writer) {
        ObjectNode reservation = EventCodec.json().createObjectNode().put("id", RESERVATION.toString())
                .put("reservationId", RESERVATION.toString()).put("docType", "reservation");
        writer.commit(container, outbox.append(TransactionalBatch.in(RESERVATION.toString()).create(reservation),
                List.of(requested, cancelled)));
    }

    private List<ObjectNode> outboxDocuments() {
        return container.query(RESERVATION.toString(), DocumentQuery.where("docType", Outbox.DOC_TYPE)).stream()
                .sorted((a, b) -> a.path("messageId").asText().compareTo(b.path("messageId").asText())).toList();
    }

    /** The change feed as read right after the commit, before any mark. */
    private String feedAsCommitted() {
        ArrayNode array = EventCodec.json().createArrayNode();
        asCommitted.forEach(array::add);
        return array.toString();
    }

    @Test
    void theCommittedEventsArePublishedAtOnceInBatchOrderAndMarkedRelayed() {
        commitBoth(writer(writerTopic, SETTINGS, OutboxWriter.AfterCommit.NONE));

        assertThat(writerTopic.batches).hasSize(1);
        assertThat(writerTopic.messageIds())
                .containsExactly(requested.eventId().toString(), cancelled.eventId().toString());
        assertThat(writerTopic.batches.get(0)).allSatisfy(m -> {
            assertThat(m.sessionId()).isEqualTo(RESERVATION.toString());
            assertThat(m.correlationId()).isEqualTo("corr-writer");
        });
        assertThat(outboxDocuments()).hasSize(2).allSatisfy(doc -> {
            assertThat(doc.path(Outbox.STATUS).asText()).isEqualTo(Outbox.RELAYED);
            assertThat(doc.path("ttl").asLong()).isEqualTo(Duration.ofDays(7).toSeconds());
            assertThat(doc.path(OutboxWriter.RELAY_AFTER).asText()).isEqualTo(NOW.plus(GRACE).toString());
        });
    }

    @Test
    void theRelayReadingTheFeedBeforeTheMarkSendsNothingAndDoesNotWait() {
        commitBoth(writer(writerTopic, SETTINGS, OutboxWriter.AfterCommit.NONE));

        int sent = relay.relay(ContainerLayout.RESERVATIONS, feedAsCommitted());

        assertThat(sent).isZero();
        assertThat(relayTopic.batches).isEmpty();
        assertThat(pauses).isEmpty();
    }

    @Test
    void theRelayWaitsWhileTheWriterIsStillAtItAndSendsNothingOnceItMarked() {
        // the writer has committed but not yet published when the relay reads the feed
        List<ObjectNode> beforeTheMark = new ArrayList<>();
        OutboxWriter stalled = writer(writerTopic, SETTINGS, (name, docs) -> {
            throw new IllegalStateException("stop here, as if the writer were slow");
        });
        assertThatThrownBy(() -> commitBoth(stalled)).isInstanceOf(IllegalStateException.class);
        beforeTheMark.addAll(outboxDocuments());
        // the writer finishes during the relay's second pause
        duringPause = () -> {
            if (pauses.size() == 2) {
                new OutboxMarks(clock, Duration.ofDays(7)).relayed(container, RESERVATION.toString(), beforeTheMark);
            }
        };

        int sent = relay.relay(ContainerLayout.RESERVATIONS, feedAsCommitted());

        assertThat(sent).isZero();
        assertThat(relayTopic.batches).isEmpty();
        assertThat(pauses).hasSize(2);
    }

    @Test
    void aCrashBetweenTheCommitAndThePublishLeavesTheEventsToTheRelayAfterTheGrace() {
        OutboxWriter crashing = writer(writerTopic, SETTINGS, (name, docs) -> {
            throw new IllegalStateException("the process died");
        });

        assertThatThrownBy(() -> commitBoth(crashing)).hasMessage("the process died");
        assertThat(writerTopic.batches).isEmpty();
        assertThat(outboxDocuments()).hasSize(2).noneMatch(OutboxMarks::isSettled);

        int sent = relay.relay(ContainerLayout.RESERVATIONS, feedAsCommitted());

        assertThat(sent).isEqualTo(2);
        assertThat(relayTopic.messageIds())
                .containsExactly(requested.eventId().toString(), cancelled.eventId().toString());
        assertThat(pauses.stream().reduce(Duration.ZERO, Duration::plus)).isEqualTo(GRACE);
        assertThat(outboxDocuments()).allSatisfy(doc ->
                assertThat(doc.path(Outbox.STATUS).asText()).isEqualTo(Outbox.RELAYED));
    }

    @Test
    void aFailedPublishKeepsTheCommitAndTheRelaySendsTheEventsOnce() {
        writerTopic.failing = true;
        commitBoth(writer(writerTopic, SETTINGS, OutboxWriter.AfterCommit.NONE));

        assertThat(container.read(RESERVATION.toString(), RESERVATION.toString())).isPresent();
        assertThat(outboxDocuments()).hasSize(2).noneMatch(OutboxMarks::isSettled);

        relay.relay(ContainerLayout.RESERVATIONS, feedAsCommitted());
        // the relay's own mark comes back on the feed, and a rewound feed hands the creation over again
        relay.relay(ContainerLayout.RESERVATIONS, feedAsCommitted());

        assertThat(relayTopic.messageIds())
                .containsExactly(requested.eventId().toString(), cancelled.eventId().toString());
    }

    @Test
    void aCrashAfterThePublishBeforeTheMarkSendsACopyThatTheTopicDrops() {
        InProcessTopic topic = new InProcessTopic(Subscriptions.load(), TopicSettings.defaults(), clock);
        try {
            EventPublisher diesAfterSending = messages -> {
                topic.publish(messages);
                throw new IllegalStateException("the process died after sending");
            };
            commitBoth(writer(diesAfterSending, SETTINGS, OutboxWriter.AfterCommit.NONE));
            OutboxRelay relayToTheTopic = new OutboxRelay(topic, store, clock, Duration.ofDays(7), GRACE,
                    pause -> clock.advance(pause));

            relayToTheTopic.relay(ContainerLayout.RESERVATIONS, feedAsCommitted());

            assertThat(topic.sentCount()).isEqualTo(4);
            assertThat(topic.droppedDuplicates()).extracting(OutgoingMessage::messageId)
                    .containsExactly(requested.eventId().toString(), cancelled.eventId().toString());
            assertThat(topic.acceptedMessages()).extracting(OutgoingMessage::messageId)
                    .containsExactly(requested.eventId().toString(), cancelled.eventId().toString());
        } finally {
            topic.close();
        }
    }

    @Test
    void theRelayNeverWaitsLongerThanTheGraceWhateverTheWritersClockSaid() {
        clock.advance(Duration.ofHours(1));
        OutboxWriter aheadAndCrashing = writer(writerTopic, SETTINGS, (name, docs) -> {
            throw new IllegalStateException("the process died");
        });
        assertThatThrownBy(() -> commitBoth(aheadAndCrashing)).isInstanceOf(IllegalStateException.class);
        clock.set(NOW);

        relay.relay(ContainerLayout.RESERVATIONS, feedAsCommitted());

        assertThat(pauses.stream().reduce(Duration.ZERO, Duration::plus)).isEqualTo(GRACE);
        assertThat(relayTopic.messageIds()).hasSize(2);
    }

    @Test
    void withoutDirectPublishEveryEventIsTheRelaysAtOnce() {
        commitBoth(writer(writerTopic, new OutboxSettings(Duration.ofDays(7), false, GRACE),
                OutboxWriter.AfterCommit.NONE));
        assertThat(writerTopic.batches).isEmpty();
        assertThat(asCommitted).isEmpty();
        List<ObjectNode> unmarked = outboxDocuments();
        assertThat(unmarked).hasSize(2).noneMatch(doc -> doc.has(OutboxWriter.RELAY_AFTER));
        ArrayNode feed = EventCodec.json().createArrayNode();
        unmarked.forEach(feed::add);

        relay.relay(ContainerLayout.RESERVATIONS, feed.toString());

        assertThat(relayTopic.messageIds()).hasSize(2);
        assertThat(pauses).isEmpty();
    }
}
