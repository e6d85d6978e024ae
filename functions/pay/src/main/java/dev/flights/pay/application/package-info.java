/**
 * pay's use cases and reactions: deposit (once per idempotency key), read an account or its statement, pay for a
 * requested reservation (behind a circuit breaker, deferring when the store fails) and refund a cancelled one. They
 * talk to the {@link dev.flights.pay.application.Accounts} port.
 */
package dev.flights.pay.application;
