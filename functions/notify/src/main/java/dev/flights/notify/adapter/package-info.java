/**
 * notify's adapters: the notifications container, the log channel and the webhook channel (HTTP, HMAC-signed with a
 * timestamp, there only when NOTIFY_WEBHOOK_URL is set).
 */
package dev.flights.notify.adapter;
