package dev.flights.pay.application;

import dev.flights.contract.Money;
import dev.flights.contract.UserId;

/** A customer puts money into their account. */
public record DepositCommand(UserId userId, Money amount) {
}
