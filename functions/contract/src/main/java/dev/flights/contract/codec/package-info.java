/** CloudEvents 1.0 JSON for the saga events: the one place that knows their wire form. */
package dev.flights.contract.codec;
