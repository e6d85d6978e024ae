/**
 * Real HTTP on localhost: the HTTP triggers under /api, like {@code func start}, behind an emulation of App Service
 * Authentication (dev sign-in under /.auth, the principal headers), and the local admin routes.
 */
package dev.flights.localhost.http;
