package dev.flights.simulation;

/**
 * A deliberate bug the simulation can switch on, to show that its checks see what such a bug does. Only the
 * simulation's own stand-ins change; the apps stay as they are.
 */
public enum Mutation {
    NONE,
    /** The store ignores If-Match: a read-modify-write overwrites a concurrent change instead of failing with 412. */
    ETAG_IGNORED,
    /** The topic's duplicate detection is off: a message id sent twice is delivered twice. */
    DUPLICATE_DETECTION_OFF
}
