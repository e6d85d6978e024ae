/**
 * What HTTP-triggered functions share: JSON bodies, RFC 9457 problem responses that name the field and the rule,
 * and the mapping of failures to 4xx and 503 so that no input produces a 500.
 */
package dev.flights.platform.http;
