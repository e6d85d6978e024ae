/** notify's reaction and query; they talk to the Notifications store and the NotificationChannel ports. */
package dev.flights.notify.application;
