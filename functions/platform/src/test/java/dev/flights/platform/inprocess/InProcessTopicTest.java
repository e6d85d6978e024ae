package dev.flights.platform.inprocess;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.flights.contract.events.EventType;
import dev.flights.contract.topology.Subscriptions;
import dev.flights.platform.messaging.OutgoingMessage;
import dev.flights.platform.metering.Meter;
import dev.flights.platform.messaging.ReceivedMessage;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import dev.flights.platform.correlation.Correlation;

class InProcessTopicTest {

    private static final TopicSettings FAST = new TopicSettings(4, Duration.ofMillis(50), Duration.ofMinutes(10));

    private final List<InProcessTopic> opened = new ArrayList<>();

    @AfterEach
    void closeTopics() {
        opened.forEach(InProcessTopic::close);
    }

    private InProcessTopic topic() {
        return topic(Subscriptions.load());
    }

    private InProcessTopic topic(Subscriptions subscriptions) {
        return topic(subscriptions, FAST);
    }

    private InProcessTopic topic(Subscriptions subscriptions, TopicSettings settings) {
        InProcessTopic topic = new InProcessTopic(subscriptions, settings, Clock.systemUTC());
        opened.add(topic);
        return topic;
    }

    /** The contract's topology with another retry budget, so a long retry cannot dead-letter by accident. */
    private static Subscriptions withMaxDeliveryCount(int count) {
        Subscriptions contract = Subscriptions.load();
        return new Subscriptions(contract.topic(), count, contract.filters());
    }

    private static OutgoingMessage message(String session, EventType type) {
        return new OutgoingMessage(UUID.randomUUID().toString(), session, type.name(), "corr-" + session,
                "{\"n\":\"" + UUID.randomUUID() + "\"}", null);
    }

    /** Every delivery a subscription made, in the order the handler saw them. */
    private static final class Recorder implements InProcessTopic.Handler {
        final List<ReceivedMessage> deliveries = Collections.synchronizedList(new ArrayList<>());

        @Override
        public void handle(ReceivedMessage message) throws Exception {
            deliveries.add(message);
        }

        List<ReceivedMessage> snapshot() {
            synchronized (deliveries) {
                return List.copyOf(deliveries);
            }
        }

        List<String> ids() {
            return snapshot().stream().map(ReceivedMessage::messageId).toList();
        }

        int size() {
            return deliveries.size();
        }
    }

    @Test
    void theTopicIsNamedAfterTheContractAndHasItsSubscriptions() {
        InProcessTopic topic = topic();

        assertThat(topic.name()).isEqualTo("reservation-events");
        assertThat(topic.subscriptionNames()).containsExactlyInAnyOrder("reserve", "pay", "issue-ticket", "notify");
        assertThat(topic.accepts("pay", "ReservationRequested")).isTrue();
        assertThat(topic.accepts("pay", "TicketIssued")).isFalse();
        assertThat(topic.accepts("pay", "NoSuchType")).isFalse();
    }

    @Test
    void aSubscriptionGetsOnlyTheTypesInItsFilter() {
        InProcessTopic topic = topic();
        Recorder pay = new Recorder();
        Recorder issueTicket = new Recorder();
        Recorder notify = new Recorder();
        topic.subscribe("pay", pay);
        topic.subscribe("issue-ticket", issueTicket);
        topic.subscribe("notify", notify);
        OutgoingMessage requested = message("r1", EventType.ReservationRequested);
        OutgoingMessage approved = message("r1", EventType.PaymentApproved);
        OutgoingMessage confirmed = message("r1", EventType.ReservationConfirmed);
        OutgoingMessage issued = message("r1", EventType.TicketIssued);

        topic.publish(List.of(requested, approved, confirmed, issued));

        Eventually.await("notify got all four and the topic is idle", () -> notify.size() == 4 && topic.isIdle());
        assertThat(pay.ids()).containsExactly(requested.messageId());
        assertThat(issueTicket.ids()).containsExactly(confirmed.messageId());
        assertThat(notify.ids()).containsExactly(requested.messageId(), approved.messageId(), confirmed.messageId(),
                issued.messageId());
    }

