package dev.flights.localhost.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.flights.localhost.LocalHostRuntime;
import dev.flights.platform.messaging.OutgoingMessage;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * As on Service Bus: a message whose function throws is abandoned and comes back at once, up to the max delivery
 * count (10), then goes to the dead-letter queue with reason MaxDeliveryCountExceeded and the exception as its
 * description; other reservations keep flowing meanwhile.
 */
class RedeliveryIT {

    private final LocalHostRuntime host = SharedLocalHost.get();
    private final Api api = new Api(host.baseUri());
    private final DeliveryLog deliveries = DeliveryLog.on(host.topic());

    @AfterEach
    void stopWatching() {
        host.topic().observeDeliveries(null);
    }

    @Test
    void aMessageWhoseFunctionAlwaysThrowsIsDeliveredTenTimesBackToBackThenDeadLetteredWithTheException() {
        String poisonId = UUID.randomUUID().toString();
        host.topic().publish(List.of(new OutgoingMessage(poisonId, UUID.randomUUID().toString(), "ReservationRequested",
                "poison-" + poisonId, "{\"specversion\":\"1.0\",\"type\":\"ReservationRequested\",\"data\":[]}", null)));
        String customer = Api.newCustomer();
        api.deposit(customer, 100);

        String id = api.reserve(customer, "KE7");

        api.awaitStatus(id, "TICKETED");
        JsonNode letter = Api.await(() -> deadLetter(poisonId), l -> l != null, "the poison message in pay's dead letters");
        assertThat(letter.path("reason").asText()).isEqualTo("MaxDeliveryCountExceeded");
        assertThat(letter.path("description").asText())
                .startsWith("dev.flights.contract.codec.MalformedEventException: ");
        assertThat(letter.path("deliveryCount").asInt()).isEqualTo(10);

        List<DeliveryLog.Entry> tries = deliveries.of("pay", poisonId);
        assertThat(tries).hasSize(20);
        long pauses = 0;
        for (int n = 0; n < 10; n++) {
            DeliveryLog.Entry start = tries.get(2 * n);
            DeliveryLog.Entry end = tries.get(2 * n + 1);
            assertThat(start.start()).isTrue();
            assertThat(start.message().deliveryCount()).isEqualTo(n + 1);
            assertThat(end.start()).isFalse();
            assertThat(end.failure()).isNotNull();
            if (n > 0) {
                pauses += start.nanos() - tries.get(2 * n - 1).nanos();
            }
        }
        // the old stand-in waited 100 ms, doubling to 2 s, between tries: several seconds over nine pauses
        assertThat(Duration.ofNanos(pauses)).as("time between the end of a try and the start of the next, summed")
                .isLessThan(Duration.ofMillis(500));
    }

    private JsonNode deadLetter(String messageId) {
        for (JsonNode letter : api.get("/api/ops/dead-letters/pay").body().path("items")) {
            if (letter.path("messageId").asText().equals(messageId)) {
                return letter;
            }
        }
        return null;
    }
}
