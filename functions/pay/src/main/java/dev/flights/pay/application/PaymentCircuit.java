package dev.flights.pay.application;

import dev.flights.platform.store.OptimisticRetry;
import dev.flights.platform.store.StoreUnavailableException;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.internal.CircuitBreakerStateMachine;
import java.time.Clock;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * N3: the circuit breaker in front of the store on the charge path. Only an unavailable store counts as a failure
 * (a lost ETag race or a declined payment is the store working). While open it refuses calls with
 * {@link io.github.resilience4j.circuitbreaker.CallNotPermittedException} without touching the store; after the
 * open duration it lets trial calls through and closes again when they succeed. The open duration is measured on
 * the app's {@link Clock}, so a host that runs the app on another clock (the simulation's virtual one) moves it too.
 */
@Component
public class PaymentCircuit {

    private static final Logger log = LoggerFactory.getLogger(PaymentCircuit.class);

    private final CircuitBreaker breaker;

    public PaymentCircuit(PaymentSettings settings, Clock clock) {
        PaymentSettings.Circuit circuit = settings.circuit();
        CircuitBreakerConfig config = CircuitBreakerConfig.custom()
                .slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
                .slidingWindowSize(circuit.windowSize())
                .minimumNumberOfCalls(circuit.minimumCalls())
                .failureRateThreshold(circuit.failureRateThreshold())
                .waitDurationInOpenState(circuit.openDuration())
                .permittedNumberOfCallsInHalfOpenState(circuit.halfOpenCalls())
                .recordExceptions(StoreUnavailableException.class)
                .build();
        this.breaker = new CircuitBreakerStateMachine("pay-store", config, clock);
        breaker.getEventPublisher().onStateTransition(event -> log.warn("payment circuit {} -> {}",
                event.getStateTransition().getFromState(), event.getStateTransition().getToState()));
    }

    public <T> T call(Supplier<T> storeWork) {
        return breaker.executeSupplier(storeWork);
    }

    /**
     * Runs a read-modify-write of the store through the breaker (again on a lost ETag race); when the store is
     * unavailable or the circuit open, hands the reason to {@code unavailable} instead, which schedules a retry.
     */
    public void settleOrElse(Supplier<?> readModifyWrite, Consumer<RuntimeException> unavailable) {
        try {
            call(() -> OptimisticRetry.run(readModifyWrite));
        } catch (StoreUnavailableException | CallNotPermittedException e) {
            unavailable.accept(e);
        }
    }

    public CircuitBreaker.State state() {
        return breaker.getState();
    }

    /** Closed and empty again, as after the app's process started: for a host that restarts the app in place. */
    public void reset() {
        breaker.reset();
    }
}
