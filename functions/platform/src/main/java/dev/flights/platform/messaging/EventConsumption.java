package dev.flights.platform.messaging;

import dev.flights.contract.codec.EventCodec;
import dev.flights.contract.codec.ReceivedEvent;
import dev.flights.platform.correlation.Correlation;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What every topic-triggered function does first: decode the CloudEvent and put its correlation id in the MDC.
 * A message that does not decode throws {@link dev.flights.contract.codec.MalformedEventException}; the
 * trigger then abandons it and the topic dead-letters it after the retry budget.
 */
public final class EventConsumption {

    private static final Logger log = LoggerFactory.getLogger(EventConsumption.class);

    private EventConsumption() {
    }

    public static ReceivedEvent receive(String subscription, String body) {
        ReceivedEvent received = EventCodec.decode(body);
        Correlation.set(received.correlationId());
        log.debug("{} received {} {} of reservation {}", subscription, received.event().type(),
                received.event().eventId(), received.event().reservationId());
        return received;
    }
}
