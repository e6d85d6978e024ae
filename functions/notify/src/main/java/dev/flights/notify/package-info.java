/** notify: owns the notification feed; tells the customer of every step of the saga (F11, N5). */
package dev.flights.notify;
