/** pay's adapter to the document store: accounts, their payments and their outbox in the accounts container. */
package dev.flights.pay.adapter;
