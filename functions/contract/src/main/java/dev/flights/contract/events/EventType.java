package dev.flights.contract.events;

import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/** The {@code type} of a CloudEvent on the topic, and the record that is its data. */
public enum EventType {
    ReservationRequested(ReservationRequested.class),
    ReservationConfirmed(ReservationConfirmed.class),
    ReservationRejected(ReservationRejected.class),
    ReservationCancelled(ReservationCancelled.class),
    PaymentApproved(PaymentApproved.class),
    PaymentDeclined(PaymentDeclined.class),
    PaymentDeferred(PaymentDeferred.class),
    PaymentRefunded(PaymentRefunded.class),
    PaymentRetryDue(PaymentRetryDue.class),
    RefundRetryDue(RefundRetryDue.class),
    TicketIssued(TicketIssued.class),
    TicketVoided(TicketVoided.class),
    NotificationDeliveryDue(NotificationDeliveryDue.class);

    private final Class<? extends SagaEvent> recordType;

    EventType(Class<? extends SagaEvent> recordType) {
        this.recordType = recordType;
    }

    public Class<? extends SagaEvent> recordType() {
        return recordType;
    }

    public static EventType of(SagaEvent event) {
        return valueOf(event.getClass().getSimpleName());
    }

    public static Optional<EventType> named(String name) {
        return Optional.ofNullable(name == null ? null : BY_NAME.get(name));
    }

    private static final Map<String, EventType> BY_NAME =
            Arrays.stream(values()).collect(Collectors.toUnmodifiableMap(EventType::name, t -> t));
}
