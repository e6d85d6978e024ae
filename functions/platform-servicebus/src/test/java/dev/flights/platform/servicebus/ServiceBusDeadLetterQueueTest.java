package dev.flights.platform.servicebus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.inOrder;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import com.azure.core.amqp.exception.AmqpErrorCondition;
import com.azure.core.amqp.exception.AmqpException;
import com.azure.core.util.BinaryData;
import com.azure.core.util.IterableStream;
import com.azure.messaging.servicebus.ServiceBusErrorSource;
import com.azure.messaging.servicebus.ServiceBusException;
import com.azure.messaging.servicebus.ServiceBusMessage;
import com.azure.messaging.servicebus.ServiceBusMessageBatch;
import com.azure.messaging.servicebus.ServiceBusReceivedMessage;
import com.azure.messaging.servicebus.ServiceBusReceiverClient;
import com.azure.messaging.servicebus.ServiceBusSenderClient;
import dev.flights.contract.topology.Subscriptions;
import dev.flights.platform.deadletters.DeadLetterQueueUnavailableException;
import dev.flights.platform.deadletters.DeadLetterSelection;
import dev.flights.platform.deadletters.DeadLetteredMessage;
import dev.flights.platform.deadletters.Resubmission;
import dev.flights.platform.deadletters.ResubmissionIds;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import org.mockito.InOrder;

/** The Service Bus dead-letter adapter against the SDK's receiver and sender, mocked (inline: they are final). */
class ServiceBusDeadLetterQueueTest {

    private final ServiceBusReceiverClient receiver = mock(ServiceBusReceiverClient.class);
    private final ServiceBusSenderClient sender = mock(ServiceBusSenderClient.class);
    private final ServiceBusMessageBatch batch = mock(ServiceBusMessageBatch.class);
    private final List<String> opened = new ArrayList<>();
    private final ServiceBusDeadLetterQueue deadLetters = new ServiceBusDeadLetterQueue(subscription -> {
        opened.add(subscription);
        return receiver;
    }, new ServiceBusEventPublisher(sender), Subscriptions.load().filters().keySet());

    @BeforeEach
    void aTopicThatTakesBatches() {
        when(sender.getEntityPath()).thenReturn("reservation-events");
        when(sender.createMessageBatch()).thenReturn(batch);
        when(batch.tryAddMessage(any())).thenReturn(true);
    }

    private static ServiceBusReceivedMessage deadLetter(long sequenceNumber, String messageId, String reservation) {
        ServiceBusReceivedMessage message = mock(ServiceBusReceivedMessage.class);
        when(message.getSequenceNumber()).thenReturn(sequenceNumber);
        when(message.getMessageId()).thenReturn(messageId);
        when(message.getSessionId()).thenReturn(reservation);
        when(message.getCorrelationId()).thenReturn("corr-" + reservation);
        when(message.getApplicationProperties()).thenReturn(Map.of("type", "ReservationConfirmed"));
        when(message.getBody()).thenReturn(BinaryData.fromString("{\"id\":\"" + messageId + "\"}"));
        when(message.getDeadLetterReason()).thenReturn("MaxDeliveryCountExceeded");
        when(message.getDeadLetterErrorDescription()).thenReturn("StoreRejectedException: 403 forbidden");
        when(message.getDeliveryCount()).thenReturn(10L);
        when(message.getEnqueuedTime()).thenReturn(OffsetDateTime.of(2026, 12, 2, 10, 0, 0, 0, ZoneOffset.UTC));
        return message;
    }

    @SafeVarargs
    private void receives(List<ServiceBusReceivedMessage>... batches) {
        var stubbing = when(receiver.receiveMessages(anyInt(), any(Duration.class)));
        for (List<ServiceBusReceivedMessage> next : batches) {
            stubbing = stubbing.thenReturn(new IterableStream<>(next));
        }
        stubbing.thenReturn(new IterableStream<>(List.of()));
    }

    private List<ServiceBusMessage> sent() {
        ArgumentCaptor<ServiceBusMessage> added = ArgumentCaptor.forClass(ServiceBusMessage.class);
        verify(batch, org.mockito.Mockito.atLeast(0)).tryAddMessage(added.capture());
        return added.getAllValues();
    }

