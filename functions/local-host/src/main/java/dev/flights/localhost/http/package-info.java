/** Real HTTP on localhost: the HTTP triggers under /api, like {@code func start}, and the local admin routes. */
package dev.flights.localhost.http;
