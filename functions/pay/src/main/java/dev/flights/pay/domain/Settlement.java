package dev.flights.pay.domain;

import dev.flights.contract.events.PaymentEvent;
import java.util.List;

/**
 * What a decision about a reservation's payment stores, all together or not at all: the payment, the account when
 * the decision moved its balance or rests on it ({@code null} when the account is not involved), the statement line
 * when the balance moved ({@code null} otherwise) and the events.
 */
public record Settlement(Payment payment, Account account, Movement movement, List<PaymentEvent> events) {

    public Settlement {
        events = List.copyOf(events);
        if (movement != null && (account == null || movement.sequence() != account.version())) {
            throw new IllegalArgumentException("a statement line goes with the account version it produced");
        }
    }

    /** A decision that moved no money. */
    public Settlement(Payment payment, Account account, List<PaymentEvent> events) {
        this(payment, account, null, events);
    }
}
