package dev.flights.platform.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.flights.contract.Money;
import dev.flights.contract.UserId;
import dev.flights.contract.codec.EventCodec;
import dev.flights.contract.codec.MalformedEventException;
import dev.flights.contract.events.PaymentApproved;
import dev.flights.platform.store.DocumentNotFoundException;
import dev.flights.platform.store.PreconditionFailedException;
import dev.flights.platform.store.StoreUnavailableException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class DeferringConsumerTest {

    private static final Instant NOW = Instant.parse("2026-03-01T10:00:00Z");
    private static final UUID RESERVATION = UUID.fromString("7d1f3c9e-5b0a-4e39-8f7c-2a6b4d8e9f10");
    private static final PaymentApproved APPROVED = new PaymentApproved(
            UUID.fromString("0b6a3c58-43f2-4c7e-9a51-0d1c3a0c2f11"), NOW, RESERVATION, new UserId("ew"),
            Money.of(100), Money.of(50));
    private static final String BODY = EventCodec.encode(APPROVED, "/apps/pay", "corr-1");

    private final List<OutgoingMessage> sent = new ArrayList<>();
    private final DeferringConsumer consumer = new DeferringConsumer(sent::addAll,
            new MessageRetrySettings(Duration.ofSeconds(5), Duration.ofMinutes(5)), Clock.fixed(NOW, ZoneOffset.UTC));

    @Test
    void handsTheDecodedEventToTheReactionAndSendsNothingWhenItSucceeds() {
        List<Object> seen = new ArrayList<>();

        consumer.consume("reserve", APPROVED.eventId().toString(), BODY, received -> seen.add(received.event()));

        assertThat(seen).containsExactly(APPROVED);
        assertThat(sent).isEmpty();
    }

    @Test
    void onAnUnavailableStoreSendsTheSubscriptionTheSameMessageLaterInTheSameSessionAndCompletesTheOriginal() {
        consumer.consume("reserve", APPROVED.eventId().toString(), BODY, received -> {
            throw new StoreUnavailableException("503");
        });

        assertThat(sent).singleElement().satisfies(copy -> {
            assertThat(copy.to()).isEqualTo("reserve");
            assertThat(copy.messageId()).isEqualTo(APPROVED.eventId() + ":reserve:retry-1");
            assertThat(copy.sessionId()).isEqualTo(RESERVATION.toString());
            assertThat(copy.type()).isEqualTo("PaymentApproved");
            assertThat(copy.correlationId()).isEqualTo("corr-1");
            assertThat(copy.body()).isEqualTo(BODY);
            assertThat(copy.scheduledEnqueueTime()).isEqualTo(NOW.plusSeconds(5));
        });
    }

    @Test
    void aCopyThatFailsAgainSendsTheNextAttemptLaterStill() {
        consumer.consume("reserve", APPROVED.eventId() + ":reserve:retry-3", BODY, received -> {
            throw new PreconditionFailedException("lost every race");
        });

        assertThat(sent).singleElement().satisfies(copy -> {
            assertThat(copy.messageId()).isEqualTo(APPROVED.eventId() + ":reserve:retry-4");
            assertThat(copy.scheduledEnqueueTime()).isEqualTo(NOW.plusSeconds(40));
        });
    }

    @Test
    void aRedeliveredAttemptSendsTheVerySameCopySoDuplicateDetectionKeepsOne() {
        for (int delivery = 0; delivery < 2; delivery++) {
            consumer.consume("notify", APPROVED.eventId().toString(), BODY, received -> {
                throw new StoreUnavailableException("503");
            });
        }

        assertThat(sent).hasSize(2);
        assertThat(sent.get(0)).isEqualTo(sent.get(1));
    }

    @Test
    void anIdHandedOverAsJsonTextIsReadWithoutItsQuotes() {
        consumer.consume("reserve", "\"" + APPROVED.eventId() + ":reserve:retry-1\"", BODY, received -> {
            throw new StoreUnavailableException("503");
        });

        assertThat(sent).singleElement().extracting(OutgoingMessage::messageId)
                .isEqualTo(APPROVED.eventId() + ":reserve:retry-2");
    }

    @Test
    void aFailureTimeDoesNotCureGoesBackToTheTopicToBeRedeliveredAndDeadLettered() {
        assertThatThrownBy(() -> consumer.consume("reserve", "m-1", BODY, received -> {
            throw new IllegalStateException("a bug");
        })).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> consumer.consume("reserve", "m-1", BODY, received -> {
            throw new DocumentNotFoundException("gone");
        })).isInstanceOf(DocumentNotFoundException.class);
        assertThatThrownBy(() -> consumer.consume("reserve", "m-1", "{\"hello\":1}", received -> { }))
                .isInstanceOf(MalformedEventException.class);

        assertThat(sent).isEmpty();
    }

    @Test
    void whenTheCopyCannotBeSentTheOriginalFailsSoItIsRedelivered() {
        DeferringConsumer topicDown = new DeferringConsumer(messages -> {
            throw new IllegalStateException("topic unreachable");
        }, MessageRetrySettings.defaults(), Clock.fixed(NOW, ZoneOffset.UTC));

        assertThatThrownBy(() -> topicDown.consume("reserve", "m-1", BODY, received -> {
            throw new StoreUnavailableException("503");
        })).isInstanceOf(IllegalStateException.class).hasMessage("topic unreachable")
                .satisfies(e -> assertThat(e.getSuppressed()[0]).isInstanceOf(StoreUnavailableException.class));
    }

    @Test
    void aStoreFailureWrappedInAnotherExceptionIsStillTransient() {
        assertThat(TransientFailures.isTransient(new RuntimeException(new StoreUnavailableException("429")))).isTrue();
        assertThat(TransientFailures.isTransient(new RuntimeException("no"))).isFalse();
    }
}
