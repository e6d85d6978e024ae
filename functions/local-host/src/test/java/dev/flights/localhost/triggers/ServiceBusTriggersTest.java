package dev.flights.localhost.triggers;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flights.platform.messaging.ReceivedMessage;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ServiceBusTriggersTest {

    @Test
    void aFunctionGetsTheMessagesTriggerMetadataByTheNamesTheServiceBusExtensionUses() {
        ReceivedMessage message = new ReceivedMessage("e-1:reserve:retry-2", "r-1", "PaymentApproved", "c-1", "{}", 3);

        assertThat(ServiceBusTriggers.metadata(message)).isEqualTo(Map.of("MessageId", "e-1:reserve:retry-2",
                "SessionId", "r-1", "DeliveryCount", "3", "CorrelationId", "c-1"));
    }
}
