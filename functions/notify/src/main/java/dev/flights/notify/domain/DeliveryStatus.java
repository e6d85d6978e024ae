package dev.flights.notify.domain;

/** Where the webhook delivery of one notification stands. */
public enum DeliveryStatus {
    /** No webhook was set when the notification was made: nothing to deliver. */
    OFF,
    /** Not delivered yet: a send is under way, was cut short by a crash, or a retry is scheduled. */
    PENDING,
    /** The receiver answered 2xx; nothing is sent again. */
    SENT,
    /** Every attempt failed; nothing is sent again. */
    FAILED
}
