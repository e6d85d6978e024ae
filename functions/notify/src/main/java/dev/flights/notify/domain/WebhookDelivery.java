package dev.flights.notify.domain;

/**
 * The webhook delivery of one notification: its status and the sends made so far. A notification is sent while
 * its delivery is {@link DeliveryStatus#PENDING}; once {@code SENT} or {@code FAILED} it is never sent again.
 */
public record WebhookDelivery(DeliveryStatus status, int attempts) {

    public static final WebhookDelivery OFF = new WebhookDelivery(DeliveryStatus.OFF, 0);

    public WebhookDelivery {
        if (status == null || attempts < 0) {
            throw new IllegalArgumentException("a webhook delivery needs a status and attempts >= 0");
        }
    }

    public static WebhookDelivery pending() {
        return new WebhookDelivery(DeliveryStatus.PENDING, 0);
    }

    public boolean isPending() {
        return status == DeliveryStatus.PENDING;
    }

    /** The number of the next send. */
    public int nextAttempt() {
        return attempts + 1;
    }

    /**
     * Whether a retry scheduled for send {@code attempt} is to make the next send: a retry that a later send
     * overtook (after a redelivered event was sent again) or that comes twice finds the delivery moved on and sends
     * nothing. A retry ahead of the recorded attempts (its send failed, but recording that failure did not happen:
     * a crash or a store failure in between, the triggering message coming back later) makes the next send: the
     * message that comes back may find its own retry dropped as a duplicate, so ignoring this one could leave the
     * delivery pending with nothing left to send it.
     */
    public boolean awaits(int attempt) {
        return isPending() && attempt >= nextAttempt();
    }

    public WebhookDelivery sent(int attempt) {
        return new WebhookDelivery(DeliveryStatus.SENT, attempt);
    }

    /** After send {@code attempt} failed: still pending while the policy allows another, else given up. */
    public WebhookDelivery failed(int attempt, RetryPolicy policy) {
        return new WebhookDelivery(policy.allowsAnotherAfter(attempt) ? DeliveryStatus.PENDING : DeliveryStatus.FAILED,
                attempt);
    }
}
