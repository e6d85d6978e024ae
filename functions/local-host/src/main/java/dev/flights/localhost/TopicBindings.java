package dev.flights.localhost;

import dev.flights.localhost.triggers.FunctionInvoker;
import dev.flights.localhost.triggers.ServiceBusTriggers;
import dev.flights.platform.inprocess.DeadLetter;
import dev.flights.platform.inprocess.InProcessTopic;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The Service Bus side of the host: the topic every app publishes to, its subscriptions bound to the
 * Service Bus–triggered functions, and each app's subscription, so an outage can hold the app's messages back.
 */
final class TopicBindings implements AutoCloseable {

    private final InProcessTopic topic;
    private final ServiceBusTriggers triggers;
    private final Map<String, String> subscriptionByApp = new LinkedHashMap<>();

    TopicBindings(InProcessTopic topic) {
        this.topic = topic;
        this.triggers = new ServiceBusTriggers(topic);
    }

    void bind(String app, FunctionInvoker invoker) {
        triggers.bind(invoker);
        subscriptionByApp.put(app, triggers.subscriptionOf(invoker.definition().name()));
    }

    /** A stopped app's subscription keeps its messages until the app is back, as Service Bus does. */
    void setPaused(String app, boolean paused) {
        String subscription = subscriptionByApp.get(app);
        if (subscription == null) {
            return;
        }
        if (paused) {
            topic.pause(subscription);
        } else {
            topic.resume(subscription);
        }
    }

    InProcessTopic topic() {
        return topic;
    }

    /** Every subscription's dead letters (operators use each app's {@code ops/dead-letters} functions). */
    List<DeadLetter> deadLetters() {
        List<DeadLetter> all = new ArrayList<>();
        topic.subscriptionNames().forEach(s -> all.addAll(topic.deadLetters(s)));
        return all;
    }

    @Override
    public void close() {
        topic.close();
    }
}
