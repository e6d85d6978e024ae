package dev.flights.contract.codec;

import dev.flights.contract.events.SagaEvent;

/** A decoded event with the envelope attributes a consumer needs besides the data. */
public record ReceivedEvent(SagaEvent event, String source, String correlationId) {
}
