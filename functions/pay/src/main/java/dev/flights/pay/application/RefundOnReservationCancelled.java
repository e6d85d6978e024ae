package dev.flights.pay.application;

import dev.flights.contract.events.ReservationCancelled;
import dev.flights.pay.domain.Account;
import dev.flights.platform.store.OptimisticRetry;
import java.time.Clock;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * F7, F8: a cancelled reservation that was charged is refunded, exactly once; one cancelled before pay charged it
 * gets a tombstone so that no later request or retry charges it. An unavailable store is not handled here: the
 * exception abandons the message and the topic delivers it again, in order.
 */
@Component
public class RefundOnReservationCancelled implements Consumer<ReservationCancelled> {

    private static final Logger log = LoggerFactory.getLogger(RefundOnReservationCancelled.class);

    private final Accounts accounts;
    private final Clock clock;

    public RefundOnReservationCancelled(Accounts accounts, Clock clock) {
        this.accounts = accounts;
        this.clock = clock;
    }

    @Override
    public void accept(ReservationCancelled event) {
        on(event);
    }

    public void on(ReservationCancelled event) {
        OptimisticRetry.run(() -> {
            var payment = accounts.payment(event.userId(), event.reservationId());
            var found = accounts.account(event.userId());
            Account account = found.map(Accounts.Found::value).orElseGet(() -> Account.open(event.userId()));
            var settlement = account.cancel(event.reservationId(), event.flightId(),
                    payment.map(Accounts.Found::value), clock.instant());
            if (settlement.isEmpty()) {
                log.info("cancelled reservation {} has a {} payment; nothing to refund", event.reservationId(),
                        payment.map(p -> p.value().status()).orElse(null));
                return null;
            }
            accounts.record(settlement.get(), found.map(Accounts.Found::etag).orElse(null),
                    payment.map(Accounts.Found::etag).orElse(null));
            log.info("cancelled reservation {}: payment {}", event.reservationId(), settlement.get().payment().status());
            return null;
        });
    }
}
