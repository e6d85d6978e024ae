package dev.flights.ticket;

import dev.flights.contract.FlightId;
import dev.flights.contract.UserId;
import dev.flights.contract.events.ReservationCancelled;
import dev.flights.contract.events.ReservationConfirmed;
import java.time.Instant;
import java.util.UUID;

/** Reserve's events about one reservation: {@code aReservation().by("ew").confirmed()}. */
public final class ReservationEvents {

    public static final Instant NOON = Instant.parse("2025-06-01T12:00:00Z");

    private final UUID reservationId;
    private final String userId;
    private final String flightId;

    private ReservationEvents(UUID reservationId, String userId, String flightId) {
        this.reservationId = reservationId;
        this.userId = userId;
        this.flightId = flightId;
    }

    public static ReservationEvents aReservation() {
        return new ReservationEvents(UUID.randomUUID(), "ew", "KE123");
    }

    public ReservationEvents withId(UUID id) {
        return new ReservationEvents(id, userId, flightId);
    }

    public ReservationEvents by(String user) {
        return new ReservationEvents(reservationId, user, flightId);
    }

    public UUID id() {
        return reservationId;
    }

    public ReservationConfirmed confirmed() {
        return new ReservationConfirmed(derived("ReservationConfirmed"), NOON, reservationId, new UserId(userId),
                new FlightId(flightId));
    }

    public ReservationCancelled cancelled() {
        return new ReservationCancelled(derived("ReservationCancelled"), NOON.plusSeconds(60), reservationId,
                new UserId(userId), new FlightId(flightId));
    }

    private UUID derived(String type) {
        return UUID.nameUUIDFromBytes((reservationId + "|" + type).getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }
}