    @Test
    void listingPeeksAndMapsReasonDescriptionSessionAndSequenceNumber() {
        ServiceBusReceivedMessage letter = deadLetter(41, "m-41", "r-1");
        when(receiver.peekMessages(100)).thenReturn(new IterableStream<>(List.of(letter)));

        List<DeadLetteredMessage> listed = deadLetters.list("issue-ticket", null, 100);

        assertThat(opened).containsExactly("issue-ticket");
        assertThat(listed).singleElement().satisfies(entry -> {
            assertThat(entry.sequenceNumber()).isEqualTo(41);
            assertThat(entry.messageId()).isEqualTo("m-41");
            assertThat(entry.sessionId()).isEqualTo("r-1");
            assertThat(entry.type()).isEqualTo("ReservationConfirmed");
            assertThat(entry.correlationId()).isEqualTo("corr-r-1");
            assertThat(entry.reason()).isEqualTo("MaxDeliveryCountExceeded");
            assertThat(entry.description()).isEqualTo("StoreRejectedException: 403 forbidden");
            assertThat(entry.deliveryCount()).isEqualTo(10);
            assertThat(entry.enqueuedAt()).hasToString("2026-12-02T10:00:00Z");
            assertThat(entry.body()).isEqualTo("{\"id\":\"m-41\"}");
        });
        verify(receiver, never()).receiveMessages(anyInt(), any(Duration.class));
        verify(receiver, never()).complete(any());
        verify(receiver).close();
    }

    @Test
    void listingFromASequenceNumberPeeksFromThere() {
        ServiceBusReceivedMessage letter = deadLetter(41, "m-41", "r-1");
        when(receiver.peekMessages(5, 40L)).thenReturn(new IterableStream<>(List.of(letter)));

        assertThat(deadLetters.list("issue-ticket", 40L, 5)).hasSize(1);
    }

    @Test
    void resubmittingSendsACopyAddressedToTheSubscriptionUnderANewIdThenCompletesTheDeadLetter() {
        ServiceBusReceivedMessage letter = deadLetter(41, "m-41", "r-1");
        receives(List.of(letter));

        Resubmission done = deadLetters.resubmit("issue-ticket", DeadLetterSelection.of(List.of(41L)));

        String copyId = ResubmissionIds.of("issue-ticket", "m-41", 41);
        assertThat(done.resubmitted()).singleElement().satisfies(r -> {
            assertThat(r.sequenceNumber()).isEqualTo(41);
            assertThat(r.resubmittedAs()).isEqualTo(copyId);
        });
        assertThat(done.notFound()).isEmpty();
        assertThat(done.failed()).isEmpty();
        ServiceBusMessage copy = sent().get(0);
        assertThat(copy.getMessageId()).isEqualTo(copyId).isNotEqualTo("m-41");
        assertThat(copy.getTo()).isEqualTo("issue-ticket");
        assertThat(copy.getSessionId()).isEqualTo("r-1");
        assertThat(copy.getCorrelationId()).isEqualTo("corr-r-1");
        assertThat(copy.getApplicationProperties()).containsEntry("type", "ReservationConfirmed");
        assertThat(copy.getBody().toString()).isEqualTo("{\"id\":\"m-41\"}");
        assertThat(copy.getScheduledEnqueueTime()).isNull();
        InOrder order = inOrder(sender, receiver);
        order.verify(sender).sendMessages(batch);
        order.verify(receiver).complete(letter);
        verify(receiver, never()).abandon(any());
    }

    @Test
    void aFailedSendAbandonsTheDeadLetterCompletesNothingAndStops() {
        ServiceBusReceivedMessage first = deadLetter(41, "m-41", "r-1");
        ServiceBusReceivedMessage second = deadLetter(42, "m-42", "r-2");
        receives(List.of(first, second));
        doThrow(new ServiceBusException(new AmqpException(true, AmqpErrorCondition.SERVER_BUSY_ERROR, "busy", null),
                ServiceBusErrorSource.SEND)).when(sender).sendMessages(any(ServiceBusMessageBatch.class));

        Resubmission done = deadLetters.resubmit("issue-ticket", DeadLetterSelection.everything());

        assertThat(done.resubmitted()).isEmpty();
        assertThat(done.failed()).singleElement().satisfies(f -> {
            assertThat(f.sequenceNumber()).isEqualTo(41);
            assertThat(f.reason()).contains("busy");
        });
        verify(receiver, never()).complete(any());
        verify(receiver).abandon(first);
        verify(receiver).abandon(second);
        verify(sender).sendMessages(any(ServiceBusMessageBatch.class));
    }

