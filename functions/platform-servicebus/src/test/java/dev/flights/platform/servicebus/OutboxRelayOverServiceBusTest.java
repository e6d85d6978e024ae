package dev.flights.platform.servicebus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.inOrder;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import com.azure.core.amqp.exception.AmqpErrorCondition;
import com.azure.core.amqp.exception.AmqpException;
import com.azure.messaging.servicebus.ServiceBusErrorSource;
import com.azure.messaging.servicebus.ServiceBusException;
import com.azure.messaging.servicebus.ServiceBusMessage;
import com.azure.messaging.servicebus.ServiceBusMessageBatch;
import com.azure.messaging.servicebus.ServiceBusSenderClient;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.flights.contract.FlightId;
import dev.flights.contract.Money;
import dev.flights.contract.UserId;
import dev.flights.contract.codec.EventCodec;
import dev.flights.contract.events.PaymentRetryDue;
import dev.flights.contract.events.ReservationCancelled;
import dev.flights.contract.events.ReservationRequested;
import dev.flights.contract.events.SagaEvent;
import dev.flights.platform.inprocess.InMemoryDocumentStore;
import dev.flights.platform.outbox.Outbox;
import dev.flights.platform.outbox.OutboxRelay;
import dev.flights.platform.store.ContainerLayout;
import dev.flights.platform.store.DocumentContainer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import org.mockito.InOrder;

/** The relay over the real Service Bus publisher, with the SDK mocked: what a page does to batches. */
class OutboxRelayOverServiceBusTest {

    private static final UUID RESERVATION = UUID.fromString("11111111-2222-4333-8444-555555555555");
    private static final UserId ALICE = new UserId("alice");
    private static final Instant AT = Instant.parse("2025-03-01T10:00:00Z");

    private final ServiceBusSenderClient sender = mock(ServiceBusSenderClient.class);
    private final ServiceBusMessageBatch batch = mock(ServiceBusMessageBatch.class);
    private final InMemoryDocumentStore store = new InMemoryDocumentStore();
    private final DocumentContainer reservations = store.container(ContainerLayout.RESERVATIONS);
    private final OutboxRelay relay = new OutboxRelay(new ServiceBusEventPublisher(sender), store,
            Clock.systemUTC(), Duration.ofDays(7));
    private final Outbox outbox = new Outbox("/apps/reserve", "reservationId");

    private ObjectNode written(SagaEvent event, Instant scheduled) {
        return reservations.upsert(outbox.document(RESERVATION.toString(), event, scheduled));
    }

    private String changeFeed() {
        ArrayNode page = EventCodec.json().createArrayNode();
        page.addAll(reservations.readChanges(null, 100).documents());
        return page.toString();
    }

    private String statusOf(ObjectNode document) {
        return reservations.read(RESERVATION.toString(), document.path("id").asText()).orElseThrow()
                .path(Outbox.STATUS).asText();
    }

    private static ReservationRequested requested(String flight) {
        return new ReservationRequested(UUID.randomUUID(), AT, RESERVATION, ALICE, new FlightId(flight), Money.of(100));
    }

    @Test
    void theRelaySendsAnOutboxDocumentsScheduledMessageWithItsTime() {
        when(sender.createMessageBatch()).thenReturn(batch);
        when(batch.tryAddMessage(any())).thenReturn(true);
        PaymentRetryDue retry = new PaymentRetryDue(UUID.randomUUID(), AT, RESERVATION, ALICE, new FlightId("KE1"),
                Money.of(100), 1);
        written(retry, Instant.parse("2030-01-01T00:00:00Z"));

        assertThat(relay.relay(ContainerLayout.RESERVATIONS, changeFeed())).isEqualTo(1);

        ArgumentCaptor<ServiceBusMessage> added = ArgumentCaptor.forClass(ServiceBusMessage.class);
        verify(batch).tryAddMessage(added.capture());
        assertThat(added.getValue().getMessageId()).isEqualTo(retry.eventId().toString());
        assertThat(added.getValue().getScheduledEnqueueTime())
                .isEqualTo(OffsetDateTime.of(2030, 1, 1, 0, 0, 0, 0, ZoneOffset.UTC));
        verify(sender).sendMessages(batch);
    }

