package dev.flights.localhost.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.flights.localhost.LocalHostRuntime;
import dev.flights.platform.store.ContainerLayout;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** One scenario per business rule, over HTTP against the local host, as a customer would. */
class ReservationSagaIT {

    private final LocalHostRuntime host = SharedLocalHost.get();
    private final Api api = new Api(host.baseUri());

    @Test
    void aReservationPaidFromTheBalanceIsTicketed_F1toF4_F9() {
        String customer = Api.newCustomer();
        assertThat(api.deposit(customer, 150).body().path("balance").asLong()).isEqualTo(150);

        String id = api.reserve(customer, "KE123");
        JsonNode ticketed = api.awaitStatus(id, "TICKETED");

        assertThat(ticketed.path("price").asLong()).isEqualTo(100);
        assertThat(ticketed.path("ticketNumber").asText()).startsWith("TK-");
        assertThat(api.balance(customer)).isEqualTo(50);
    }

    @Test
    void aReservationAboveTheBalanceIsRejectedAndNothingIsCharged_F5() {
        String customer = Api.newCustomer();
        api.deposit(customer, 70);

        String id = api.reserve(customer, "KE123");
        JsonNode rejected = api.awaitStatus(id, "REJECTED");

        assertThat(rejected.path("ticketNumber").isNull()).isTrue();
        host.awaitQuiet(Duration.ofSeconds(20));
        assertThat(api.balance(customer)).isEqualTo(70);
        assertThat(api.cancel(id).status()).isEqualTo(409);
    }

    @Test
    void cancellingATicketedReservationRefundsThePriceAndVoidsTheTicket_F6toF8_F10() {
        String customer = Api.newCustomer();
        api.deposit(customer, 150);
        String id = api.reserve(customer, "OZ201");
        api.awaitStatus(id, "TICKETED");

        assertThat(api.cancel(id).status()).isEqualTo(202);
        JsonNode settled = api.awaitReservation(id,
                r -> r.path("refunded").asBoolean() && r.path("ticketVoided").asBoolean(), "refunded and voided");

        assertThat(settled.path("status").asText()).isEqualTo("CANCELLED");
        assertThat(api.balance(customer)).isEqualTo(150);
        assertThat(api.cancel(id).status()).as("cancelling twice is harmless").isEqualTo(202);
    }

    @Test
    void theCustomerIsNotifiedOfEveryStep_F11() {
        String customer = Api.newCustomer();
        api.deposit(customer, 150);
        String id = api.reserve(customer, "KE123");
        api.awaitStatus(id, "TICKETED");
        api.cancel(id);

        List<String> expected = List.of("ReservationRequested", "PaymentApproved", "ReservationConfirmed",
                "TicketIssued", "ReservationCancelled", "PaymentRefunded", "TicketVoided");
        List<JsonNode> notifications = Api.await(() -> api.notifications(customer),
                n -> n.size() >= expected.size(), "seven notifications");

        assertThat(notifications).extracting(n -> n.path("type").asText()).containsExactlyInAnyOrderElementsOf(expected);
        assertThat(notifications).allSatisfy(n -> assertThat(n.path("message").asText()).isNotBlank());
    }

    @Test
    void theReservationListIsTheReadModelBuiltFromTheChangeFeed_N4() {
        String customer = Api.newCustomer();
        api.deposit(customer, 250);
        String first = api.reserve(customer, "KE1");
        api.awaitStatus(first, "TICKETED");
        String second = api.reserve(customer, "KE2");
        api.awaitStatus(second, "TICKETED");
        api.cancel(first);
        api.awaitReservation(first, r -> r.path("refunded").asBoolean(), "refunded");
        host.awaitQuiet(Duration.ofSeconds(20));

        List<JsonNode> list = api.list(customer);

        assertThat(list).extracting(i -> i.path("reservationId").asText()).containsExactly(second, first);
        assertThat(list.get(0).path("status").asText()).isEqualTo("TICKETED");
        assertThat(list.get(1).path("status").asText()).isEqualTo("CANCELLED");
        assertThat(list.get(1).path("refunded").asBoolean()).isTrue();
        assertThat(host.store().container(ContainerLayout.RESERVATION_VIEW).read(customer, first))
                .as("the list is served from the view container").isPresent();
    }

    @Test
    void theListStaysAsItWasWhileTheChangeFeedIsStoppedAndCatchesUpAfter_N4() {
        String customer = Api.newCustomer();
        api.deposit(customer, 150);
        host.setAvailable("reservation-view", false);
        String id;
        try {
            id = api.reserve(customer, "KE7");
            api.awaitStatus(id, "TICKETED");
            assertThat(host.store().container(ContainerLayout.RESERVATION_VIEW).read(customer, id)).isEmpty();
        } finally {
            host.setAvailable("reservation-view", true);
        }

        List<JsonNode> list = Api.await(() -> api.list(customer), l -> l.size() == 1, "the list to catch up");

        assertThat(list.get(0).path("status").asText()).isEqualTo("TICKETED");
    }
}
