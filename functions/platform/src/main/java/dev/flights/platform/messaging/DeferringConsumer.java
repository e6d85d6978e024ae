package dev.flights.platform.messaging;

import dev.flights.contract.codec.ReceivedEvent;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What every topic-triggered function does with its message: decode it ({@link EventConsumption}), react, and when
 * the reaction fails on something time cures ({@link TransientFailures}) send the subscription a copy of the message
 * scheduled later, in the same session, and complete the original by returning. Service Bus would otherwise bring the
 * message back at once, ten times within seconds, and then dead-letter a saga event during a short store outage.
 * The copy has the very same body (same CloudEvent, same event id), so the reaction stays idempotent; its message id
 * says which attempt it is ({@link RetryAttempt}). When the copy cannot be sent the function throws and Service Bus
 * redelivers the original, so the message is never lost in between. Any other failure throws as before.
 */
public final class DeferringConsumer {

    private static final Logger log = LoggerFactory.getLogger(DeferringConsumer.class);

    private final EventPublisher publisher;
    private final MessageRetrySettings settings;
    private final Clock clock;

    public DeferringConsumer(EventPublisher publisher, MessageRetrySettings settings, Clock clock) {
        this.publisher = publisher;
        this.settings = settings;
        this.clock = clock;
    }

    /**
     * @param messageId the Service Bus message id (trigger metadata {@code MessageId}); null takes the event id
     */
    public void consume(String subscription, String messageId, String body, Consumer<ReceivedEvent> reaction) {
        ReceivedEvent received = EventConsumption.receive(subscription, body);
        try {
            reaction.accept(received);
        } catch (RuntimeException failure) {
            if (!TransientFailures.isTransient(failure)) {
                throw failure;
            }
            String id = messageId != null ? unquoted(messageId) : received.event().eventId().toString();
            defer(RetryAttempt.of(id, subscription).next(), received, body, failure);
        }
    }

    /**
     * A host that hands trigger metadata over as JSON text would quote the id; read as it is, the next attempt would
     * never be recognised and its copy would carry an id duplicate detection drops.
     */
    private static String unquoted(String messageId) {
        return messageId.length() >= 2 && messageId.startsWith("\"") && messageId.endsWith("\"")
                ? messageId.substring(1, messageId.length() - 1) : messageId;
    }

    private void defer(RetryAttempt next, ReceivedEvent received, String body, RuntimeException failure) {
        Duration delay = next.delay(settings.firstDelay(), settings.maxDelay());
        Instant due = clock.instant().plus(delay);
        OutgoingMessage copy = new OutgoingMessage(next.messageId(), received.event().reservationId().toString(),
                received.event().type().name(), received.correlationId(), body, due, next.subscription());
        try {
            publisher.publish(List.of(copy));
        } catch (RuntimeException sendFailure) {
            sendFailure.addSuppressed(failure);
            throw sendFailure;
        }
        log.warn("{}: {} {} of reservation {} failed on {}; attempt {} comes back in {} as {}", next.subscription(),
                received.event().type(), received.event().eventId(), received.event().reservationId(), failure,
                next.attempt(), delay, next.messageId());
    }
}
