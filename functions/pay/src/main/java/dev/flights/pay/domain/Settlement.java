package dev.flights.pay.domain;

import dev.flights.contract.events.PaymentEvent;
import java.util.List;

/**
 * What a decision about a reservation's payment stores, all together or not at all: the payment, the account when
 * the decision moved its balance or rests on it ({@code null} when the account is not involved), and the events.
 */
public record Settlement(Payment payment, Account account, List<PaymentEvent> events) {

    public Settlement {
        events = List.copyOf(events);
    }
}
