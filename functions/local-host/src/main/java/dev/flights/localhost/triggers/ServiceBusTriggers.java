package dev.flights.localhost.triggers;

import com.microsoft.azure.functions.annotation.ServiceBusTopicTrigger;
import dev.flights.platform.inprocess.InProcessTopic;
import dev.flights.platform.messaging.ReceivedMessage;
import java.util.HashMap;
import java.util.Map;

/**
 * Delivers the topic's messages to the Service Bus–triggered functions, one subscription each, with the trigger
 * metadata the Service Bus extension gives {@code @BindingName} parameters ({@code MessageId}, {@code SessionId},
 * {@code DeliveryCount}, {@code CorrelationId}). The function's outcome settles the message: returning completes it,
 * throwing abandons it.
 */
public final class ServiceBusTriggers {

    private final InProcessTopic topic;
    private final Map<String, String> functionBySubscription = new HashMap<>();

    public ServiceBusTriggers(InProcessTopic topic) {
        this.topic = topic;
    }

    public void bind(FunctionInvoker invoker) {
        ServiceBusTopicTrigger trigger = (ServiceBusTopicTrigger) invoker.definition().trigger();
        if (!trigger.topicName().equals(topic.name())) {
            throw new IllegalStateException(invoker.definition().name() + " listens to topic " + trigger.topicName()
                    + "; the host has " + topic.name());
        }
        String previous = functionBySubscription.putIfAbsent(trigger.subscriptionName(), invoker.definition().name());
        if (previous != null) {
            throw new IllegalStateException("subscription " + trigger.subscriptionName() + " is bound to both "
                    + previous + " and " + invoker.definition().name());
        }
        topic.subscribe(trigger.subscriptionName(), message -> invoker.invoke(message.body(), metadata(message)));
    }

    static Map<String, String> metadata(ReceivedMessage message) {
        Map<String, String> metadata = new HashMap<>();
        metadata.put("MessageId", message.messageId());
        metadata.put("SessionId", message.sessionId());
        metadata.put("DeliveryCount", Integer.toString(message.deliveryCount()));
        if (message.correlationId() != null) {
            metadata.put("CorrelationId", message.correlationId());
        }
        return metadata;
    }

    public String subscriptionOf(String functionName) {
        return functionBySubscription.entrySet().stream().filter(e -> e.getValue().equals(functionName))
                .map(Map.Entry::getKey).findFirst().orElseThrow();
    }
}
