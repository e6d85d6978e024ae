package dev.flights.localhost.discovery;

import com.microsoft.azure.functions.annotation.CosmosDBTrigger;
import com.microsoft.azure.functions.annotation.HttpTrigger;
import com.microsoft.azure.functions.annotation.ServiceBusTopicTrigger;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.util.Arrays;

/** A {@code @FunctionName} method and its trigger annotation. */
public record FunctionDefinition(String app, String name, Class<?> functionClass, Method method, Annotation trigger) {

    public boolean isHttp() {
        return trigger instanceof HttpTrigger;
    }

    public boolean isServiceBus() {
        return trigger instanceof ServiceBusTopicTrigger;
    }


    public String describe() {
        if (trigger instanceof HttpTrigger http) {
            return Arrays.toString(http.methods()) + " /api/" + http.route();
        }
        if (trigger instanceof ServiceBusTopicTrigger sb) {
            return "topic " + sb.topicName() + " subscription " + sb.subscriptionName();
        }
        CosmosDBTrigger cosmos = (CosmosDBTrigger) trigger;
        return "change feed of " + cosmos.containerName() + " (lease " + cosmos.leaseContainerPrefix() + ")";
    }
}
