package dev.flights.localhost.e2e;

import dev.flights.platform.inprocess.InProcessTopic;
import dev.flights.platform.messaging.ReceivedMessage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Every delivery's start and end on a running host, in the order they happened, with the time they happened; it can
 * hold each delivery a while before the function runs, as a slow function would.
 */
final class DeliveryLog implements InProcessTopic.DeliveryObserver {

    record Entry(boolean start, String subscription, ReceivedMessage message, Throwable failure, long nanos) {
    }

    private final List<Entry> entries = new ArrayList<>();
    private final long holdMillis;

    private DeliveryLog(long holdMillis) {
        this.holdMillis = holdMillis;
    }

    static DeliveryLog on(InProcessTopic topic) {
        return on(topic, Duration.ZERO);
    }

    static DeliveryLog on(InProcessTopic topic, Duration holdEachDelivery) {
        DeliveryLog log = new DeliveryLog(holdEachDelivery.toMillis());
        topic.observeDeliveries(log);
        return log;
    }

    @Override
    public void started(String subscription, ReceivedMessage message) {
        synchronized (this) {
            entries.add(new Entry(true, subscription, message, null, System.nanoTime()));
        }
        if (holdMillis > 0) {
            try {
                Thread.sleep(holdMillis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public synchronized void finished(String subscription, ReceivedMessage message, Throwable failure) {
        entries.add(new Entry(false, subscription, message, failure, System.nanoTime()));
    }

    synchronized List<Entry> entries() {
        return List.copyOf(entries);
    }

    List<Entry> of(String subscription, String messageId) {
        return entries().stream().filter(e -> e.subscription().equals(subscription)
                && e.message().messageId().equals(messageId)).toList();
    }
}
