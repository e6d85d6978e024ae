package dev.flights.platform.servicebus;

import com.azure.core.amqp.exception.AmqpException;
import com.azure.messaging.servicebus.ServiceBusException;
import com.azure.messaging.servicebus.ServiceBusMessage;
import com.azure.messaging.servicebus.ServiceBusMessageBatch;
import com.azure.messaging.servicebus.ServiceBusSenderClient;
import dev.flights.platform.correlation.Correlation;
import dev.flights.platform.messaging.EventPublisher;
import dev.flights.platform.messaging.OutgoingMessage;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * The {@code reservation-events} topic on Service Bus.
 *
 * <p>Each {@link OutgoingMessage} becomes a {@link ServiceBusMessage}: the body is the CloudEvent JSON (content type
 * {@value #CONTENT_TYPE}), {@code MessageId} = the event id (the topic's duplicate detection drops a message id it
 * has seen), {@code SessionId} = the reservation id (order per reservation on the session-enabled subscriptions),
 * {@code CorrelationId}, the application property {@value #TYPE_PROPERTY} the subscriptions' SQL filters read, and
 * {@code To} when the message is for one subscription only ({@link OutgoingMessage#to()}).
 *
 * <h2>As many batches as it takes, in order</h2>
 * The messages of one {@link #publish} call, scheduled ones included, are added in order to a
 * {@link ServiceBusMessageBatch} (256 KB on a Standard namespace, less the AMQP overhead); when the next one does not
 * fit, that batch is sent with {@link ServiceBusSenderClient#sendMessages(ServiceBusMessageBatch)} and a new one is
 * started. Service Bus enqueues each batch atomically, so a failure leaves a prefix of the list sent: the port's
 * contract. The caller retries with the same list and duplicate detection (message id = event id) drops what was
 * sent already, so the effect is still exactly once within the detection window. Splitting lives here because only
 * the SDK's batch knows the encoded size of a message.
 * <ul>
 *   <li>A message that does not fit even an empty batch can never be sent: {@link TopicRejectedException} with
 *       {@link TopicRejectedException#MESSAGE_TOO_LARGE} (or the SDK's {@code MESSAGE_SIZE_EXCEEDED}) names it in
 *       {@link TopicRejectedException#messageId()}, after the batches before it were sent.</li>
 *   <li>A scheduled message carries its {@code ScheduledEnqueueTime} (UTC) in the batch; the broker holds it until
 *       then. {@code scheduleMessages} is not used: it is a separate management call with one time for all its
 *       messages, and nothing here needs the sequence numbers it returns (deferrals are never cancelled).</li>
 *   <li>A batch holding several sessions needs a topic without partitioning (a partitioned entity takes a batch of
 *       one session only); {@code reservation-events} is not partitioned.</li>
 *   <li>An ambiguous failure (the batch enqueued, its acknowledgement lost) surfaces as
 *       {@link TopicUnavailableException}; the retry sends the same message ids again and they are dropped.</li>
 * </ul>
 *
 * <h2>Failures</h2>
 * The client retries transient failures with exponential backoff ({@link ServiceBusSenders#retryOptions()}). When it
 * gives up on a transient failure (busy, timeout, connection lost) this throws {@link TopicUnavailableException}, so
 * the invoking trigger retries later. A permanent failure (message too large, unauthorized, entity not found or
 * disabled, quota) throws {@link TopicRejectedException} with the reason. Neither is swallowed; both are logged with
 * the message ids of the batch.
 */
public final class ServiceBusEventPublisher implements EventPublisher {

    private static final Logger log = LoggerFactory.getLogger(ServiceBusEventPublisher.class);

    /** The body is a structured-mode CloudEvent. */
    public static final String CONTENT_TYPE = "application/cloudevents+json; charset=utf-8";
    /** The application property the subscriptions' SQL filters read ({@code type = 'PaymentApproved'}). */
    public static final String TYPE_PROPERTY = "type";

    private static final String BLOCKING_TIMEOUT = "Timeout on blocking read";
    private static final String MESSAGE_SIZE_EXCEEDED = "MESSAGE_SIZE_EXCEEDED";

    private final Supplier<ServiceBusSenderClient> senders;

    public ServiceBusEventPublisher(ServiceBusSenderClient sender) {
        Objects.requireNonNull(sender, "sender");
        this.senders = () -> sender;
    }

    /**
     * A publisher whose sender {@code senders} gives when the first message is published (a lazy bean: the app starts
     * without building the Service Bus client).
     */
    public ServiceBusEventPublisher(Supplier<ServiceBusSenderClient> senders) {
        this.senders = Objects.requireNonNull(senders, "senders");
    }

    @Override
    public void publish(List<OutgoingMessage> messages) {
        Objects.requireNonNull(messages, "messages");
        if (messages.isEmpty()) {
            return;
        }
        // converted (and so checked) before anything is sent
        List<ServiceBusMessage> converted = new ArrayList<>(messages.size());
        for (OutgoingMessage message : messages) {
            converted.add(toServiceBusMessage(message));
        }
        ServiceBusSenderClient sender = senders.get();
        String topic = sender.getEntityPath();
        int first = 0;
        while (first < messages.size()) {
            first = sendNextBatch(sender, messages, converted, first, topic);
        }
    }

    /** Fills one batch from {@code first} on, sends it, and returns the index of the first message left out. */
    private int sendNextBatch(ServiceBusSenderClient sender, List<OutgoingMessage> messages,
            List<ServiceBusMessage> converted, int first, String topic) {
        int next = first;
        try {
            ServiceBusMessageBatch batch = sender.createMessageBatch();
            while (next < converted.size() && add(batch, messages.get(next), converted.get(next), next == first)) {
                next++;
            }
            sender.sendMessages(batch);
        } catch (ServiceBusException e) {
            throw failure(messages, first, next, topic, e.isTransient(), String.valueOf(e.getReason()), e);
        } catch (AmqpException e) {
            throw failure(messages, first, next, topic, e.isTransient(), String.valueOf(e.getErrorCondition()), e);
        } catch (IllegalStateException e) {
            // the synchronous client blocks with the try timeout; a timeout there is as transient as a busy topic
            if (e.getMessage() != null && e.getMessage().startsWith(BLOCKING_TIMEOUT)) {
                throw failure(messages, first, next, topic, true, "SERVICE_TIMEOUT", e);
            }
            throw e;
        }
        for (OutgoingMessage message : messages.subList(first, next)) {
            logSent(message, topic);
        }
        return next;
    }

    /** False when the batch is full; a message that does not fit an empty batch is refused for good. */
    private boolean add(ServiceBusMessageBatch batch, OutgoingMessage message, ServiceBusMessage converted,
            boolean batchIsEmpty) {
        boolean added;
        try {
            added = batch.tryAddMessage(converted);
        } catch (ServiceBusException e) {
            if (e.isTransient()) {
                throw e;
            }
            if (!batchIsEmpty) {
                // tried again alone in the next batch, once the messages before it are sent
                return false;
            }
            throw tooLarge(message, String.valueOf(e.getReason()), batch, e);
        }
        if (!added && batchIsEmpty) {
            throw tooLarge(message, TopicRejectedException.MESSAGE_TOO_LARGE, batch, null);
        }
        return added;
    }

    private static TopicRejectedException tooLarge(OutgoingMessage message, String reason,
            ServiceBusMessageBatch batch, Exception cause) {
        String text = message.type() + " " + message.messageId() + " of reservation " + message.sessionId()
                + " does not fit an empty Service Bus batch of " + batch.getMaxSizeInBytes() + " bytes (" + reason
                + "); it can never be sent. The messages before it were sent, none after it";
        log.error("{} (correlation {})", text, message.correlationId());
        return new TopicRejectedException(text, reason, message.messageId(), cause);
    }

    static ServiceBusMessage toServiceBusMessage(OutgoingMessage message) {
        require(message.messageId(), "a message id (the event id: duplicate detection)", message);
        require(message.sessionId(), "a session id (the reservation id: order per reservation)", message);
        require(message.type(), "a type (the subscriptions filter on it)", message);
        require(message.body(), "a body", message);
        ServiceBusMessage out = new ServiceBusMessage(message.body());
        out.setContentType(CONTENT_TYPE);
        out.setMessageId(message.messageId());
        out.setSessionId(message.sessionId());
        out.setCorrelationId(message.correlationId());
        out.getApplicationProperties().put(TYPE_PROPERTY, message.type());
        if (message.to() != null) {
            out.setTo(message.to());
        }
        if (message.scheduledEnqueueTime() != null) {
            out.setScheduledEnqueueTime(OffsetDateTime.ofInstant(message.scheduledEnqueueTime(), ZoneOffset.UTC));
        }
        return out;
    }

    private static void require(String value, String what, OutgoingMessage message) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("a message for the topic needs " + what + "; got " + message.type()
                    + " " + message.messageId() + " of reservation " + message.sessionId());
        }
    }

    /** The batch {@code [first, end)} failed; nothing from {@code first} on was sent. */
    private static RuntimeException failure(List<OutgoingMessage> messages, int first, int end, String topic,
            boolean transientFailure, String reason, Exception cause) {
        List<OutgoingMessage> notSent = messages.subList(first, messages.size());
        if (transientFailure) {
            String text = "topic " + topic + " unavailable (" + reason + ") after the client's retries; "
                    + notSent.size() + " message(s) not sent, retry later: " + cause.getMessage();
            log.warn("{} {}", text, ids(notSent));
            return new TopicUnavailableException(text, reason, cause);
        }
        // only a batch of one message lets the broker's refusal be pinned on that message
        boolean oneMessageTooLarge = end == first + 1 && MESSAGE_SIZE_EXCEEDED.equals(reason);
        String text = "topic " + topic + " rejected " + (end - first) + " message(s) (" + reason + "): "
                + cause.getMessage();
        log.error("{} {}", text, ids(messages.subList(first, Math.max(end, first + 1))));
        return oneMessageTooLarge
                ? new TopicRejectedException(text, reason, messages.get(first).messageId(), cause)
                : new TopicRejectedException(text, reason, cause);
    }

    private static void logSent(OutgoingMessage message, String topic) {
        String previous = MDC.get(Correlation.MDC_KEY);
        if (message.correlationId() != null) {
            MDC.put(Correlation.MDC_KEY, message.correlationId());
        }
        try {
            if (message.scheduledEnqueueTime() == null) {
                log.debug("sent {} {} of reservation {} (correlation {}) to {}", message.type(), message.messageId(),
                        message.sessionId(), message.correlationId(), topic);
            } else {
                log.debug("sent {} {} of reservation {} (correlation {}) to {}, scheduled for {}", message.type(),
                        message.messageId(), message.sessionId(), message.correlationId(), topic,
                        message.scheduledEnqueueTime());
            }
        } finally {
            if (previous == null) {
                MDC.remove(Correlation.MDC_KEY);
            } else {
                MDC.put(Correlation.MDC_KEY, previous);
            }
        }
    }

    private static List<String> ids(List<OutgoingMessage> messages) {
        List<String> ids = new ArrayList<>(messages.size());
        for (OutgoingMessage message : messages) {
            ids.add(message.type() + " " + message.messageId() + " of reservation " + message.sessionId()
                    + " (correlation " + message.correlationId() + ")");
        }
        return ids;
    }
}
