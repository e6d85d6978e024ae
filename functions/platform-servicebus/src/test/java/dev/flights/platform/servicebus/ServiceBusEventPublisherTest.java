package dev.flights.platform.servicebus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyIterable;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.inOrder;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import com.azure.core.amqp.AmqpRetryMode;
import com.azure.core.amqp.AmqpRetryOptions;
import com.azure.core.amqp.exception.AmqpErrorCondition;
import com.azure.core.amqp.exception.AmqpException;
import com.azure.messaging.servicebus.ServiceBusErrorSource;
import com.azure.messaging.servicebus.ServiceBusException;
import com.azure.messaging.servicebus.ServiceBusMessage;
import com.azure.messaging.servicebus.ServiceBusMessageBatch;
import com.azure.messaging.servicebus.ServiceBusSenderClient;
import dev.flights.platform.messaging.OutgoingMessage;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import org.mockito.InOrder;
import org.slf4j.LoggerFactory;

class ServiceBusEventPublisherTest {

    private static final String REQUESTED_BODY = "{\"specversion\":\"1.0\",\"id\":\"e-1\",\"type\":\"ReservationRequested\"}";

    private final ServiceBusSenderClient sender = mock(ServiceBusSenderClient.class);
    private final ServiceBusMessageBatch batch = mock(ServiceBusMessageBatch.class);
    private final ServiceBusEventPublisher publisher = new ServiceBusEventPublisher(sender);

    @BeforeEach
    void aTopicWithRoomInItsBatch() {
        when(sender.getEntityPath()).thenReturn("reservation-events");
        when(sender.createMessageBatch()).thenReturn(batch);
        when(batch.tryAddMessage(any())).thenReturn(true);
        when(batch.getMaxSizeInBytes()).thenReturn(262_144);
    }

    private static OutgoingMessage requested() {
        return new OutgoingMessage("e-1", "r-1", "ReservationRequested", "c-1", REQUESTED_BODY, null);
    }

    private static OutgoingMessage approved() {
        return new OutgoingMessage("e-2", "r-2", "PaymentApproved", "c-2", "{\"id\":\"e-2\"}", null);
    }

    private List<ServiceBusMessage> addedToTheBatch(int count) {
        ArgumentCaptor<ServiceBusMessage> added = ArgumentCaptor.forClass(ServiceBusMessage.class);
        verify(batch, times(count)).tryAddMessage(added.capture());
        return added.getAllValues();
    }

    private static ServiceBusException serviceBusFailure(boolean transientFailure, AmqpErrorCondition condition) {
        return new ServiceBusException(new AmqpException(transientFailure, condition, "the broker says no", null),
                ServiceBusErrorSource.SEND);
    }

    @Test
    void eachMessageGoesIntoOneBatchWithItsIdSessionCorrelationTypeBodyAndContentType() {
        publisher.publish(List.of(requested(), approved()));

        List<ServiceBusMessage> sent = addedToTheBatch(2);
        verify(sender).sendMessages(batch);
        ServiceBusMessage first = sent.get(0);
        assertThat(first.getMessageId()).isEqualTo("e-1");
        assertThat(first.getSessionId()).isEqualTo("r-1");
        assertThat(first.getCorrelationId()).isEqualTo("c-1");
        assertThat(first.getApplicationProperties()).containsEntry("type", "ReservationRequested");
        assertThat(first.getBody().toString()).isEqualTo(REQUESTED_BODY);
        assertThat(first.getContentType()).startsWith("application/cloudevents+json");
        assertThat(first.getScheduledEnqueueTime()).isNull();
        ServiceBusMessage second = sent.get(1);
        assertThat(second.getMessageId()).isEqualTo("e-2");
        assertThat(second.getSessionId()).isEqualTo("r-2");
        assertThat(second.getCorrelationId()).isEqualTo("c-2");
        assertThat(second.getApplicationProperties()).containsEntry("type", "PaymentApproved");
    }

    @Test
    void aScheduledMessageCarriesItsEnqueueTimeInUtcInTheSameAtomicBatch() {
        Instant retryAt = Instant.parse("2030-01-02T03:04:05Z");
        OutgoingMessage deferred = new OutgoingMessage("e-3", "r-1", "PaymentDeferred", "c-1", "{}", null)
                .scheduledAt(retryAt);

        publisher.publish(List.of(requested(), deferred));

        List<ServiceBusMessage> sent = addedToTheBatch(2);
        assertThat(sent.get(1).getScheduledEnqueueTime())
                .isEqualTo(OffsetDateTime.of(2030, 1, 2, 3, 4, 5, 0, ZoneOffset.UTC));
        assertThat(sent.get(1).getScheduledEnqueueTime().getOffset()).isEqualTo(ZoneOffset.UTC);
        assertThat(sent.get(1).getMessageId()).isEqualTo("e-3");
        verify(sender, times(1)).sendMessages(batch);
        verify(sender, never()).scheduleMessages(anyIterable(), any());
        verify(sender, never()).scheduleMessage(any(), any());
    }

