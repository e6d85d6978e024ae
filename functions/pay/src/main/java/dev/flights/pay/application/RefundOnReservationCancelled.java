package dev.flights.pay.application;

import dev.flights.contract.events.RefundRetryDue;
import dev.flights.contract.events.ReservationCancelled;
import dev.flights.pay.domain.Account;
import dev.flights.pay.domain.CancellationRequest;
import dev.flights.platform.correlation.Correlation;
import dev.flights.platform.messaging.EventPublisher;
import dev.flights.platform.messaging.OutgoingMessage;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * F7, F8: a cancelled reservation that was charged is refunded, exactly once; one cancelled before pay charged it
 * gets a tombstone so that no later request or retry charges it. Like the charge, this goes through the circuit:
 * while pay's store is unavailable pay schedules itself a {@link RefundRetryDue} instead of letting the message
 * burn its deliveries into the dead-letter queue, which would leave a later retry free to charge a cancelled
 * reservation.
 */
@Component
public class RefundOnReservationCancelled implements Consumer<CancellationRequest> {

    private static final Logger log = LoggerFactory.getLogger(RefundOnReservationCancelled.class);

    private final Accounts accounts;
    private final PaymentCircuit circuit;
    private final EventPublisher publisher;
    private final PaymentSettings settings;
    private final Clock clock;

    public RefundOnReservationCancelled(Accounts accounts, PaymentCircuit circuit, EventPublisher publisher,
            PaymentSettings settings, Clock clock) {
        this.accounts = accounts;
        this.circuit = circuit;
        this.publisher = publisher;
        this.settings = settings;
        this.clock = clock;
    }

    public void on(ReservationCancelled event) {
        accept(CancellationRequest.of(event));
    }

    public void on(RefundRetryDue event) {
        accept(CancellationRequest.of(event));
    }

    @Override
    public void accept(CancellationRequest request) {
        circuit.settleOrElse(() -> settle(request), e -> retryLater(request, e));
    }

    private Void settle(CancellationRequest request) {
        var payment = accounts.payment(request.userId(), request.reservationId());
        var found = accounts.account(request.userId());
        Account account = found.map(Accounts.Found::value).orElseGet(() -> Account.open(request.userId()));
        var settlement = account.cancel(request.reservationId(), request.flightId(),
                payment.map(Accounts.Found::value), clock.instant());
        if (settlement.isEmpty()) {
            log.info("cancelled reservation {} has a {} payment; nothing to refund", request.reservationId(),
                    payment.map(p -> p.value().status()).orElse(null));
            return null;
        }
        accounts.record(settlement.get(), found.map(Accounts.Found::etag).orElse(null),
                payment.map(Accounts.Found::etag).orElse(null));
        log.debug("cancelled reservation {}: payment {}", request.reservationId(), settlement.get().payment().status());
        return null;
    }

    private void retryLater(CancellationRequest request, RuntimeException cause) {
        Instant now = clock.instant();
        Instant retryAt = request.retryAt(now, settings.retry().delay());
        publisher.publish(List.of(OutgoingMessage.of(request.retryDue(now), PayOnReservationRequested.SOURCE,
                Correlation.current()).scheduledAt(retryAt)));
        log.warn("settling the cancellation of reservation {} deferred to {} (attempt {}): {}",
                request.reservationId(), retryAt, request.attempt(), cause.getMessage());
    }
}
