package dev.flights.platform.inprocess;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flights.contract.events.EventType;
import dev.flights.contract.topology.Subscriptions;
import dev.flights.platform.deadletters.DeadLetterSelection;
import dev.flights.platform.deadletters.DeadLetteredMessage;
import dev.flights.platform.deadletters.Resubmission;
import dev.flights.platform.deadletters.ResubmissionIds;
import dev.flights.platform.messaging.OutgoingMessage;
import dev.flights.platform.messaging.ReceivedMessage;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class InProcessDeadLetterQueueTest {

    private final Subscriptions contract = Subscriptions.load();
    private final InProcessTopic topic = new InProcessTopic(
            new Subscriptions(contract.topic(), 2, contract.filters()),
            new TopicSettings(4, Duration.ofMillis(50), Duration.ofMinutes(10)), Clock.systemUTC());
    private final InProcessDeadLetterQueue deadLetters = new InProcessDeadLetterQueue(topic);
    private final AtomicBoolean payBroken = new AtomicBoolean(true);
    private final List<ReceivedMessage> payHandled = Collections.synchronizedList(new ArrayList<>());
    private final List<ReceivedMessage> notifyHandled = Collections.synchronizedList(new ArrayList<>());

    @AfterEach
    void close() {
        topic.close();
    }

    private void subscribeAll() {
        topic.subscribe("pay", m -> {
            if (payBroken.get()) {
                throw new IllegalStateException("403 forbidden on accounts");
            }
            payHandled.add(m);
        });
        topic.subscribe("notify", notifyHandled::add);
    }

    private OutgoingMessage deadLetteredInPay(String reservation) {
        OutgoingMessage message = new OutgoingMessage(UUID.randomUUID().toString(), reservation,
                EventType.ReservationRequested.name(), "corr-" + reservation, "{\"r\":\"" + reservation + "\"}", null);
        int before = topic.deadLetters("pay").size();
        topic.publish(List.of(message));
        Eventually.await("dead-lettered in pay", () -> topic.deadLetters("pay").size() == before + 1);
        return message;
    }

    @Test
    void listsTheDeadLettersWithReasonDescriptionSessionAndSequenceNumber() {
        subscribeAll();
        OutgoingMessage poison = deadLetteredInPay("r1");

        List<DeadLetteredMessage> listed = deadLetters.list("pay", null, 100);

        assertThat(listed).singleElement().satisfies(entry -> {
            assertThat(entry.sequenceNumber()).isEqualTo(1);
            assertThat(entry.messageId()).isEqualTo(poison.messageId());
            assertThat(entry.sessionId()).isEqualTo("r1");
            assertThat(entry.type()).isEqualTo("ReservationRequested");
            assertThat(entry.correlationId()).isEqualTo("corr-r1");
            assertThat(entry.reason()).isEqualTo("MaxDeliveryCountExceeded");
            assertThat(entry.description()).isEqualTo("java.lang.IllegalStateException: 403 forbidden on accounts");
            assertThat(entry.deliveryCount()).isEqualTo(2);
            assertThat(entry.enqueuedAt()).isNotNull();
            assertThat(entry.body()).isEqualTo(poison.body());
        });
        assertThat(deadLetters.list("notify", null, 100)).isEmpty();
        assertThat(topic.deadLetters("pay")).as("listing takes nothing away").hasSize(1);
    }

    @Test
    void listsAPageFromASequenceNumber() {
        subscribeAll();
        for (int i = 1; i <= 3; i++) {
            deadLetteredInPay("r" + i);
        }

        assertThat(deadLetters.list("pay", 2L, 1)).extracting(DeadLetteredMessage::sessionId).containsExactly("r2");
        assertThat(deadLetters.list("pay", 2L, 100)).extracting(DeadLetteredMessage::sequenceNumber)
                .containsExactly(2L, 3L);
    }

    @Test
    void aResubmittedDeadLetterReachesOnlyItsSubscriptionUnderANewIdAndLeavesTheQueue() {
        subscribeAll();
        OutgoingMessage poison = deadLetteredInPay("r1");
        Eventually.await("notify handled the original", () -> notifyHandled.size() == 1 && topic.isIdle());
        payBroken.set(false);

        Resubmission done = deadLetters.resubmit("pay", DeadLetterSelection.of(List.of(1L, 7L)));

        String copyId = ResubmissionIds.of("pay", poison.messageId(), 1);
        assertThat(done.resubmitted()).singleElement().satisfies(r -> {
            assertThat(r.sequenceNumber()).isEqualTo(1);
            assertThat(r.messageId()).isEqualTo(poison.messageId());
            assertThat(r.resubmittedAs()).isEqualTo(copyId).isNotEqualTo(poison.messageId());
        });
        assertThat(done.notFound()).containsExactly(7L);
        assertThat(done.failed()).isEmpty();
        Eventually.await("pay handled the copy", () -> payHandled.size() == 1 && topic.isIdle());
        ReceivedMessage copy = payHandled.get(0);
        assertThat(copy.messageId()).isEqualTo(copyId);
        assertThat(copy.sessionId()).isEqualTo("r1");
        assertThat(copy.type()).isEqualTo("ReservationRequested");
        assertThat(copy.correlationId()).isEqualTo("corr-r1");
        assertThat(copy.body()).isEqualTo(poison.body());
        assertThat(notifyHandled).as("notify does not see the copy").hasSize(1);
        assertThat(topic.deadLetters("pay")).isEmpty();
        assertThat(topic.acceptedMessages()).filteredOn(m -> m.messageId().equals(copyId)).singleElement()
                .satisfies(m -> assertThat(m.to()).isEqualTo("pay"));
    }

    @Test
    void theSameDeadLetterResubmittedTwiceIsDroppedTheSecondTimeByDuplicateDetection() {
        subscribeAll();
        OutgoingMessage poison = deadLetteredInPay("r1");
        payBroken.set(false);
        deadLetters.resubmit("pay", DeadLetterSelection.of(List.of(1L)));
        Eventually.await("pay handled the copy", () -> payHandled.size() == 1 && topic.isIdle());

        // what a second resubmission of the same dead letter sends when its removal failed the first time
        topic.publish(List.of(new OutgoingMessage(poison.messageId(), "r1", "ReservationRequested", "corr-r1",
                poison.body(), null).addressedTo("pay", ResubmissionIds.of("pay", poison.messageId(), 1))));

        Eventually.await("the topic is idle", topic::isIdle);
        assertThat(payHandled).hasSize(1);
        assertThat(topic.acceptedMessages()).filteredOn(m -> m.sessionId().equals("r1")).hasSize(2);
    }

    @Test
    void resubmittingAllTakesEveryDeadLetterInOrderAndAnAlreadyEmptyQueueResubmitsNothing() {
        subscribeAll();
        deadLetteredInPay("r1");
        deadLetteredInPay("r2");
        payBroken.set(false);

        Resubmission done = deadLetters.resubmit("pay", DeadLetterSelection.everything());

        assertThat(done.resubmitted()).extracting(Resubmission.Resubmitted::sessionId).containsExactly("r1", "r2");
        assertThat(done.more()).isFalse();
        Eventually.await("pay handled both copies", () -> payHandled.size() == 2 && topic.isIdle());
        assertThat(deadLetters.resubmit("pay", DeadLetterSelection.everything()).resubmitted()).isEmpty();
    }

    @Test
    void aCopyThatDeadLettersAgainComesBackUnderANewSequenceNumberAndANewId() {
        subscribeAll();
        OutgoingMessage poison = deadLetteredInPay("r1");

        Resubmission first = deadLetters.resubmit("pay", DeadLetterSelection.of(List.of(1L)));
        Eventually.await("the copy failed again", () -> topic.deadLetters("pay").size() == 1);

        DeadLetteredMessage again = deadLetters.list("pay", null, 100).get(0);
        assertThat(again.sequenceNumber()).isEqualTo(2);
        assertThat(again.messageId()).isEqualTo(first.resubmitted().get(0).resubmittedAs());
        assertThat(ResubmissionIds.of("pay", again.messageId(), 2)).isNotEqualTo(again.messageId())
                .isNotEqualTo(poison.messageId());
    }
}
