package dev.flights.platform.servicebus;

import com.azure.core.amqp.exception.AmqpException;
import com.azure.messaging.servicebus.ServiceBusException;
import com.azure.messaging.servicebus.ServiceBusReceivedMessage;
import com.azure.messaging.servicebus.ServiceBusReceiverClient;
import dev.flights.platform.deadletters.DeadLetterQueue;
import dev.flights.platform.deadletters.DeadLetterQueueUnavailableException;
import dev.flights.platform.deadletters.DeadLetterSelection;
import dev.flights.platform.deadletters.DeadLetteredMessage;
import dev.flights.platform.deadletters.Resubmission;
import dev.flights.platform.deadletters.ResubmissionIds;
import dev.flights.platform.messaging.EventPublisher;
import dev.flights.platform.messaging.OutgoingMessage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A subscription's dead-letter sub-queue on Service Bus ({@code <topic>/Subscriptions/<subscription>/$DeadLetterQueue}),
 * read with an ordinary receiver: a dead-letter sub-queue has no sessions even when its subscription has (the
 * broker refuses a session receiver on a sub-queue), and each dead letter keeps its {@code SessionId}.
 *
 * <p>{@link #list} peeks. {@link #resubmit} receives in PEEK_LOCK, in batches: for each chosen dead letter it sends
 * a copy through the {@link EventPublisher} (same body, session, type and correlation id, {@code To} = the
 * subscription, the message id of {@link ResubmissionIds}) and only then completes the dead letter. A dead letter
 * not chosen, or whose copy could not be sent, is abandoned, so it stays in the dead-letter queue (a dead-letter
 * queue has no max delivery count). The first failed send stops the run. Scanning stops once past the highest
 * chosen sequence number (a receiver gets an unpartitioned entity's messages in sequence order), or after
 * {@link #MAX_SCAN} messages; "all" stops after {@link DeadLetterQueue#MAX_RESUBMIT} and says {@code more}, or at
 * a copy it sent itself that failed again meanwhile (on Azure its ten deliveries can take under a second).
 * A receive that fails midway answers {@link DeadLetterQueueUnavailableException}; what was resubmitted before it
 * is out of the queue, the rest is abandoned.
 */
public final class ServiceBusDeadLetterQueue implements DeadLetterQueue {

    private static final Logger log = LoggerFactory.getLogger(ServiceBusDeadLetterQueue.class);

    /** The most dead letters one resubmission locks while looking for the chosen ones. */
    static final int MAX_SCAN = 1000;
    static final int RECEIVE_BATCH = 50;
    static final Duration RECEIVE_WAIT = Duration.ofSeconds(3);

    /** Opens a receiver on a subscription's dead-letter sub-queue; closed after each call. */
    @FunctionalInterface
    public interface Receivers {
        ServiceBusReceiverClient deadLetterReceiver(String subscription);
    }

    private final Receivers receivers;
    private final EventPublisher publisher;
    private final Set<String> subscriptions;

    public ServiceBusDeadLetterQueue(Receivers receivers, EventPublisher publisher, Set<String> subscriptions) {
        this.receivers = receivers;
        this.publisher = publisher;
        this.subscriptions = Set.copyOf(subscriptions);
    }

    @Override
    public List<DeadLetteredMessage> list(String subscription, Long fromSequenceNumber, int max) {
        int page = Math.max(1, Math.min(max, MAX_PAGE));
        try (ServiceBusReceiverClient receiver = open(subscription)) {
            var peeked = fromSequenceNumber == null ? receiver.peekMessages(page)
                    : receiver.peekMessages(page, fromSequenceNumber);
            return peeked.stream().map(ServiceBusDeadLetterQueue::entry).toList();
        } catch (ServiceBusException | AmqpException e) {
            throw unavailable(subscription, "peek", e);
        }
    }

    @Override
    public Resubmission resubmit(String subscription, DeadLetterSelection selection) {
        Run run = new Run(subscription, selection);
        try (ServiceBusReceiverClient receiver = open(subscription)) {
            try {
                while (!run.done && run.scanned < MAX_SCAN) {
                    List<ServiceBusReceivedMessage> batch = receiver.receiveMessages(RECEIVE_BATCH, RECEIVE_WAIT)
                            .stream().toList();
                    if (batch.isEmpty()) {
                        break;
                    }
                    batch.forEach(message -> run.settle(receiver, message));
                }
            } finally {
                abandonAll(receiver, run.toAbandon);
            }
        } catch (ServiceBusException | AmqpException e) {
            throw unavailable(subscription, "receive from", e);
        }
        return new Resubmission(subscription, run.resubmitted, List.copyOf(run.wanted), run.failed, run.more);
    }

    /** One resubmission: what it chose, sent, completed and will abandon. */
    private final class Run {
        final String subscription;
        final DeadLetterSelection selection;
        final Set<Long> wanted;
        final long highestWanted;
        final List<Resubmission.Resubmitted> resubmitted = new ArrayList<>();
        final List<Resubmission.Failed> failed = new ArrayList<>();
        final List<ServiceBusReceivedMessage> toAbandon = new ArrayList<>();
        final Set<String> copiesSent = new HashSet<>();
        int scanned;
        boolean done;
        boolean more;

        Run(String subscription, DeadLetterSelection selection) {
            this.subscription = subscription;
            this.selection = selection;
            this.wanted = new LinkedHashSet<>(selection.sequenceNumbers());
            this.highestWanted = wanted.stream().mapToLong(Long::longValue).max().orElse(Long.MAX_VALUE);
        }

        void settle(ServiceBusReceiverClient receiver, ServiceBusReceivedMessage message) {
            scanned++;
            if (done) {
                toAbandon.add(message);
                return;
            }
            long number = message.getSequenceNumber();
            if (selection.all() && copiesSent.contains(message.getMessageId())) {
                // a copy sent by this run that failed again meanwhile: everything from here on is newer than the run
                done = true;
                toAbandon.add(message);
                return;
            }
            if (selection.all() && resubmitted.size() >= MAX_RESUBMIT) {
                more = true;
                done = true;
                toAbandon.add(message);
                return;
            }
            boolean chosen = selection.all() || wanted.remove(number);
            if (!chosen) {
                toAbandon.add(message);
            } else if (!sendCopy(subscription, message, resubmitted, failed)) {
                toAbandon.add(message);
                done = true;
            } else {
                copiesSent.add(resubmitted.get(resubmitted.size() - 1).resubmittedAs());
                complete(receiver, message);
            }
            done |= !selection.all() && (wanted.isEmpty() || number >= highestWanted);
        }

        private void complete(ServiceBusReceiverClient receiver, ServiceBusReceivedMessage message) {
            try {
                receiver.complete(message);
            } catch (RuntimeException e) {
                // the copy is on the topic; the dead letter comes back when its lock expires, and resubmitting it
                // again sends the same message id, which duplicate detection drops
                log.warn("{}: dead letter {} was resubmitted but not completed: {}", subscription,
                        message.getSequenceNumber(), e.toString());
                failed.add(new Resubmission.Failed(message.getSequenceNumber(), message.getMessageId(),
                        "resubmitted, but the dead letter could not be completed and will be back: " + e));
                done = true;
            }
        }
    }

    private boolean sendCopy(String subscription, ServiceBusReceivedMessage message,
            List<Resubmission.Resubmitted> resubmitted, List<Resubmission.Failed> failed) {
        long number = message.getSequenceNumber();
        String copyId = ResubmissionIds.of(subscription, message.getMessageId(), number);
        Object type = message.getApplicationProperties().get(ServiceBusEventPublisher.TYPE_PROPERTY);
        try {
            OutgoingMessage copy = new OutgoingMessage(message.getMessageId(), message.getSessionId(),
                    type == null ? null : type.toString(), message.getCorrelationId(), message.getBody().toString(),
                    null).addressedTo(subscription, copyId);
            publisher.publish(List.of(copy));
        } catch (RuntimeException e) {
            log.warn("{}: dead letter {} ({}) stays, its copy was not sent: {}", subscription, number,
                    message.getMessageId(), e.toString());
            failed.add(new Resubmission.Failed(number, message.getMessageId(), e.toString()));
            return false;
        }
        log.info("{}: dead letter {} ({} {} of reservation {}) resubmitted as {}", subscription, number, type,
                message.getMessageId(), message.getSessionId(), copyId);
        resubmitted.add(new Resubmission.Resubmitted(number, message.getMessageId(),
                type == null ? null : type.toString(), message.getSessionId(), copyId));
        return true;
    }

    private static void abandonAll(ServiceBusReceiverClient receiver, List<ServiceBusReceivedMessage> messages) {
        for (ServiceBusReceivedMessage message : messages) {
            try {
                receiver.abandon(message);
            } catch (RuntimeException e) {
                // its lock runs out by itself and the broker makes it available again
                log.warn("dead letter {} not abandoned, available again when its lock expires: {}",
                        message.getSequenceNumber(), e.toString());
            }
        }
    }

    private static DeadLetterQueueUnavailableException unavailable(String subscription, String what,
            RuntimeException e) {
        log.warn("could not {} the dead-letter queue of {}: {}", what, subscription, e.toString());
        return new DeadLetterQueueUnavailableException("could not " + what + " the dead-letter queue of "
                + subscription + ": " + e.getMessage(), e);
    }

    private ServiceBusReceiverClient open(String subscription) {
        if (!subscriptions.contains(subscription)) {
            throw new IllegalArgumentException("no subscription " + subscription + " on the topic");
        }
        return receivers.deadLetterReceiver(subscription);
    }

    private static DeadLetteredMessage entry(ServiceBusReceivedMessage m) {
        Object type = m.getApplicationProperties().get(ServiceBusEventPublisher.TYPE_PROPERTY);
        return new DeadLetteredMessage(m.getSequenceNumber(), m.getMessageId(), m.getSessionId(),
                type == null ? null : type.toString(), m.getCorrelationId(), m.getDeadLetterReason(),
                m.getDeadLetterErrorDescription(), m.getDeliveryCount(),
                m.getEnqueuedTime() == null ? null : m.getEnqueuedTime().toInstant(),
                m.getBody() == null ? null : m.getBody().toString());
    }
}
