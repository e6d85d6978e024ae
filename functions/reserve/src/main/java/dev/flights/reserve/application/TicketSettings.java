package dev.flights.reserve.application;

import dev.flights.contract.Money;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/** F3: the price of a ticket, setting {@code TICKET_PRICE}. */
@ConfigurationProperties("ticket")
public record TicketSettings(@DefaultValue("100") long price) {

    public TicketSettings {
        if (price <= 0) {
            throw new IllegalArgumentException("TICKET_PRICE must be positive, was " + price);
        }
    }

    public Money ticketPrice() {
        return Money.of(price);
    }
}
