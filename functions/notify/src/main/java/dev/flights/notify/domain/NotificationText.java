package dev.flights.notify.domain;

import dev.flights.contract.events.DeclineReason;
import dev.flights.contract.events.EventType;
import dev.flights.contract.events.PaymentApproved;
import dev.flights.contract.events.PaymentDeclined;
import dev.flights.contract.events.PaymentDeferred;
import dev.flights.contract.events.PaymentRefunded;
import dev.flights.contract.events.ReservationCancelled;
import dev.flights.contract.events.ReservationConfirmed;
import dev.flights.contract.events.ReservationRejected;
import dev.flights.contract.events.ReservationRequested;
import dev.flights.contract.events.SagaEvent;
import dev.flights.contract.events.TicketIssued;
import dev.flights.contract.events.TicketVoided;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A readable sentence in every {@link Language} for each event the customer hears of, with its figures. Each event
 * type has one template per language; the templates of a type share its figures, numbered ({@code %1$s}) so each
 * language can put them in its own order. Events without templates (the apps' notes to themselves) are not told.
 */
final class NotificationText {

    /** The figures of one event, in the order its templates number them. */
    private interface Figures<E extends SagaEvent> {
        Object[] of(E event, Language language);
    }

    private record Template<E extends SagaEvent>(Class<E> eventClass, Figures<E> figures,
            Map<Language, String> texts) {

        String render(SagaEvent event, Language language) {
            return String.format(Locale.ROOT, texts.get(language), figures.of(eventClass.cast(event), language));
        }
    }

    private static final Map<EventType, Template<?>> TEMPLATES = new EnumMap<>(EventType.class);

    static {
        template(EventType.ReservationRequested, ReservationRequested.class,
                (e, l) -> figures(e.reservationId(), e.flightId(), e.price()),
                "Reservation %1$s for flight %2$s requested; price %3$s.",
                "항공편 %2$s 예약(%1$s)이 접수되었습니다. 가격: %3$s.");
        template(EventType.ReservationConfirmed, ReservationConfirmed.class,
                (e, l) -> figures(e.reservationId(), e.flightId()),
                "Reservation %1$s for flight %2$s confirmed.",
                "항공편 %2$s 예약(%1$s)이 확정되었습니다.");
        template(EventType.ReservationRejected, ReservationRejected.class,
                (e, l) -> figures(e.reservationId(), readable(e.reason(), l)),
                "Reservation %1$s rejected: %2$s.",
                "예약(%1$s)이 거절되었습니다. 사유: %2$s.");
        template(EventType.ReservationCancelled, ReservationCancelled.class,
                (e, l) -> figures(e.reservationId(), e.flightId()),
                "Reservation %1$s for flight %2$s cancelled.",
                "항공편 %2$s 예약(%1$s)이 취소되었습니다.");
        template(EventType.PaymentApproved, PaymentApproved.class,
                (e, l) -> figures(e.amount(), e.reservationId(), e.balance()),
                "Payment of %1$s approved for reservation %2$s; balance %3$s.",
                "예약(%2$s)의 결제 %1$s이 승인되었습니다. 잔액: %3$s.");
        template(EventType.PaymentDeclined, PaymentDeclined.class,
                (e, l) -> figures(e.reservationId(), readable(e.reason(), l), e.balance()),
                "Payment for reservation %1$s declined: %2$s; balance %3$s.",
                "예약(%1$s)의 결제가 거절되었습니다. 사유: %2$s, 잔액: %3$s.");
        template(EventType.PaymentDeferred, PaymentDeferred.class,
                (e, l) -> figures(e.reservationId(), e.retryAt()),
                "Payment for reservation %1$s is pending; it will be tried again at %2$s.",
                "예약(%1$s)의 결제가 보류되었습니다. %2$s에 다시 시도합니다.");
        template(EventType.PaymentRefunded, PaymentRefunded.class,
                (e, l) -> figures(e.amount(), e.reservationId(), e.balance()),
                "Refund of %1$s for reservation %2$s; balance %3$s.",
                "예약(%2$s)의 %1$s이 환불되었습니다. 잔액: %3$s.");
        template(EventType.TicketIssued, TicketIssued.class,
                (e, l) -> figures(e.ticketNumber(), e.reservationId(), e.flightId()),
                "Ticket %1$s issued for reservation %2$s on flight %3$s.",
                "항공편 %3$s 예약(%2$s)의 항공권 %1$s이 발급되었습니다.");
        template(EventType.TicketVoided, TicketVoided.class,
                (e, l) -> figures(e.ticketNumber(), e.reservationId()),
                "Ticket %1$s of reservation %2$s voided.",
                "예약(%2$s)의 항공권 %1$s이 무효 처리되었습니다.");
    }

    private NotificationText() {
    }

    /** The sentence in every language, or empty for an event the customer is not told about. */
    static Optional<Map<Language, String>> of(SagaEvent event) {
        Template<?> template = TEMPLATES.get(event.type());
        if (template == null) {
            return Optional.empty();
        }
        Map<Language, String> messages = new EnumMap<>(Language.class);
        for (Language language : Language.values()) {
            messages.put(language, template.render(event, language));
        }
        return Optional.of(messages);
    }

    private static <E extends SagaEvent> void template(EventType type, Class<E> eventClass, Figures<E> figures,
            String english, String korean) {
        TEMPLATES.put(type, new Template<>(eventClass, figures, Map.of(Language.EN, english, Language.KO, korean)));
    }

    private static Object[] figures(Object... figures) {
        return figures;
    }

    private static String readable(DeclineReason reason, Language language) {
        if (language == Language.KO && reason == DeclineReason.INSUFFICIENT_BALANCE) {
            return "잔액 부족";
        }
        return reason.name().toLowerCase(Locale.ROOT).replace('_', ' ');
    }
}
