package dev.flights.contract.events;

/** Emitted by pay, which owns the balances. */
public sealed interface PaymentEvent extends SagaEvent
        permits PaymentApproved, PaymentDeclined, PaymentDeferred, PaymentRefunded, PaymentRetryDue,
        RefundRetryDue {
}
