package dev.flights.notify;

import dev.flights.contract.codec.EventCodec;
import dev.flights.contract.codec.ReceivedEvent;
import dev.flights.platform.messaging.EventPublisher;
import dev.flights.platform.messaging.OutgoingMessage;
import java.util.ArrayList;
import java.util.List;

/** A topic that keeps what it is sent, so a test can deliver the scheduled notes itself, without waiting. */
public final class RecordingTopic implements EventPublisher {

    private final List<OutgoingMessage> messages = new ArrayList<>();

    @Override
    public synchronized void publish(List<OutgoingMessage> batch) {
        messages.addAll(batch);
    }

    public synchronized List<OutgoingMessage> messages() {
        return List.copyOf(messages);
    }

    public List<ReceivedEvent> received() {
        return messages().stream().map(m -> EventCodec.decode(m.body())).toList();
    }

    /** The last message sent, as the subscription would deliver it. */
    public ReceivedEvent last() {
        List<OutgoingMessage> all = messages();
        return EventCodec.decode(all.get(all.size() - 1).body());
    }
}
