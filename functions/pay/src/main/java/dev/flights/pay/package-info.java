/** pay: owns the customers' accounts (balances) and their payments; emits the Payment* events. */
package dev.flights.pay;
