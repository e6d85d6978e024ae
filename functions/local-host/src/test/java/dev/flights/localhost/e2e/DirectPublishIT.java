package dev.flights.localhost.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.flights.localhost.LocalHostRuntime;
import dev.flights.platform.messaging.OutgoingMessage;
import dev.flights.platform.outbox.Outbox;
import dev.flights.platform.store.ContainerLayout;
import dev.flights.platform.store.DocumentContainer;
import dev.flights.platform.store.DocumentQuery;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * Every app publishes its outbox right after the commit; the change-feed relay is the safety net. A process that
 * dies between the commit and the publish loses nothing (the relay sends the event after its grace) and doubles
 * nothing (money, tickets, notifications, the list); with the direct publish working the relay sends no copy. The
 * events ride in the state documents (embedded outbox); a sent entry is removed, so none is left at the end.
 */
class DirectPublishIT {

    private static final List<String> WRITING_APPS = List.of("reserve", "pay", "issue-ticket");
    private static final List<String> OUTBOX_CONTAINERS = List.of(ContainerLayout.RESERVATIONS,
            ContainerLayout.ACCOUNTS, ContainerLayout.TICKETS);
    private static final List<String> NOTIFIED = List.of("ReservationRequested", "PaymentApproved",
            "ReservationConfirmed", "TicketIssued");

    private final LocalHostRuntime host = SharedLocalHost.get();
    private final Api api = new Api(host.baseUri());

    private record Booking(String customer, String reservationId) {
    }

    @Test
    void aProcessThatDiesBetweenTheCommitAndThePublishLosesNothingAndDoublesNothing() {
        host.crashAfterOutboxCommit("pay", 2);
        host.crashAfterOutboxCommit("issue-ticket", 2);
        List<Booking> bookings = book(3);
        // reserve's POSTs have committed and published; its next outbox commits are in its topic consumer
        host.crashAfterOutboxCommit("reserve", 2);

        for (Booking booking : bookings) {
            api.awaitStatus(booking.reservationId(), "TICKETED");
        }
        host.awaitQuiet(Duration.ofSeconds(30));

        for (String app : WRITING_APPS) {
            assertThat(host.outboxCrashesArmed(app)).as("crashes left in %s", app).isZero();
        }
        assertNothingDoubled(bookings);
        // the crashed writers never published what they committed (their redelivered messages change nothing, so
        // nothing is published again): every event still reached the topic once, so the relay sent those, and
        // nothing is left in any outbox
        assertThat(outboxOf(bookings)).as("outbox entries left").isEmpty();
        assertThat(host.deadLetters()).noneMatch(letter -> bookings.stream()
                .anyMatch(b -> letter.toString().contains(b.reservationId())));
    }

    @Test
    void withTheDirectPublishWorkingTheRelaySendsNoCopy() {
        List<Booking> bookings = book(4);
        for (Booking booking : bookings) {
            api.awaitStatus(booking.reservationId(), "TICKETED");
        }
        host.awaitQuiet(Duration.ofSeconds(30));

        assertNothingDoubled(bookings);
        assertThat(outboxOf(bookings)).as("outbox entries left").isEmpty();
        List<String> sessions = bookings.stream().map(Booking::reservationId).toList();
        List<OutgoingMessage> copies = host.topic().droppedDuplicates().stream()
                .filter(m -> sessions.contains(m.sessionId())).toList();
        assertThat(copies).as("copies the topic dropped").isEmpty();
    }

    private List<Booking> book(int count) {
        List<Booking> bookings = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String customer = Api.newCustomer();
            api.deposit(customer, 500);
            bookings.add(new Booking(customer, api.reserve(customer, "KE" + (700 + i))));
        }
        return bookings;
    }

    /** One charge, one ticket, one notification of each step, one list item per reservation. */
    private void assertNothingDoubled(List<Booking> bookings) {
        for (Booking booking : bookings) {
            JsonNode reservation = api.reservation(booking.reservationId());
            assertThat(api.balance(booking.customer())).isEqualTo(500 - reservation.path("price").asLong());
            assertThat(host.store().container(ContainerLayout.TICKETS)
                    .query(booking.reservationId(), DocumentQuery.where("docType", "ticket"))).hasSize(1);
            assertThat(Api.await(() -> api.notifications(booking.customer()), n -> n.size() >= NOTIFIED.size(),
                    "the notifications of " + booking.reservationId())).extracting(n -> n.path("type").asText())
                    .containsExactlyInAnyOrderElementsOf(NOTIFIED);
            assertThat(api.list(booking.customer())).singleElement()
                    .satisfies(item -> assertThat(item.path("status").asText()).isEqualTo("TICKETED"));
            Map<String, Long> accepted = new TreeMap<>();
            host.topic().acceptedMessages().stream().filter(m -> m.sessionId().equals(booking.reservationId()))
                    .forEach(m -> accepted.merge(m.type(), 1L, Long::sum));
            assertThat(accepted).containsEntry("ReservationRequested", 1L).containsEntry("PaymentApproved", 1L)
                    .containsEntry("ReservationConfirmed", 1L).containsEntry("TicketIssued", 1L);
        }
    }

    /** The outbox messages still held (unsent or parked) by the bookings' state documents or outbox documents. */
    private List<ObjectNode> outboxOf(List<Booking> bookings) {
        List<ObjectNode> outbox = new ArrayList<>();
        for (String container : OUTBOX_CONTAINERS) {
            for (Booking booking : bookings) {
                String partition = container.equals(ContainerLayout.ACCOUNTS) ? booking.customer()
                        : booking.reservationId();
                DocumentContainer documents = host.store().container(container);
                outbox.addAll(Outbox.messagesIn(documents.readChanges(null, Integer.MAX_VALUE).documents().stream()
                        .filter(doc -> doc.path(documents.partitionKeyField()).asText().equals(partition))
                        .filter(doc -> !Outbox.DOC_TYPE.equals(doc.path("docType").asText())
                                || !Outbox.RELAYED.equals(doc.path(Outbox.STATUS).asText()))
                        .toList()));
            }
        }
        return outbox;
    }
}