    @Test
    void anUnavailableTopicFailsTheRelaySoTheChangeIsDeliveredAgainAndResentUnderTheSameId() {
        when(sender.createMessageBatch()).thenReturn(batch);
        when(batch.tryAddMessage(any())).thenReturn(true);
        doThrow(new ServiceBusException(new AmqpException(true, AmqpErrorCondition.SERVER_BUSY_ERROR, "busy", null),
                ServiceBusErrorSource.SEND)).doNothing().when(sender).sendMessages(batch);
        ReservationRequested event = requested("KE1");
        ObjectNode doc = written(event, null);
        String page = changeFeed();

        assertThatThrownBy(() -> relay.relay(ContainerLayout.RESERVATIONS, page))
                .isInstanceOf(TopicUnavailableException.class);
        assertThat(statusOf(doc)).isEmpty();
        assertThat(relay.relay(ContainerLayout.RESERVATIONS, page)).isEqualTo(1);

        ArgumentCaptor<ServiceBusMessage> added = ArgumentCaptor.forClass(ServiceBusMessage.class);
        verify(batch, times(2)).tryAddMessage(added.capture());
        assertThat(added.getAllValues()).extracting(ServiceBusMessage::getMessageId)
                .containsExactly(event.eventId().toString(), event.eventId().toString());
        verify(sender, times(2)).sendMessages(batch);
        assertThat(statusOf(doc)).isEqualTo(Outbox.RELAYED);
    }

    @Test
    void aPageLargerThanOneBatchAndAPoisonDocumentDoNotStopTheRelay() {
        ServiceBusMessageBatch second = mock(ServiceBusMessageBatch.class);
        ServiceBusMessageBatch third = mock(ServiceBusMessageBatch.class);
        when(sender.createMessageBatch()).thenReturn(batch, second, third);
        // the first batch takes two messages; the poison one does not fit even an empty batch
        when(batch.tryAddMessage(any())).thenReturn(true, true, false);
        when(second.tryAddMessage(any())).thenReturn(false);
        when(third.tryAddMessage(any())).thenReturn(true);
        ObjectNode first = written(requested("KE1"), null);
        ObjectNode secondDoc = written(requested("KE2"), null);
        ObjectNode tooLarge = written(new ReservationCancelled(UUID.randomUUID(), AT, RESERVATION, ALICE,
                new FlightId("KE1")), null);
        ObjectNode unparseable = reservations.upsert(outbox.document(RESERVATION.toString(), requested("KE3"), null)
                .put("body", "{"));
        ObjectNode last = written(requested("KE4"), null);

        assertThat(relay.relay(ContainerLayout.RESERVATIONS, changeFeed())).isEqualTo(3);

        InOrder order = inOrder(sender);
        order.verify(sender).sendMessages(batch);
        order.verify(sender).sendMessages(third);
        verify(sender, never()).sendMessages(second);
        ArgumentCaptor<ServiceBusMessage> lastBatch = ArgumentCaptor.forClass(ServiceBusMessage.class);
        verify(third).tryAddMessage(lastBatch.capture());
        assertThat(lastBatch.getValue().getMessageId()).isEqualTo(last.path("messageId").asText());
        assertThat(List.of(statusOf(first), statusOf(secondDoc), statusOf(tooLarge), statusOf(unparseable),
                statusOf(last))).containsExactly(Outbox.RELAYED, Outbox.RELAYED, Outbox.PARKED, Outbox.PARKED,
                Outbox.RELAYED);
        assertThat(relay.relay(ContainerLayout.RESERVATIONS, changeFeed()))
                .as("the relay's own marks come back on the change feed and are skipped").isZero();
    }
}
