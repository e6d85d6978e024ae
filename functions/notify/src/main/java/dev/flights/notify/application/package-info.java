/**
 * notify's reactions and query: they talk to the Notifications store, the NotificationChannel ports (best effort)
 * and the Webhook port (tracked, retried on the topic), and to the typed webhook settings.
 */
package dev.flights.notify.application;
