package dev.flights.view;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.flights.contract.FlightId;
import dev.flights.contract.Money;
import dev.flights.contract.ReservationStatus;
import dev.flights.contract.UserId;
import dev.flights.contract.codec.EventCodec;
import dev.flights.view.domain.ReservationView;
import java.time.Instant;
import java.util.UUID;

/**
 * Versions of one reservation as reserve stores them: {@code aReservation().by("ew").version(3, "TICKETED")},
 * as the view's record or as the document reserve's change feed hands over.
 */
public final class ReservationVersions {

    public static final Instant NOON = Instant.parse("2025-06-01T12:00:00Z");

    private final UUID reservationId;
    private final String userId;
    private final Instant createdAt;
    private final long version;
    private final String status;

    private ReservationVersions(UUID reservationId, String userId, Instant createdAt, long version, String status) {
        this.reservationId = reservationId;
        this.userId = userId;
        this.createdAt = createdAt;
        this.version = version;
        this.status = status;
    }

    public static ReservationVersions aReservation() {
        return new ReservationVersions(UUID.randomUUID(), "ew", NOON, 1, "REQUESTED");
    }

    public ReservationVersions by(String user) {
        return new ReservationVersions(reservationId, user, createdAt, version, status);
    }

    public ReservationVersions createdAt(Instant time) {
        return new ReservationVersions(reservationId, userId, time, version, status);
    }

    public ReservationVersions version(long number, String newStatus) {
        return new ReservationVersions(reservationId, userId, createdAt, number, newStatus);
    }

    public UUID id() {
        return reservationId;
    }

    private String ticketNumber() {
        return "TICKETED".equals(status) ? "TK-0123456789" : null;
    }

    private Instant updatedAt() {
        return createdAt.plusSeconds(version);
    }

    public ReservationView view() {
        return new ReservationView(reservationId, new UserId(userId), new FlightId("KE123"),
                ReservationStatus.valueOf(status), Money.of(100), ticketNumber(), false, null, createdAt, updatedAt(),
                version);
    }

    /** The document as it is in reserve's reservations container. */
    public ObjectNode document() {
        ObjectNode doc = EventCodec.json().createObjectNode();
        doc.put("id", reservationId.toString());
        doc.put("reservationId", reservationId.toString());
        doc.put("docType", "reservation");
        doc.put("userId", userId);
        doc.put("flightId", "KE123");
        doc.put("price", 100);
        doc.put("status", status);
        doc.put("ticketNumber", ticketNumber());
        doc.put("ticketVoided", false);
        doc.put("refunded", false);
        doc.putNull("paymentRetryAt");
        doc.put("createdAt", createdAt.toString());
        doc.put("updatedAt", updatedAt().toString());
        doc.put("version", version);
        doc.put("_etag", "\"" + UUID.randomUUID() + "\"");
        return doc;
    }

    /** An outbox document of this reservation, which shares the container. */
    public ObjectNode outboxDocument() {
        ObjectNode doc = EventCodec.json().createObjectNode();
        doc.put("id", "outbox-" + UUID.randomUUID());
        doc.put("docType", "outbox");
        doc.put("reservationId", reservationId.toString());
        doc.put("type", "ReservationRequested");
        doc.put("body", "{}");
        return doc;
    }

    /** The JSON array the Cosmos DB trigger hands over. */
    public static String changes(ObjectNode... documents) {
        ArrayNode array = EventCodec.json().createArrayNode();
        for (ObjectNode doc : documents) {
            array.add(doc);
        }
        return array.toString();
    }
}