    @Test
    void aMessageAddressedToOneSubscriptionReachesOnlyThatOneEvenWhenOthersTakeItsType() {
        InProcessTopic topic = topic();
        Recorder reserve = new Recorder();
        Recorder notify = new Recorder();
        topic.subscribe("reserve", reserve);
        topic.subscribe("notify", notify);
        OutgoingMessage approved = message("r1", EventType.PaymentApproved);
        OutgoingMessage copy = approved.addressedTo("reserve", approved.messageId() + ".retry-1");

        topic.publish(List.of(approved, copy));

        Eventually.await("reserve got both and the topic is idle", () -> reserve.size() == 2 && topic.isIdle());
        assertThat(reserve.ids()).containsExactly(approved.messageId(), copy.messageId());
        assertThat(notify.ids()).containsExactly(approved.messageId());
    }

    @Test
    void aMessageAddressedToNoSubscriptionOfTheTopicIsRefused() {
        InProcessTopic topic = topic();
        OutgoingMessage stray = message("r1", EventType.PaymentApproved).addressedTo("billing", "x-1");

        assertThatThrownBy(() -> topic.publish(List.of(stray)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("billing");
    }

    @Test
    void aDeliveredMessageCarriesWhatWasPublished() {
        InProcessTopic topic = topic();
        Recorder pay = new Recorder();
        topic.subscribe("pay", pay);
        OutgoingMessage sent = message("r1", EventType.ReservationRequested);

        topic.publish(List.of(sent));

        Eventually.await("pay got it", () -> pay.size() == 1);
        ReceivedMessage got = pay.snapshot().get(0);
        assertThat(got.messageId()).isEqualTo(sent.messageId());
        assertThat(got.sessionId()).isEqualTo("r1");
        assertThat(got.type()).isEqualTo("ReservationRequested");
        assertThat(got.correlationId()).isEqualTo(sent.correlationId());
        assertThat(got.body()).isEqualTo(sent.body());
        assertThat(got.deliveryCount()).isEqualTo(1);
    }

    @Test
    void aMessageWithAnIdAlreadySeenIsDropped() {
        InProcessTopic topic = topic();
        Recorder pay = new Recorder();
        Recorder notify = new Recorder();
        topic.subscribe("pay", pay);
        topic.subscribe("notify", notify);
        OutgoingMessage first = message("r1", EventType.ReservationRequested);
        OutgoingMessage sameId = new OutgoingMessage(first.messageId(), "r1", first.type(), "other", "{}", null);
        OutgoingMessage next = message("r1", EventType.ReservationRequested);

        topic.publish(List.of(first));
        topic.publish(List.of(sameId, next));

        Eventually.await("pay got the next one and the topic is idle", () -> pay.size() >= 2 && topic.isIdle());
        assertThat(pay.ids()).containsExactly(first.messageId(), next.messageId());
        assertThat(pay.snapshot().get(0).body()).isEqualTo(first.body());
        assertThat(notify.ids()).containsExactly(first.messageId(), next.messageId());
        assertThat(topic.acceptedMessages()).containsExactly(first, next);
    }

    @Test
    void aDuplicateInsideOneBatchIsDroppedToo() {
        InProcessTopic topic = topic();
        Recorder pay = new Recorder();
        topic.subscribe("pay", pay);
        OutgoingMessage first = message("r1", EventType.ReservationRequested);
        OutgoingMessage last = message("r1", EventType.ReservationCancelled);

        topic.publish(List.of(first, first, last));

        Eventually.await("pay got the last one and the topic is idle",
                () -> pay.ids().contains(last.messageId()) && topic.isIdle());
        assertThat(pay.ids()).containsExactly(first.messageId(), last.messageId());
    }

    @Test
    void anIdIsADuplicateForTheWindowAfterItWasSentAndNewAgainAfterIt() {
        SettableClock clock = new SettableClock(Instant.parse("2026-01-01T00:00:00Z"));
        InProcessTopic topic = new InProcessTopic(Subscriptions.load(), FAST, clock);
        opened.add(topic);
        Recorder pay = new Recorder();
        topic.subscribe("pay", pay);
        OutgoingMessage early = message("r1", EventType.ReservationRequested);
        OutgoingMessage later = message("r1", EventType.ReservationRequested);

        topic.publish(List.of(early));
        clock.now = clock.now.plus(Duration.ofMinutes(6));
        topic.publish(List.of(later));
        clock.now = clock.now.plus(Duration.ofMinutes(4));
        // ten minutes after the first was sent: still inside the window, both are duplicates
        topic.publish(List.of(early, later));
        clock.now = clock.now.plus(Duration.ofMillis(1));
        // the first one's window is over, the second's is not
        topic.publish(List.of(early, later));

        Eventually.await("pay got three messages and the topic is idle", () -> pay.size() >= 3 && topic.isIdle());
        assertThat(pay.ids()).containsExactly(early.messageId(), later.messageId(), early.messageId());
        // the id sent again is a duplicate for a whole window from its new sending
        clock.now = clock.now.plus(Duration.ofMinutes(9));
        topic.publish(List.of(early));
        assertThat(topic.acceptedMessages()).hasSize(3);
    }

    private static final class SettableClock extends Clock {
        volatile Instant now;

        SettableClock(Instant now) {
            this.now = now;
        }

        @Override
        public java.time.ZoneId getZone() {
            return java.time.ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    @Test
    void aBatchWithAnUnknownTypePublishesNothing() {
        InProcessTopic topic = topic();
        Recorder notify = new Recorder();
        topic.subscribe("notify", notify);
        OutgoingMessage good = message("r1", EventType.ReservationRequested);
        OutgoingMessage unknown = new OutgoingMessage(UUID.randomUUID().toString(), "r1", "FlightTeleported",
                "c", "{}", null);

        assertThatThrownBy(() -> topic.publish(List.of(good, unknown)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("FlightTeleported");

        assertThat(topic.acceptedMessages()).isEmpty();
        assertThat(topic.isIdle()).isTrue();
        // the refused batch left no trace in duplicate detection: the good message can still be sent
        topic.publish(List.of(good));
        Eventually.await("notify got the good message", () -> notify.size() == 1);
        assertThat(notify.ids()).containsExactly(good.messageId());
    }

    @Test
    void aBatchWithAMessageWithoutIdPublishesNothing() {
        InProcessTopic topic = topic();
        OutgoingMessage good = message("r1", EventType.ReservationRequested);
        OutgoingMessage noId = new OutgoingMessage(null, "r1", "ReservationConfirmed", "c", "{}", null);

        assertThatThrownBy(() -> topic.publish(List.of(good, noId))).isInstanceOf(IllegalArgumentException.class);

        assertThat(topic.acceptedMessages()).isEmpty();
    }

    @Test
    void messagesOfOneSessionAreDeliveredInOrderEvenWhenTheFirstFailsTwice() {
        InProcessTopic topic = topic();
        List<String> seen = Collections.synchronizedList(new ArrayList<>());
        AtomicInteger failuresLeft = new AtomicInteger(2);
        OutgoingMessage first = message("r1", EventType.ReservationRequested);
        OutgoingMessage second = message("r1", EventType.ReservationCancelled);
        topic.subscribe("pay", m -> {
            seen.add(m.messageId() + "#" + m.deliveryCount());
            if (m.messageId().equals(first.messageId()) && failuresLeft.getAndDecrement() > 0) {
                throw new IllegalStateException("pay is not ready yet");
            }
        });

        topic.publish(List.of(first, second));

        Eventually.await("the second message was handled", () -> seen.size() == 4 && topic.isIdle());
        assertThat(seen).containsExactly(first.messageId() + "#1", first.messageId() + "#2",
                first.messageId() + "#3", second.messageId() + "#1");
        assertThat(topic.deadLetters("pay")).isEmpty();
    }

    @Test
    void aSessionHasOneMessageInFlightAtATime() throws Exception {
        InProcessTopic topic = topic();
        AtomicInteger inFlight = new AtomicInteger();
        AtomicInteger mostInFlight = new AtomicInteger();
        Recorder pay = new Recorder();
        topic.subscribe("pay", m -> {
            mostInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
            Thread.sleep(2);
            pay.handle(m);
            inFlight.decrementAndGet();
        });
        List<OutgoingMessage> batch = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            batch.add(message("r1", i % 2 == 0 ? EventType.ReservationRequested : EventType.ReservationCancelled));
        }

        topic.publish(batch);

        Eventually.await("all twenty handled", () -> pay.size() == 20 && topic.isIdle());
        assertThat(mostInFlight.get()).isEqualTo(1);
        assertThat(pay.ids()).containsExactlyElementsOf(batch.stream().map(OutgoingMessage::messageId).toList());
    }

    @Test
    void anotherSessionKeepsFlowingWhileOneIsRetrying() {
        InProcessTopic topic = topic(withMaxDeliveryCount(100_000));
        AtomicBoolean stuckHealed = new AtomicBoolean();
        AtomicInteger stuckAttempts = new AtomicInteger();
        Recorder handled = new Recorder();
        OutgoingMessage stuck = message("stuck", EventType.ReservationRequested);
        OutgoingMessage afterStuck = message("stuck", EventType.ReservationCancelled);
        OutgoingMessage other = message("other", EventType.ReservationRequested);
        topic.subscribe("pay", m -> {
            if (m.messageId().equals(stuck.messageId())) {
                stuckAttempts.incrementAndGet();
                if (!stuckHealed.get()) {
                    throw new IllegalStateException("poisoned for now");
                }
            }
            handled.handle(m);
        });

        topic.publish(List.of(stuck, afterStuck));
        Eventually.await("the stuck message failed at least twice", () -> stuckAttempts.get() >= 2);
        topic.publish(List.of(other));

        Eventually.await("the other session's message was handled", () -> handled.ids().contains(other.messageId()));
        assertThat(handled.ids()).containsExactly(other.messageId());
        assertThat(topic.isIdle()).isFalse();

        stuckHealed.set(true);
        Eventually.await("the stuck session drained", () -> handled.size() == 3 && topic.isIdle());
        assertThat(handled.ids()).containsExactly(other.messageId(), stuck.messageId(), afterStuck.messageId());
    }

    @Test
    void everyCallAClientMakesIsCountedAsServiceBusBillsItSendsReceivesSettlementsAndSessionAccepts() {
        InProcessTopic topic = topic();
        Recorder notified = new Recorder();
        Recorder paid = new Recorder();
        AtomicBoolean failedOnce = new AtomicBoolean();
        topic.subscribe("notify", notified);
        topic.subscribe("pay", m -> {
            if (failedOnce.compareAndSet(false, true)) {
                throw new IllegalStateException("the first delivery fails");
            }
            paid.handle(m);
        });
        OutgoingMessage requested = message("r1", EventType.ReservationRequested);

        topic.publish(List.of(requested));
        topic.publish(List.of(requested));
        topic.publish(List.of(message("r2", EventType.PaymentRetryDue).scheduledAt(Instant.now().plusSeconds(60))));
        Eventually.await("both subscriptions settled it", () -> notified.size() == 1 && paid.size() == 1
                && topic.isIdle());

        Map<String, Meter.Reading> operations = topic.operations().snapshot();
        assertThat(operations).as("a duplicate the topic drops was sent all the same").containsEntry("topic send",
                new Meter.Reading(2, 2));
        assertThat(operations).containsEntry("topic schedule", new Meter.Reading(1, 1))
                .containsEntry("notify accept-session", new Meter.Reading(1, 1))
                .containsEntry("notify receive", new Meter.Reading(1, 1))
                .containsEntry("notify complete", new Meter.Reading(1, 1))
                .containsEntry("pay accept-session", new Meter.Reading(1, 1))
                .containsEntry("pay receive", new Meter.Reading(2, 2))
                .containsEntry("pay abandon", new Meter.Reading(1, 1))
                .containsEntry("pay complete", new Meter.Reading(1, 1))
                .doesNotContainKeys("issue-ticket receive", "reserve receive", "pay dead-lettered");
    }

    @Test
    void aMessageOverSixtyFourKilobytesIsOneOperationPerSixtyFourKilobytesStarted() {
        InProcessTopic topic = topic();
        String big = "x".repeat(65_536 + 1);

        topic.publish(List.of(new OutgoingMessage("big", "r1", EventType.ReservationRequested.name(), "c", big, null)));

        assertThat(topic.operations().snapshot()).containsEntry("topic send", new Meter.Reading(1, 2));
    }

    @Test
    void aDeadLetterIsTheBrokersDoingAndCostsTheClientNothingBeyondItsReceivesAndAbandons() {
        InProcessTopic topic = topic(withMaxDeliveryCount(3));
        topic.subscribe("pay", m -> {
            throw new IllegalStateException("poison");
        });

        topic.publish(List.of(message("r1", EventType.ReservationRequested)));
        Eventually.await("it was dead-lettered", () -> topic.deadLetters("pay").size() == 1 && topic.isIdle());

        assertThat(topic.operations().snapshot()).containsEntry("pay receive", new Meter.Reading(3, 3))
                .containsEntry("pay abandon", new Meter.Reading(3, 3))
                .containsEntry("pay dead-lettered", new Meter.Reading(1, 0))
                .doesNotContainKey("pay complete");
    }

    @Test
    void afterTheMaxDeliveryCountAMessageIsDeadLetteredWithTheReasonAndTheSessionGoesOn() {
        InProcessTopic topic = topic();
        AtomicInteger poisonDeliveries = new AtomicInteger();
        Recorder handled = new Recorder();
        OutgoingMessage poison = message("r1", EventType.ReservationRequested);
        OutgoingMessage next = message("r1", EventType.ReservationCancelled);
        topic.subscribe("pay", m -> {
            if (m.messageId().equals(poison.messageId())) {
                poisonDeliveries.incrementAndGet();
                throw new IllegalStateException("no account for user 42");
            }
            handled.handle(m);
        });

        topic.publish(List.of(poison, next));

        Eventually.await("the next message was handled", () -> handled.size() == 1 && topic.isIdle());
        assertThat(handled.ids()).containsExactly(next.messageId());
        assertThat(poisonDeliveries.get()).isEqualTo(10);
        List<DeadLetter> deadLetters = topic.deadLetters("pay");
        assertThat(deadLetters).hasSize(1);
        DeadLetter letter = deadLetters.get(0);
        assertThat(letter.subscription()).isEqualTo("pay");
        assertThat(letter.message().messageId()).isEqualTo(poison.messageId());
        assertThat(letter.message().deliveryCount()).isEqualTo(10);
        assertThat(letter.reason()).isEqualTo("MaxDeliveryCountExceeded");
        assertThat(letter.description()).isEqualTo("java.lang.IllegalStateException: no account for user 42");
        assertThat(letter.deadLetteredAt()).isNotNull();
        assertThat(topic.deadLetters("notify")).isEmpty();
    }

    @Test
    void aFailedMessageComesBackAtOnceInTheSlotThatHoldsItsSessionNotLater() {
        InProcessTopic topic = topic();
        List<String> threads = Collections.synchronizedList(new ArrayList<>());
        topic.subscribe("pay", m -> {
            threads.add(Thread.currentThread().getName() + "@" + Thread.currentThread().getId());
            throw new IllegalStateException("always");
        });

        topic.publish(List.of(message("r1", EventType.ReservationRequested)));

        Eventually.await("the message was dead-lettered", () -> topic.deadLetters("pay").size() == 1);
        // every redelivery ran in the same receive loop, none was handed to a timer
        assertThat(threads).hasSize(10).containsOnly(threads.get(0));
        assertThat(topic.scheduledCount()).isZero();
    }

    @Test
    void noMoreSessionsAreProcessedAtOnceThanMaxConcurrentSessions() throws Exception {
        InProcessTopic topic = topic(Subscriptions.load(), FAST.withMaxConcurrentSessions(2));
        AtomicInteger inFlight = new AtomicInteger();
        AtomicInteger mostInFlight = new AtomicInteger();
        CountDownLatch release = new CountDownLatch(1);
        Recorder pay = new Recorder();
        topic.subscribe("pay", m -> {
            mostInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
            if (!release.await(10, TimeUnit.SECONDS)) {
                throw new IllegalStateException("never released");
            }
            inFlight.decrementAndGet();
            pay.handle(m);
        });
        List<OutgoingMessage> batch = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            batch.add(message("r" + i, EventType.ReservationRequested));
        }

        topic.publish(batch);
        Eventually.await("two sessions are being processed", () -> inFlight.get() == 2);
        release.countDown();

        Eventually.await("all five handled", () -> pay.size() == 5 && topic.isIdle());
        assertThat(mostInFlight.get()).isEqualTo(2);
    }

    @Test
    void aSessionKeepsItsSlotForTheIdleTimeoutSoItsNextMessageOvertakesAnotherSessionWaitingForOne() {
        InProcessTopic topic = topic(Subscriptions.load(),
                FAST.withMaxConcurrentSessions(1).withSessionIdleTimeout(Duration.ofMillis(300)));
        Recorder pay = new Recorder();
        topic.subscribe("pay", pay);
        OutgoingMessage first = message("a", EventType.ReservationRequested);
        OutgoingMessage otherSession = message("b", EventType.ReservationRequested);
        OutgoingMessage second = message("a", EventType.ReservationCancelled);
        topic.publish(List.of(first));
        Eventually.await("the first message was handled", () -> pay.size() == 1);

        topic.publish(List.of(otherSession, second));

        Eventually.await("all three handled", () -> pay.size() == 3 && topic.isIdle());
        assertThat(pay.ids()).containsExactly(first.messageId(), second.messageId(), otherSession.messageId());
    }

    @Test
    void deadLettersAreNumberedFromOneInOrderAndOneCanBeTakenOutByItsNumber() {
        InProcessTopic topic = topic(withMaxDeliveryCount(1));
        OutgoingMessage first = message("r1", EventType.ReservationRequested);
        OutgoingMessage second = message("r2", EventType.ReservationRequested);
        topic.subscribe("pay", m -> {
            throw new IllegalStateException("bug in pay");
        });
        topic.publish(List.of(first));
        Eventually.await("the first was dead-lettered", () -> topic.deadLetters("pay").size() == 1);
        topic.publish(List.of(second));
        Eventually.await("the second was dead-lettered", () -> topic.deadLetters("pay").size() == 2);

        assertThat(topic.deadLettersBySequenceNumber("pay")).containsOnlyKeys(1L, 2L);
        assertThat(topic.deadLettersBySequenceNumber("pay").get(2L).message().messageId())
                .isEqualTo(second.messageId());
        assertThat(topic.removeDeadLetter("pay", 1L)).get()
                .satisfies(letter -> assertThat(letter.message().messageId()).isEqualTo(first.messageId()));
        assertThat(topic.removeDeadLetter("pay", 1L)).isEmpty();
        assertThat(topic.deadLettersBySequenceNumber("pay")).containsOnlyKeys(2L);
    }

    @Test
    void aHandlerThatThrowsAnErrorIsRetriedLikeAnyFailure() {
        InProcessTopic topic = topic();
        AtomicInteger attempts = new AtomicInteger();
        Recorder handled = new Recorder();
        topic.subscribe("pay", m -> {
            if (attempts.incrementAndGet() == 1) {
                throw new AssertionError("a crash that is not an Exception");
            }
            handled.handle(m);
        });

        topic.publish(List.of(message("r1", EventType.ReservationRequested)));

        Eventually.await("the message was handled on its second delivery", () -> handled.size() == 1 && topic.isIdle());
        assertThat(handled.snapshot().get(0).deliveryCount()).isEqualTo(2);
    }

    @Test
    void aPausedSubscriptionKeepsItsMessagesWaitingUntilItIsResumed() {
        InProcessTopic topic = topic();
        Recorder pay = new Recorder();
        Recorder notify = new Recorder();
        topic.subscribe("pay", pay);
        topic.subscribe("notify", notify);
        topic.pause("pay");
        OutgoingMessage first = message("r1", EventType.ReservationRequested);
        OutgoingMessage second = message("r2", EventType.ReservationRequested);

        topic.publish(List.of(first, second));

        Eventually.await("notify, which runs, got both", () -> notify.size() == 2 && topic.isIdle());
        assertThat(pay.size()).isZero();

        topic.resume("pay");

        Eventually.await("pay got both after resuming", () -> pay.size() == 2 && topic.isIdle());
        assertThat(pay.ids()).containsExactlyInAnyOrder(first.messageId(), second.messageId());
    }

    @Test
    void aSubscriptionWithoutAHandlerKeepsItsMessagesForTheHandlerThatComesLater() {
        InProcessTopic topic = topic();
        OutgoingMessage sent = message("r1", EventType.ReservationRequested);
        topic.publish(List.of(sent));
        Recorder pay = new Recorder();

        topic.subscribe("pay", pay);

        Eventually.await("pay got the message", () -> pay.size() == 1);
        assertThat(pay.ids()).containsExactly(sent.messageId());
    }

    @Test
    void aScheduledMessageIsNotDeliveredBeforeItsTime() {
        InProcessTopic topic = topic();
        Recorder pay = new Recorder();
        topic.subscribe("pay", pay);
        OutgoingMessage due = message("r1", EventType.PaymentRetryDue)
                .scheduledAt(Instant.now().plus(Duration.ofSeconds(3)));

        topic.publish(List.of(due));

        // read in this order: while the count is still 1 afterwards, the message was not enqueued when we looked
        boolean deliveredEarly = pay.size() > 0;
        int stillScheduled = topic.scheduledCount();
        assertThat(stillScheduled).isEqualTo(1);
        assertThat(deliveredEarly).isFalse();
        assertThat(topic.acceptedMessages()).containsExactly(due);

        Eventually.await("the scheduled message arrived", () -> pay.size() == 1);
        assertThat(pay.ids()).containsExactly(due.messageId());
        assertThat(topic.scheduledCount()).isZero();
    }

    @Test
    void aMessageScheduledInThePastIsDeliveredAtOnce() {
        InProcessTopic topic = topic();
        Recorder pay = new Recorder();
        topic.subscribe("pay", pay);

        topic.publish(List.of(message("r1", EventType.PaymentRetryDue).scheduledAt(Instant.now().minusSeconds(60))));

        assertThat(topic.scheduledCount()).isZero();
        Eventually.await("the message arrived", () -> pay.size() == 1);
    }

    @Test
    void redeliverBypassesDuplicateDetection() {
        InProcessTopic topic = topic();
        Recorder pay = new Recorder();
        Recorder notify = new Recorder();
        topic.subscribe("pay", pay);
        topic.subscribe("notify", notify);
        OutgoingMessage sent = message("r1", EventType.ReservationRequested);
        topic.publish(List.of(sent));
        Eventually.await("first delivery", () -> pay.size() == 1 && notify.size() == 1);

        topic.redeliver("pay", sent);

        Eventually.await("second delivery to pay", () -> pay.size() == 2 && topic.isIdle());
        assertThat(pay.ids()).containsExactly(sent.messageId(), sent.messageId());
        assertThat(notify.size()).isEqualTo(1);
        topic.publish(List.of(sent));
        Eventually.await("the topic is idle", topic::isIdle);
        assertThat(pay.size()).isEqualTo(2);
        assertThat(topic.acceptedMessages()).containsExactly(sent);
    }

    @Test
    void theTopicIsIdleOnlyAfterEveryMessageWasHandled() throws Exception {
        InProcessTopic topic = topic();
        CountDownLatch release = new CountDownLatch(1);
        Recorder pay = new Recorder();
        topic.subscribe("pay", m -> {
            if (!release.await(10, TimeUnit.SECONDS)) {
                throw new IllegalStateException("never released");
            }
            pay.handle(m);
        });
        List<OutgoingMessage> batch = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            batch.add(message("r" + (i % 3), EventType.ReservationRequested));
        }

        topic.publish(batch);

        assertThat(topic.isIdle()).isFalse();
        release.countDown();
        Eventually.await("the topic became idle", topic::isIdle);
        assertThat(pay.size()).isEqualTo(6);
    }

    @Test
    void theHandlerRunsWithTheMessagesCorrelationId() {
        InProcessTopic topic = topic();
        List<String> seen = Collections.synchronizedList(new ArrayList<>());
        topic.subscribe("pay", m -> seen.add(Correlation.current()));

        topic.publish(List.of(message("r7", EventType.ReservationRequested)));

        Eventually.await("handled", () -> seen.size() == 1);
        assertThat(seen).containsExactly("corr-r7");
    }

    @Test
    void aCustomTopologyRoutesByItsOwnFilters() {
        InProcessTopic topic = topic(new Subscriptions("t", 3,
                Map.of("only-tickets", Set.of(EventType.TicketIssued, EventType.TicketVoided))));
        Recorder tickets = new Recorder();
        topic.subscribe("only-tickets", tickets);
        OutgoingMessage issued = message("r1", EventType.TicketIssued);

        topic.publish(List.of(message("r1", EventType.ReservationRequested), issued));

        Eventually.await("idle after the ticket", () -> tickets.size() >= 1 && topic.isIdle());
        assertThat(tickets.ids()).containsExactly(issued.messageId());
        assertThat(topic.acceptedMessages()).hasSize(2);
    }

    @Test
    void anUnknownSubscriptionIsRefused() {
        InProcessTopic topic = topic();

        assertThatThrownBy(() -> topic.subscribe("billing", m -> { })).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("billing");
        assertThatThrownBy(() -> topic.deadLetters("billing")).isInstanceOf(IllegalArgumentException.class);
    }
}
