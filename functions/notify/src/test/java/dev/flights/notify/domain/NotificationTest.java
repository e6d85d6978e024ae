package dev.flights.notify.domain;

import static dev.flights.notify.SagaEvents.NOON;
import static dev.flights.notify.SagaEvents.aReservation;
import static org.assertj.core.api.Assertions.assertThat;

import dev.flights.contract.events.EventType;
import dev.flights.contract.events.SagaEvent;
import dev.flights.notify.SagaEvents;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class NotificationTest {

    private final SagaEvents reservation = aReservation().by("ew");

    @Test
    void tellsTheAmountAndTheBalanceOfAnApprovedPayment() {
        assertThat(message(reservation.paymentApproved(100, 50)))
                .isEqualTo("Payment of 100 approved for reservation " + reservation.id() + "; balance 50.");
    }

    @Test
    void tellsWhyAPaymentWasDeclinedInWordsAndWhatIsLeft() {
        assertThat(message(reservation.paymentDeclined(20)))
                .isEqualTo("Payment for reservation " + reservation.id() + " declined: insufficient balance; balance 20.");
    }

    @Test
    void tellsWhenADeferredPaymentIsTriedAgain() {
        assertThat(message(reservation.paymentDeferred(NOON.plusSeconds(30))))
                .contains("pending").contains("2025-06-01T12:00:30Z");
    }

    @Test
    void tellsTheRefundedAmountAndTheNewBalance() {
        assertThat(message(reservation.paymentRefunded(100, 150)))
                .isEqualTo("Refund of 100 for reservation " + reservation.id() + "; balance 150.");
    }

    @Test
    void namesTheTicketAndTheFlightOfAnIssuedTicket() {
        assertThat(message(reservation.ticketIssued("TK-0123456789")))
                .isEqualTo("Ticket TK-0123456789 issued for reservation " + reservation.id() + " on flight KE123.");
    }

    @Test
    void saysEveryCustomerFacingEventInItsOwnSentenceAboutItsReservation() {
        List<SagaEvent> events = reservation.everyCustomerFacingEvent();

        List<String> messages = events.stream().map(NotificationTest::message).toList();

        assertThat(events).extracting(SagaEvent::type).doesNotHaveDuplicates()
                .hasSize(EventType.values().length - 3); // all but pay's two retry notes and notify's delivery note
        assertThat(messages).doesNotHaveDuplicates()
                .allSatisfy(m -> assertThat(m).contains(reservation.id().toString()).endsWith("."));
    }

    @Test
    void keepsTheEventsIdentityCustomerTimeAndCorrelation() {
        SagaEvent confirmed = reservation.confirmed();

        Notification notification = Notification.about(confirmed, "corr-7").orElseThrow();

        assertThat(notification.eventId()).isEqualTo(confirmed.eventId());
        assertThat(notification.userId().value()).isEqualTo("ew");
        assertThat(notification.reservationId()).isEqualTo(reservation.id());
        assertThat(notification.type()).isEqualTo(EventType.ReservationConfirmed);
        assertThat(notification.occurredAt()).isEqualTo(NOON);
        assertThat(notification.correlationId()).isEqualTo("corr-7");
    }

    @Test
    void tellsTheCustomerNothingOfTheAppsNotesToThemselves() {
        assertThat(Notification.about(reservation.paymentRetryDue(), "corr-1")).isEmpty();
        assertThat(Notification.about(reservation.refundRetryDue(), "corr-1")).isEmpty();
        assertThat(Notification.about(reservation.deliveryDue(UUID.randomUUID(), 2), "corr-1")).isEmpty();
    }

    @Test
    void saysEveryCustomerFacingEventInKoreanTooWithTheSameReservation() {
        List<Notification> notifications = reservation.everyCustomerFacingEvent().stream()
                .map(e -> Notification.about(e, "corr-1").orElseThrow()).toList();

        assertThat(notifications).extracting(n -> n.message(Language.KO)).doesNotHaveDuplicates()
                .allSatisfy(m -> assertThat(m).contains(reservation.id().toString()).endsWith(".")
                        .containsPattern("\\p{IsHangul}"));
        assertThat(notifications).allSatisfy(n -> assertThat(n.message(Language.KO)).isNotEqualTo(n.message()));
    }

    @Test
    void tellsTheAmountAndTheBalanceOfAnApprovedPaymentInKorean() {
        assertThat(Notification.about(reservation.paymentApproved(100, 50), "corr-1").orElseThrow()
                .message(Language.KO))
                .isEqualTo("예약(" + reservation.id() + ")의 결제 100이 승인되었습니다. 잔액: 50.");
    }

    @Test
    void tellsWhyAPaymentWasDeclinedInKoreanWords() {
        assertThat(Notification.about(reservation.paymentDeclined(20), "corr-1").orElseThrow()
                .message(Language.KO)).contains("잔액 부족").contains("잔액: 20");
    }

    @Test
    void aNewNotificationHasNoWebhookDeliveryUntilOneIsSet() {
        assertThat(Notification.about(reservation.confirmed(), "corr-1").orElseThrow().webhook())
                .isEqualTo(WebhookDelivery.OFF);
    }

    private static String message(SagaEvent event) {
        return Notification.about(event, "corr-1").orElseThrow().message();
    }
}
