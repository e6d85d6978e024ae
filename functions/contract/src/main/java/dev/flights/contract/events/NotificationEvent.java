package dev.flights.contract.events;

/** Emitted by notify: only its notes to itself, as it tells customers of events without emitting any of its own. */
public sealed interface NotificationEvent extends SagaEvent permits NotificationDeliveryDue {
}
