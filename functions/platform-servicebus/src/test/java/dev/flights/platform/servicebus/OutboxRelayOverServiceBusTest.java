package dev.flights.platform.servicebus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.mock;
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
import dev.flights.platform.outbox.OutboxRelay;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;

class OutboxRelayOverServiceBusTest {

    private static final String PAGE = """
            [{"id":"x","docType":"outbox","messageId":"e-1","sessionId":"r-1","type":"PaymentDeferred",
              "correlationId":"c-1","body":"{}","scheduledEnqueueTime":"2030-01-01T00:00:00Z"},
             {"id":"y","docType":"reservation"}]
            """;

    private final ServiceBusSenderClient sender = mock(ServiceBusSenderClient.class);
    private final ServiceBusMessageBatch batch = mock(ServiceBusMessageBatch.class);
    private final OutboxRelay relay = new OutboxRelay(new ServiceBusEventPublisher(sender));

    @Test
    void theRelaySendsAnOutboxDocumentsScheduledMessageWithItsTime() {
        when(sender.createMessageBatch()).thenReturn(batch);
        when(batch.tryAddMessage(any())).thenReturn(true);

        assertThat(relay.relay(PAGE)).isEqualTo(1);

        ArgumentCaptor<ServiceBusMessage> added = ArgumentCaptor.forClass(ServiceBusMessage.class);
        verify(batch).tryAddMessage(added.capture());
        assertThat(added.getValue().getMessageId()).isEqualTo("e-1");
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

        assertThatThrownBy(() -> relay.relay(PAGE)).isInstanceOf(TopicUnavailableException.class);
        assertThat(relay.relay(PAGE)).isEqualTo(1);

        ArgumentCaptor<ServiceBusMessage> added = ArgumentCaptor.forClass(ServiceBusMessage.class);
        verify(batch, times(2)).tryAddMessage(added.capture());
        assertThat(added.getAllValues()).extracting(ServiceBusMessage::getMessageId).isEqualTo(List.of("e-1", "e-1"));
        verify(sender, times(2)).sendMessages(batch);
    }
}
