/** What a notification is and what it says for each event: pure Java, no framework. */
package dev.flights.notify.domain;
