/**
 * The topic port ({@link dev.flights.platform.messaging.EventPublisher}) on Azure Service Bus
 * (azure-messaging-servicebus): {@link dev.flights.platform.servicebus.ServiceBusEventPublisher} and the Spring
 * autoconfiguration that installs it when a {@code ServiceBusConnection} setting is present.
 */
package dev.flights.platform.servicebus;
