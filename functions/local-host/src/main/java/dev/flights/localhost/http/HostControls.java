package dev.flights.localhost.http;

import java.util.List;
import java.util.Map;

/** What the admin routes can do to the running host: outages and failures by hand. */
public interface HostControls {

    /** An unavailable app is stopped: its HTTP routes answer 503, its subscription and change feeds wait. */
    void setAvailable(String app, boolean available);

    /** A failing app's store answers every call with 503, like a throttled or unreachable Cosmos DB. */
    void setFailing(String app, boolean failing);

    Map<String, Object> status();

    /** The outbox documents a relay parked because they can never be sent, with the reason. */
    List<Map<String, String>> parkedOutbox();
}
