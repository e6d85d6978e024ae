/**
 * The OpenAPI document (functions/contract/src/main/resources/openapi.json) as a test oracle: checked against the
 * specification and the functions' annotations, and used to check every answer the end-to-end suites receive.
 */
package dev.flights.localhost.openapi;
