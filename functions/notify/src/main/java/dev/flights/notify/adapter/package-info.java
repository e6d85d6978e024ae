/** notify's adapters: the notifications container and the log channel. */
package dev.flights.notify.adapter;
