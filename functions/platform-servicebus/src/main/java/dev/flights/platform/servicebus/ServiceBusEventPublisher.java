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
 * <h2>All or nothing</h2>
 * Every message of one {@link #publish} call, scheduled ones included, goes into one {@link ServiceBusMessageBatch}
 * sent with one {@link ServiceBusSenderClient#sendMessages(ServiceBusMessageBatch)}: Service Bus enqueues a batch
 * atomically, so the port's all-or-nothing contract holds as stated. A scheduled message carries its
 * {@code ScheduledEnqueueTime} (UTC) in the batch; the broker holds it until then, as it would after
 * {@code scheduleMessages}. {@code scheduleMessages} is not used: it is a separate management call with one time
 * for all its messages, so a page mixing immediate and scheduled messages could be half sent; and nothing here
 * needs the sequence numbers it returns (deferrals are never cancelled).
 * <ul>
 *   <li>The messages must fit one batch (256 KB on a Standard namespace, less the AMQP overhead). If they do not,
 *       {@link TopicRejectedException} with reason {@link TopicRejectedException#BATCH_TOO_LARGE} is thrown before
 *       anything is sent: the caller has to publish fewer at a time (for the outbox relay, a smaller
 *       {@code maxItemsPerInvocation} on its change feed trigger). Splitting over several batches would only be
 *       all-or-nothing per batch.</li>
 *   <li>A batch holding several sessions needs a topic without partitioning (a partitioned entity takes a batch of
 *       one session only); {@code reservation-events} is not partitioned.</li>
 *   <li>An ambiguous failure (the batch enqueued, its acknowledgement lost) surfaces as
 *       {@link TopicUnavailableException}; the caller's retry sends the same message ids again and duplicate
 *       detection drops them, so the effect is still exactly once within the detection window.</li>
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

    private final ServiceBusSenderClient sender;

    public ServiceBusEventPublisher(ServiceBusSenderClient sender) {
        this.sender = Objects.requireNonNull(sender, "sender");
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
        String topic = sender.getEntityPath();
        try {
            ServiceBusMessageBatch batch = sender.createMessageBatch();
            for (int i = 0; i < converted.size(); i++) {
                if (!batch.tryAddMessage(converted.get(i))) {
                    String reason = "the " + messages.size() + " messages do not fit one Service Bus batch of "
                            + batch.getMaxSizeInBytes() + " bytes (only the first " + i + " do); nothing was sent."
                            + " A batch is atomic only as one: publish fewer messages at a time";
                    log.error("{} for {}: {}", reason, topic, ids(messages));
                    throw new TopicRejectedException(reason, TopicRejectedException.BATCH_TOO_LARGE, null);
                }
            }
            sender.sendMessages(batch);
        } catch (ServiceBusException e) {
            throw failure(messages, topic, e.isTransient(), String.valueOf(e.getReason()), e);
        } catch (AmqpException e) {
            throw failure(messages, topic, e.isTransient(), String.valueOf(e.getErrorCondition()), e);
        } catch (IllegalStateException e) {
            // the synchronous client blocks with the try timeout; a timeout there is as transient as a busy topic
            if (e.getMessage() != null && e.getMessage().startsWith(BLOCKING_TIMEOUT)) {
                throw failure(messages, topic, true, "SERVICE_TIMEOUT", e);
            }
            throw e;
        }
        for (OutgoingMessage message : messages) {
            logSent(message, topic);
        }
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

    private static RuntimeException failure(List<OutgoingMessage> messages, String topic, boolean transientFailure,
            String reason, Exception cause) {
        if (transientFailure) {
            String text = "topic " + topic + " unavailable (" + reason + ") after the client's retries; "
                    + messages.size() + " message(s) not sent, retry later: " + cause.getMessage();
            log.warn("{} {}", text, ids(messages));
            return new TopicUnavailableException(text, reason, cause);
        }
        String text = "topic " + topic + " rejected " + messages.size() + " message(s) (" + reason + "): "
                + cause.getMessage();
        log.error("{} {}", text, ids(messages));
        return new TopicRejectedException(text, reason, cause);
    }

    private static void logSent(OutgoingMessage message, String topic) {
        String previous = MDC.get(Correlation.MDC_KEY);
        if (message.correlationId() != null) {
            MDC.put(Correlation.MDC_KEY, message.correlationId());
        }
        try {
            if (message.scheduledEnqueueTime() == null) {
                log.info("sent {} {} of reservation {} (correlation {}) to {}", message.type(), message.messageId(),
                        message.sessionId(), message.correlationId(), topic);
            } else {
                log.info("sent {} {} of reservation {} (correlation {}) to {}, scheduled for {}", message.type(),
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
