package dev.flights.pay.application;

import dev.flights.contract.events.PaymentRetryDue;
import dev.flights.contract.events.ReservationRequested;
import dev.flights.pay.domain.Account;
import dev.flights.pay.domain.PaymentOutcome;
import dev.flights.pay.domain.PaymentRequest;
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
 * F2, F4, F5: pays for a requested reservation, or for a deferred one when its retry is due. Idempotent: a
 * reservation that has a payment already is left alone. N2, N3: when the store fails, or the circuit is open, the
 * payment is deferred; the deferral goes straight to the topic (the store is what fails) and pay schedules itself
 * a retry there, so the message is completed and nothing is lost.
 */
@Component
public class PayOnReservationRequested implements Consumer<PaymentRequest> {

    static final String SOURCE = "/apps/pay";
    private static final Logger log = LoggerFactory.getLogger(PayOnReservationRequested.class);

    private final Accounts accounts;
    private final PaymentCircuit circuit;
    private final EventPublisher publisher;
    private final PaymentSettings settings;
    private final Clock clock;

    public PayOnReservationRequested(Accounts accounts, PaymentCircuit circuit, EventPublisher publisher,
            PaymentSettings settings, Clock clock) {
        this.accounts = accounts;
        this.circuit = circuit;
        this.publisher = publisher;
        this.settings = settings;
        this.clock = clock;
    }

    public void on(ReservationRequested event) {
        accept(PaymentRequest.of(event));
    }

    public void on(PaymentRetryDue event) {
        accept(PaymentRequest.of(event));
    }

    @Override
    public void accept(PaymentRequest request) {
        circuit.settleOrElse(() -> settle(request), e -> defer(request, e));
    }

    private Void settle(PaymentRequest request) {
        var payment = accounts.payment(request.userId(), request.reservationId());
        var found = accounts.account(request.userId());
        Account account = found.map(Accounts.Found::value).orElseGet(() -> Account.open(request.userId()));
        var outcome = account.pay(request, payment.map(Accounts.Found::value), clock.instant());
        if (outcome.isEmpty()) {
            log.info("reservation {} already has a {} payment; attempt {} changes nothing", request.reservationId(),
                    payment.map(p -> p.value().status()).orElse(null), request.attempt());
            return null;
        }
        accounts.record(outcome.get().settlement(), found.map(Accounts.Found::etag).orElse(null), null);
        if (outcome.get() instanceof PaymentOutcome.Approved approved) {
            log.debug("reservation {} paid {} by {}, balance {}", request.reservationId(), request.price(),
                    request.userId(), approved.account().balance());
        } else {
            log.debug("reservation {} declined: {} has {}, price {}", request.reservationId(), request.userId(),
                    account.balance(), request.price());
        }
        return null;
    }

    private void defer(PaymentRequest request, RuntimeException cause) {
        Instant now = clock.instant();
        Instant retryAt = request.retryAt(now, settings.retry().delay());
        PaymentRequest.Deferral deferral = request.defer(retryAt, now);
        String correlationId = Correlation.current();
        publisher.publish(List.of(
                OutgoingMessage.of(deferral.deferred(), SOURCE, correlationId),
                OutgoingMessage.of(deferral.retryDue(), SOURCE, correlationId).scheduledAt(retryAt)));
        log.warn("payment of reservation {} deferred to {} (attempt {}): {}", request.reservationId(), retryAt,
                request.attempt(), cause.getMessage());
    }
}
