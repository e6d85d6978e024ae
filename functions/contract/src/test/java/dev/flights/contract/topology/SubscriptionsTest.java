package dev.flights.contract.topology;

import static dev.flights.contract.events.EventType.NotificationDeliveryDue;
import static dev.flights.contract.events.EventType.PaymentApproved;
import static dev.flights.contract.events.EventType.PaymentDeclined;
import static dev.flights.contract.events.EventType.PaymentDeferred;
import static dev.flights.contract.events.EventType.PaymentRefunded;
import static dev.flights.contract.events.EventType.PaymentRetryDue;
import static dev.flights.contract.events.EventType.RefundRetryDue;
import static dev.flights.contract.events.EventType.ReservationCancelled;
import static dev.flights.contract.events.EventType.ReservationConfirmed;
import static dev.flights.contract.events.EventType.ReservationRejected;
import static dev.flights.contract.events.EventType.ReservationRequested;
import static dev.flights.contract.events.EventType.TicketIssued;
import static dev.flights.contract.events.EventType.TicketVoided;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.flights.contract.events.EventType;
import java.util.EnumSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SubscriptionsTest {

    private final Subscriptions subscriptions = Subscriptions.load();

    @Test
    void theTopicIsReservationEvents() {
        assertThat(subscriptions.topic()).isEqualTo("reservation-events");
    }

    @Test
    void everySubscriptionDeadLettersAfterTenDeliveries() {
        assertThat(subscriptions.maxDeliveryCount()).isEqualTo(10);
    }

    @Test
    void thereIsOneSubscriptionPerConsumingApp() {
        assertThat(subscriptions.filters()).containsOnlyKeys("reserve", "pay", "issue-ticket", "notify");
    }

    @Test
    void aSubscriptionsSqlFilterTakesItsTypesOrWhatIsAddressedToItAlone() {
        assertThat(subscriptions.sqlFilter("issue-ticket")).isEqualTo(
                "sys.To = 'issue-ticket' OR (sys.To IS NULL AND type IN ('ReservationCancelled', 'ReservationConfirmed'))");
    }

    @Test
    void thereIsNoSqlFilterForAnUnknownSubscription() {
        assertThatThrownBy(() -> subscriptions.sqlFilter("billing"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("billing");
    }

    @Test
    void reserveTakesThePaymentAndTicketEvents() {
        assertThat(subscriptions.filters().get("reserve")).containsExactlyInAnyOrder(
                PaymentApproved, PaymentDeclined, PaymentDeferred, PaymentRefunded, TicketIssued, TicketVoided);
    }

    @Test
    void payTakesRequestedAndCancelledReservationsAndItsOwnRetryNotes() {
        assertThat(subscriptions.filters().get("pay")).containsExactlyInAnyOrder(
                ReservationRequested, ReservationCancelled, PaymentRetryDue, RefundRetryDue);
    }

    @Test
    void issueTicketTakesConfirmedAndCancelledReservations() {
        assertThat(subscriptions.filters().get("issue-ticket")).containsExactlyInAnyOrder(
                ReservationConfirmed, ReservationCancelled);
    }

    @Test
    void notifyTakesEveryEventOfTheDesignAndItsOwnDeliveryNoteButNotPaysRetryNotes() {
        Set<EventType> notifyEvents = EnumSet.complementOf(EnumSet.of(PaymentRetryDue, RefundRetryDue));

        assertThat(subscriptions.filters().get("notify")).containsExactlyInAnyOrderElementsOf(notifyEvents);
    }

    @Test
    void paysRetryNoteGoesToPayOnly() {
        subscriptions.filters().forEach((name, types) ->
                assertThat(types.contains(PaymentRetryDue) || types.contains(RefundRetryDue)).as(name)
                        .isEqualTo(name.equals("pay")));
    }

    @Test
    void notifysDeliveryNoteGoesToNotifyOnly() {
        subscriptions.filters().forEach((name, types) ->
                assertThat(types.contains(NotificationDeliveryDue)).as(name).isEqualTo(name.equals("notify")));
    }

    @Test
    void everyEventTypeHasAtLeastOneSubscriber() {
        for (EventType type : EventType.values()) {
            assertThat(subscriptions.filters().values().stream().anyMatch(types -> types.contains(type)))
                    .as("%s has a subscriber", type).isTrue();
        }
    }
}