    @Test
    void onlyTheChosenSequenceNumbersAreCompletedTheOthersAreAbandonedAndScanningStopsPastTheHighestChosen() {
        ServiceBusReceivedMessage m40 = deadLetter(40, "m-40", "r-0");
        ServiceBusReceivedMessage m41 = deadLetter(41, "m-41", "r-1");
        ServiceBusReceivedMessage m42 = deadLetter(42, "m-42", "r-2");
        ServiceBusReceivedMessage m43 = deadLetter(43, "m-43", "r-3");
        receives(List.of(m40, m41), List.of(m42, m43));

        Resubmission done = deadLetters.resubmit("issue-ticket", DeadLetterSelection.of(List.of(41L, 42L, 7L)));

        assertThat(done.resubmitted()).extracting(Resubmission.Resubmitted::sequenceNumber).containsExactly(41L, 42L);
        assertThat(done.notFound()).containsExactly(7L);
        verify(receiver).complete(m41);
        verify(receiver).complete(m42);
        verify(receiver, never()).complete(m40);
        verify(receiver, never()).complete(m43);
        verify(receiver).abandon(m40);
        verify(receiver).abandon(m43);
        assertThat(sent()).extracting(ServiceBusMessage::getSessionId).containsExactly("r-1", "r-2");
    }

    @Test
    void aChosenNumberBelowEverythingInTheQueueStopsTheScanAtTheFirstBatch() {
        ServiceBusReceivedMessage m40 = deadLetter(40, "m-40", "r-0");
        ServiceBusReceivedMessage m41 = deadLetter(41, "m-41", "r-1");
        receives(List.of(m40), List.of(m41));

        Resubmission done = deadLetters.resubmit("issue-ticket", DeadLetterSelection.of(List.of(3L)));

        assertThat(done.resubmitted()).isEmpty();
        assertThat(done.notFound()).containsExactly(3L);
        verify(receiver).abandon(m40);
        verify(receiver).receiveMessages(anyInt(), any(Duration.class));
    }

    @Test
    void resubmittingAllStopsAtItsBoundAndSaysThereIsMore() {
        List<ServiceBusReceivedMessage> many = new ArrayList<>();
        for (int i = 1; i <= ServiceBusDeadLetterQueue.MAX_RESUBMIT + 1; i++) {
            many.add(deadLetter(i, "m-" + i, "r-" + i));
        }
        receives(many.subList(0, 50), many.subList(50, 100), many.subList(100, 101));

        Resubmission done = deadLetters.resubmit("issue-ticket", DeadLetterSelection.everything());

        assertThat(done.resubmitted()).hasSize(ServiceBusDeadLetterQueue.MAX_RESUBMIT);
        assertThat(done.more()).isTrue();
        verify(receiver, never()).complete(many.get(100));
        verify(receiver).abandon(many.get(100));
    }

    @Test
    void resubmittingAllStopsAtACopyOfItsOwnThatDeadLetteredAgainMeanwhile() {
        ServiceBusReceivedMessage letter = deadLetter(41, "m-41", "r-1");
        ServiceBusReceivedMessage failedAgain = deadLetter(97, ResubmissionIds.of("issue-ticket", "m-41", 41), "r-1");
        receives(List.of(letter), List.of(failedAgain));

        Resubmission done = deadLetters.resubmit("issue-ticket", DeadLetterSelection.everything());

        assertThat(done.resubmitted()).extracting(Resubmission.Resubmitted::sequenceNumber).containsExactly(41L);
        verify(receiver).complete(letter);
        verify(receiver, never()).complete(failedAgain);
        verify(receiver).abandon(failedAgain);
    }

    @Test
    void aDeadLetterWhoseCompletionFailsIsReportedAndItsNextResubmissionReusesTheSameCopyId() {
        ServiceBusReceivedMessage letter = deadLetter(41, "m-41", "r-1");
        receives(List.of(letter));
        doThrow(new IllegalStateException("lock lost")).when(receiver).complete(letter);

        Resubmission done = deadLetters.resubmit("issue-ticket", DeadLetterSelection.of(List.of(41L)));

        assertThat(done.resubmitted()).hasSize(1);
        assertThat(done.failed()).singleElement().satisfies(f -> assertThat(f.reason()).contains("lock lost"));
        assertThat(sent().get(0).getMessageId()).isEqualTo(ResubmissionIds.of("issue-ticket", "m-41", 41));
    }

    @Test
    void aReceiverTheBrokerRefusesIsAnUnavailableDeadLetterQueue() {
        when(receiver.peekMessages(100)).thenThrow(new ServiceBusException(
                new AmqpException(false, AmqpErrorCondition.UNAUTHORIZED_ACCESS, "no Listen claim", null),
                ServiceBusErrorSource.RECEIVE));

        assertThatThrownBy(() -> deadLetters.list("issue-ticket", null, 100))
                .isInstanceOf(DeadLetterQueueUnavailableException.class).hasMessageContaining("no Listen claim");
    }

    @Test
    void anUnknownSubscriptionOpensNoReceiver() {
        assertThatThrownBy(() -> deadLetters.list("billing", null, 100)).isInstanceOf(IllegalArgumentException.class);
        assertThat(opened).isEmpty();
    }
}
