/**
 * What a notification is, what it says for each event in each language, and how its webhook delivery stands and is
 * retried: pure Java, no framework.
 */
package dev.flights.notify.domain;
