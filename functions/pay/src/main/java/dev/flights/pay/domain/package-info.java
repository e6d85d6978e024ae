/** The Account aggregate with its payments and the rules of charging and refunding: pure Java, no framework. */
package dev.flights.pay.domain;
