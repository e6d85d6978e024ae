package dev.flights.simulation;

import dev.flights.notify.application.Webhook;
import dev.flights.notify.application.WebhookOutcome;
import dev.flights.notify.domain.Notification;
import java.util.ArrayList;
import java.util.List;

/**
 * The customer's webhook receiver, on the simulated network: it takes a notification (HTTP 200) unless the seed has
 * it down (HTTP 503), and remembers the event ids it took.
 */
final class SimWebhook implements Webhook {

    private Faults faults;
    private List<String> received = new ArrayList<>();

    void reset(Faults runFaults) {
        this.faults = runFaults;
        this.received = new ArrayList<>();
    }

    @Override
    public WebhookOutcome deliver(Notification notification) {
        Scheduler.yieldPoint();
        if (faults.isWebhookDown()) {
            return WebhookOutcome.failed("the receiver answered HTTP 503");
        }
        received.add(notification.eventId().toString());
        return WebhookOutcome.delivered(200);
    }

    List<String> received() {
        return List.copyOf(received);
    }
}
