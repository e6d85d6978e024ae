/** The the topic port on Service Bus (azure-messaging-servicebus). */
package dev.flights.platform.servicebus;