    @Test
    void aMessageForOneSubscriptionCarriesItInToAndOthersCarryNoTo() {
        OutgoingMessage copy = approved().addressedTo("reserve", "e-2.retry-1");

        publisher.publish(List.of(requested(), copy));

        List<ServiceBusMessage> sent = addedToTheBatch(2);
        assertThat(sent.get(0).getTo()).isNull();
        assertThat(sent.get(1).getTo()).isEqualTo("reserve");
        assertThat(sent.get(1).getMessageId()).isEqualTo("e-2.retry-1");
        assertThat(sent.get(1).getApplicationProperties()).containsEntry("type", "PaymentApproved");
    }

    @Test
    void anEmptyListSendsNothing() {
        publisher.publish(List.of());

        verifyNoInteractions(sender, batch);
    }

    private static OutgoingMessage cancelled() {
        return new OutgoingMessage("e-3", "r-1", "ReservationCancelled", "c-1", "{\"id\":\"e-3\"}", null);
    }

    @Test
    void messagesThatDoNotFitOneBatchAreSentInAsManyBatchesAsItTakesInOrder() {
        ServiceBusMessageBatch second = mock(ServiceBusMessageBatch.class);
        when(sender.createMessageBatch()).thenReturn(batch, second);
        when(batch.tryAddMessage(any())).thenReturn(true, true, false);
        when(second.tryAddMessage(any())).thenReturn(true);

        publisher.publish(List.of(requested(), approved(), cancelled()));

        InOrder order = inOrder(sender);
        order.verify(sender).sendMessages(batch);
        order.verify(sender).sendMessages(second);
        assertThat(addedToTheBatch(3)).extracting(ServiceBusMessage::getMessageId)
                .containsExactly("e-1", "e-2", "e-3");
        ArgumentCaptor<ServiceBusMessage> inSecond = ArgumentCaptor.forClass(ServiceBusMessage.class);
        verify(second).tryAddMessage(inSecond.capture());
        assertThat(inSecond.getValue().getMessageId()).isEqualTo("e-3");
    }

    @Test
    void aMessageThatDoesNotFitAnEmptyBatchIsRefusedByItsIdAfterTheMessagesBeforeItWereSent() {
        ServiceBusMessageBatch second = mock(ServiceBusMessageBatch.class);
        when(sender.createMessageBatch()).thenReturn(batch, second);
        when(batch.tryAddMessage(any())).thenReturn(true, false);
        when(second.tryAddMessage(any())).thenReturn(false);

        assertThatThrownBy(() -> publisher.publish(List.of(requested(), approved(), cancelled())))
                .isInstanceOf(TopicRejectedException.class)
                .hasMessageContaining("can never be sent")
                .satisfies(e -> {
                    assertThat(((TopicRejectedException) e).messageId()).isEqualTo("e-2");
                    assertThat(((TopicRejectedException) e).reason())
                            .isEqualTo(TopicRejectedException.MESSAGE_TOO_LARGE);
                });
        verify(sender).sendMessages(batch);
        verify(sender, never()).sendMessages(second);
    }

    @Test
    void aTransientFailureOfALaterBatchThrowsAfterTheEarlierBatchWasSent() {
        ServiceBusMessageBatch second = mock(ServiceBusMessageBatch.class);
        when(sender.createMessageBatch()).thenReturn(batch, second);
        when(batch.tryAddMessage(any())).thenReturn(true, false);
        when(second.tryAddMessage(any())).thenReturn(true);
        doThrow(serviceBusFailure(true, AmqpErrorCondition.SERVER_BUSY_ERROR)).when(sender).sendMessages(second);

        assertThatThrownBy(() -> publisher.publish(List.of(requested(), approved())))
                .isInstanceOf(TopicUnavailableException.class);
        verify(sender).sendMessages(batch);
    }

    @Test
    void aTransientFailureLeftAfterTheClientsRetriesBecomesTopicUnavailableAfterTheSendWasTriedAndLogged() {
        ServiceBusException busy = serviceBusFailure(true, AmqpErrorCondition.SERVER_BUSY_ERROR);
        doThrow(busy).when(sender).sendMessages(batch);

        String log = stderrOf(() -> assertThatThrownBy(() -> publisher.publish(List.of(requested())))
                .isInstanceOf(TopicUnavailableException.class)
                .hasCause(busy)
                .hasMessageContaining("SERVICE_BUSY")
                .satisfies(e -> assertThat(((TopicUnavailableException) e).reason()).isEqualTo("SERVICE_BUSY")));

        verify(sender).sendMessages(batch);
        assertThat(log).contains("unavailable", "e-1", "ReservationRequested", "r-1", "c-1");
    }

    @Test
    void aTransientFailureWhileCreatingTheBatchAlsoBecomesTopicUnavailable() {
        when(sender.createMessageBatch()).thenThrow(serviceBusFailure(true, AmqpErrorCondition.TIMEOUT_ERROR));

        assertThatThrownBy(() -> publisher.publish(List.of(requested())))
                .isInstanceOf(TopicUnavailableException.class);
        verify(sender, never()).sendMessages(any(ServiceBusMessageBatch.class));
    }

