package dev.flights.localhost.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.flights.localhost.LocalHostRuntime;
import dev.flights.platform.messaging.OutgoingMessage;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * An operator's dead letters over HTTP, through the consuming app's own admin functions: a saga event that issue-ticket
 * cannot handle (its store refuses it, 403, which no retry fixes) ends in the issue-ticket dead-letter queue with
 * its reason and description; once the cause is mended it is resubmitted and handled once; resubmitting an event
 * that was handled already changes nothing.
 */
class DeadLetterIT {

    private static final String LIST = "/api/ops/dead-letters/issue-ticket";
    private static final String RESUBMIT = "/api/ops/dead-letters/issue-ticket/resubmit";

    private final LocalHostRuntime host = SharedLocalHost.get();
    private final Api api = new Api(host.baseUri());

    @Test
    void aDeadLetteredEventIsListedResubmittedAfterTheCauseIsMendedAndHandledOnce() {
        String customer = Api.newCustomer();
        api.deposit(customer, 100);
        String id;
        JsonNode letter;
        host.storeOf("issue-ticket").setRejecting(true);
        try {
            id = api.reserve(customer, "KE9");
            letter = Api.await(() -> deadLetterOf(id), found -> found != null,
                    "the confirmation of " + id + " in issue-ticket's dead letters");
        } finally {
            host.storeOf("issue-ticket").setRejecting(false);
        }

        assertThat(letter.path("type").asText()).isEqualTo("ReservationConfirmed");
        assertThat(letter.path("reason").asText()).isEqualTo("MaxDeliveryCountExceeded");
        assertThat(letter.path("description").asText()).contains("StoreRejectedException").contains("403");
        assertThat(letter.path("deliveryCount").asInt()).isEqualTo(10);
        assertThat(letter.path("sequenceNumber").isIntegralNumber()).isTrue();
        host.awaitQuiet(Duration.ofSeconds(20));
        assertThat(api.reservation(id).path("status").asText()).as("nothing moved while it was dead")
                .isEqualTo("CONFIRMED");
        assertThat(deadLetterOf(id)).as("listing takes nothing away").isNotNull();

        long number = letter.path("sequenceNumber").asLong();
        Api.Response resubmitted = resubmit(number);

        assertThat(resubmitted.status()).isEqualTo(200);
        assertThat(resubmitted.body().path("resubmitted")).singleElement().satisfies(r -> {
            assertThat(r.path("sequenceNumber").asLong()).isEqualTo(number);
            assertThat(r.path("messageId").asText()).isEqualTo(letter.path("messageId").asText());
            assertThat(r.path("resubmittedAs").asText()).isNotEqualTo(letter.path("messageId").asText());
        });
        String ticket = api.awaitStatus(id, "TICKETED").path("ticketNumber").asText();
        host.awaitQuiet(Duration.ofSeconds(20));
        assertThat(deadLetterOf(id)).as("the dead letter is gone").isNull();
        assertThat(ticketsIssuedFor(id)).isEqualTo(1);
        assertThat(resubmit(number).body().path("notFound")).as("a dead letter is resubmitted once")
                .singleElement().satisfies(n -> assertThat(n.asLong()).isEqualTo(number));

        // Service Bus redelivers a message whose lock expired after the work was done; that late copy dead-letters
        OutgoingMessage confirmation = host.topic().acceptedMessages().stream()
                .filter(m -> m.type().equals("ReservationConfirmed") && m.sessionId().equals(id) && m.to() == null)
                .findFirst().orElseThrow();
        host.storeOf("issue-ticket").setRejecting(true);
        JsonNode late;
        try {
            host.topic().redeliver("issue-ticket", confirmation);
            late = Api.await(() -> deadLetterOf(id), found -> found != null, "the late copy in the dead letters");
        } finally {
            host.storeOf("issue-ticket").setRejecting(false);
        }
        assertThat(late.path("sequenceNumber").asLong()).isGreaterThan(number);

        assertThat(resubmit(late.path("sequenceNumber").asLong()).status()).isEqualTo(200);
        host.awaitQuiet(Duration.ofSeconds(20));

        assertThat(deadLetterOf(id)).isNull();
        JsonNode after = api.reservation(id);
        assertThat(after.path("status").asText()).isEqualTo("TICKETED");
        assertThat(after.path("ticketNumber").asText()).isEqualTo(ticket);
        assertThat(ticketsIssuedFor(id)).as("handled already: no second ticket").isEqualTo(1);
        assertThat(api.balance(customer)).isZero();
    }

    private Api.Response resubmit(long sequenceNumber) {
        return api.post(RESUBMIT, "{\"sequenceNumbers\":[" + sequenceNumber + "]}", Map.of());
    }

    private long ticketsIssuedFor(String reservationId) {
        return host.topic().acceptedMessages().stream()
                .filter(m -> m.type().equals("TicketIssued") && m.sessionId().equals(reservationId)).count();
    }

    private JsonNode deadLetterOf(String reservationId) {
        Long from = null;
        do {
            Api.Response page = api.get(LIST + (from == null ? "" : "?from=" + from));
            assertThat(page.status()).isEqualTo(200);
            assertThat(page.body().path("subscription").asText()).isEqualTo("issue-ticket");
            for (JsonNode letter : page.body().path("items")) {
                if (letter.path("sessionId").asText().equals(reservationId)) {
                    return letter;
                }
            }
            from = page.body().has("next") ? page.body().path("next").asLong() : null;
        } while (from != null);
        return null;
    }
}
