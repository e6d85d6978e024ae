/**
 * The dead-letter queues of the topic's subscriptions as an operator sees them: list what a subscription gave up
 * on, with the broker's reason and description, and resubmit chosen dead letters (or all) to that subscription
 * alone. {@link dev.flights.platform.deadletters.DeadLetterQueue} is the port; its adapters are on Service Bus
 * (platform-servicebus) and on the in-process topic.
 */
package dev.flights.platform.deadletters;
