package dev.flights.platform.inprocess;

import dev.flights.platform.deadletters.DeadLetterQueue;
import dev.flights.platform.deadletters.DeadLetterSelection;
import dev.flights.platform.deadletters.DeadLetteredMessage;
import dev.flights.platform.deadletters.Resubmission;
import dev.flights.platform.deadletters.ResubmissionIds;
import dev.flights.platform.messaging.OutgoingMessage;
import dev.flights.platform.messaging.ReceivedMessage;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The dead-letter queues of the in-process topic, with what Service Bus does: a copy goes through the topic's
 * {@link InProcessTopic#publish} (duplicate detection and the {@code To} filter included) before its dead letter is
 * removed. "All" takes the dead letters there when it starts. {@code enqueuedAt} is when the message was
 * dead-lettered (the in-process topic keeps no enqueue time).
 */
public final class InProcessDeadLetterQueue implements DeadLetterQueue {

    private static final Logger log = LoggerFactory.getLogger(InProcessDeadLetterQueue.class);

    private final InProcessTopic topic;

    public InProcessDeadLetterQueue(InProcessTopic topic) {
        this.topic = topic;
    }

    @Override
    public List<DeadLetteredMessage> list(String subscription, Long fromSequenceNumber, int max) {
        NavigableMap<Long, DeadLetter> letters = topic.deadLettersBySequenceNumber(subscription);
        long page = Math.max(1, Math.min(max, MAX_PAGE));
        return letters.tailMap(fromSequenceNumber == null ? Long.MIN_VALUE : fromSequenceNumber, true).entrySet()
                .stream().limit(page).map(e -> entry(e.getKey(), e.getValue())).toList();
    }

    @Override
    public Resubmission resubmit(String subscription, DeadLetterSelection selection) {
        NavigableMap<Long, DeadLetter> letters = topic.deadLettersBySequenceNumber(subscription);
        List<Resubmission.Resubmitted> resubmitted = new ArrayList<>();
        List<Resubmission.Failed> failed = new ArrayList<>();
        List<Long> notFound = selection.sequenceNumbers().stream().filter(n -> !letters.containsKey(n)).toList();
        boolean more = false;
        for (Map.Entry<Long, DeadLetter> entry : letters.entrySet()) {
            if (!selection.includes(entry.getKey())) {
                continue;
            }
            if (resubmitted.size() == MAX_RESUBMIT) {
                more = true;
                break;
            }
            ReceivedMessage message = entry.getValue().message();
            String copyId = ResubmissionIds.of(subscription, message.messageId(), entry.getKey());
            try {
                topic.publish(List.of(new OutgoingMessage(message.messageId(), message.sessionId(), message.type(),
                        message.correlationId(), message.body(), null).addressedTo(subscription, copyId)));
            } catch (RuntimeException e) {
                log.warn("{}: dead letter {} ({} {}) stays, its copy was not sent: {}", subscription, entry.getKey(),
                        message.type(), message.messageId(), e.toString());
                failed.add(new Resubmission.Failed(entry.getKey(), message.messageId(), e.toString()));
                break;
            }
            topic.removeDeadLetter(subscription, entry.getKey());
            log.info("{}: dead letter {} ({} {} of reservation {}) resubmitted as {}", subscription, entry.getKey(),
                    message.type(), message.messageId(), message.sessionId(), copyId);
            resubmitted.add(new Resubmission.Resubmitted(entry.getKey(), message.messageId(), message.type(),
                    message.sessionId(), copyId));
        }
        return new Resubmission(subscription, resubmitted, notFound, failed, more);
    }

    private static DeadLetteredMessage entry(long sequenceNumber, DeadLetter letter) {
        ReceivedMessage m = letter.message();
        return new DeadLetteredMessage(sequenceNumber, m.messageId(), m.sessionId(), m.type(), m.correlationId(),
                letter.reason(), letter.description(), m.deliveryCount(), letter.deadLetteredAt(), m.body());
    }
}
