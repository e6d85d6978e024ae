/**
 * A miniature app that breaks every rule of {@link dev.flights.platform.testing.AppArchitecture}, so its test can
 * show that each rule catches what it names.
 */
package dev.flights.platform.testing.layering;