    @Test
    void anUnauthorizedSenderIsAPermanentFailureWithItsReasonNotTopicUnavailable() {
        ServiceBusException unauthorized = serviceBusFailure(false, AmqpErrorCondition.UNAUTHORIZED_ACCESS);
        doThrow(unauthorized).when(sender).sendMessages(batch);

        assertThatThrownBy(() -> publisher.publish(List.of(requested())))
                .isInstanceOf(TopicRejectedException.class)
                .isNotInstanceOf(TopicUnavailableException.class)
                .hasCause(unauthorized)
                .satisfies(e -> assertThat(((TopicRejectedException) e).reason()).isEqualTo("UNAUTHORIZED"))
                .satisfies(e -> assertThat(((TopicRejectedException) e).messageId())
                        .as("the topic refuses everything: no message is to blame").isNull());
    }

    @Test
    void aMissingTopicIsAPermanentFailureWithItsReason() {
        doThrow(serviceBusFailure(false, AmqpErrorCondition.NOT_FOUND)).when(sender).sendMessages(batch);

        assertThatThrownBy(() -> publisher.publish(List.of(requested())))
                .isInstanceOf(TopicRejectedException.class)
                .satisfies(e -> assertThat(((TopicRejectedException) e).reason())
                        .isEqualTo("MESSAGING_ENTITY_NOT_FOUND"));
    }

    @Test
    void aMessageTooLargeForAnyBatchIsAPermanentFailureAndNothingIsSent() {
        when(batch.tryAddMessage(any()))
                .thenThrow(serviceBusFailure(false, AmqpErrorCondition.LINK_PAYLOAD_SIZE_EXCEEDED));

        assertThatThrownBy(() -> publisher.publish(List.of(requested())))
                .isInstanceOf(TopicRejectedException.class)
                .satisfies(e -> assertThat(((TopicRejectedException) e).reason()).isEqualTo("MESSAGE_SIZE_EXCEEDED"))
                .satisfies(e -> assertThat(((TopicRejectedException) e).messageId()).isEqualTo("e-1"));
        verify(sender, never()).sendMessages(any(ServiceBusMessageBatch.class));
    }

    @Test
    void aMessageWithoutAnIdIsRefusedBeforeAnythingIsSent() {
        OutgoingMessage noId = new OutgoingMessage(null, "r-1", "ReservationRequested", "c-1", "{}", null);

        assertThatThrownBy(() -> publisher.publish(List.of(requested(), noId)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("message id");
        verifyNoInteractions(batch);
        verify(sender, never()).sendMessages(any(ServiceBusMessageBatch.class));
    }

    @Test
    void anUnexpectedErrorIsNotSwallowed() {
        IllegalStateException closed = new IllegalStateException("Cannot send when the sender is disposed");
        doThrow(closed).when(sender).sendMessages(batch);

        assertThatThrownBy(() -> publisher.publish(List.of(requested()))).isSameAs(closed);
    }

    @Test
    void eachSentMessageIsLoggedAtDebugWithItsIdTypeSessionAndCorrelation() {
        // a line per message is DEBUG: at INFO (Azure's default) Application Insights would take one a message
        Logger logger = (Logger) LoggerFactory.getLogger(ServiceBusEventPublisher.class);
        Level configured = logger.getLevel();
        String atInfo = stderrOf(() -> publisher.publish(List.of(requested())));
        String atDebug;
        logger.setLevel(Level.DEBUG);
        try {
            atDebug = stderrOf(() -> publisher.publish(List.of(requested(), approved())));
        } finally {
            logger.setLevel(configured);
        }

        assertThat(atInfo).doesNotContain("sent ReservationRequested");
        assertThat(atDebug).contains("sent ReservationRequested e-1 of reservation r-1 (correlation c-1)")
                .contains("sent PaymentApproved e-2 of reservation r-2 (correlation c-2)");
    }

    @Test
    void theClientRetriesTransientFailuresWithBoundedExponentialBackoff() {
        AmqpRetryOptions retry = ServiceBusSenders.retryOptions();

        assertThat(retry.getMode()).isEqualTo(AmqpRetryMode.EXPONENTIAL);
        assertThat(retry.getMaxRetries()).isEqualTo(ServiceBusSenders.MAX_RETRIES).isPositive();
        assertThat(retry.getDelay()).isLessThan(retry.getMaxDelay());
        assertThat(retry.getTryTimeout()).isEqualTo(ServiceBusSenders.TRY_TIMEOUT);
    }

    /** slf4j-simple writes to the current System.err, so swapping it captures what was logged. */
    private static String stderrOf(Runnable action) {
        PrintStream original = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            action.run();
        } finally {
            System.setErr(original);
        }
        String text = captured.toString(StandardCharsets.UTF_8);
        original.print(text);
        return text;
    }
}
