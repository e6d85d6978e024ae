/** The published language of the saga: value types shared by every app. Pure Java, no framework. */
package dev.flights.contract;
