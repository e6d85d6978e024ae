/**
 * Who is calling: the principal App Service Authentication puts in {@code X-MS-CLIENT-PRINCIPAL*} or, with
 * {@code FLIGHTS_AUTH=entra-token}, the caller's Entra token validated here, mapped to the customer's {@code UserId}
 * and roles, and the checks every HTTP function makes with it (401, 403, the admin role).
 */
package dev.flights.platform.auth;
