package dev.flights.pay.domain;

import dev.flights.contract.events.PaymentApproved;
import dev.flights.contract.events.PaymentDeclined;
import java.util.List;

/** What charging a reservation came to: approved (F4) or declined (F5). A decline is a result, not an error. */
public sealed interface PaymentOutcome permits PaymentOutcome.Approved, PaymentOutcome.Declined {

    Settlement settlement();

    /** The balance went down by the price. */
    record Approved(Account account, Payment payment, PaymentApproved event) implements PaymentOutcome {

        @Override
        public Settlement settlement() {
            return new Settlement(payment, account, Movement.of(account, MovementType.CHARGE, payment.amount(),
                    event.occurredAt(), payment.reservationId()), List.of(event));
        }
    }

    /**
     * The balance was below the price; nothing moved. The account is kept in the settlement when it is stored, so
     * the decline is written against the balance it was decided on (a deposit in between makes it decide again).
     */
    record Declined(Account account, Payment payment, PaymentDeclined event) implements PaymentOutcome {

        @Override
        public Settlement settlement() {
            return new Settlement(payment, account.stored() ? account : null, List.of(event));
        }
    }
}
