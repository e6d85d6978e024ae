package dev.flights.contract.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.flights.contract.FlightId;
import dev.flights.contract.Money;
import dev.flights.contract.UserId;
import dev.flights.contract.events.EventType;
import dev.flights.contract.events.ReservationRequested;
import dev.flights.contract.events.SagaEvent;
import java.lang.reflect.RecordComponent;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class EventCodecTest {

    private static final String SOURCE = "/apps/reserve";
    private static final String CORRELATION = "corr-42";

    private static SagaEvent sample(EventType type) {
        return SampleEvents.oneOfEach().get(type);
    }

    private static ObjectNode encodedTree(SagaEvent event) throws Exception {
        return (ObjectNode) EventCodec.json().readTree(EventCodec.encode(event, SOURCE, CORRELATION));
    }

    @Test
    void theSamplesCoverEveryEventType() {
        assertThat(SampleEvents.oneOfEach().keySet()).containsExactlyInAnyOrder(EventType.values());
    }

    @ParameterizedTest
    @EnumSource(EventType.class)
    void everyEventTypeSurvivesAnEncodeAndDecodeRoundTrip(EventType type) {
        SagaEvent event = sample(type);

        ReceivedEvent received = EventCodec.decode(EventCodec.encode(event, SOURCE, CORRELATION));

        assertThat(received.event()).isEqualTo(event);
        assertThat(received.event().type()).isEqualTo(type);
        assertThat(received.source()).isEqualTo(SOURCE);
        assertThat(received.correlationId()).isEqualTo(CORRELATION);
    }

    @ParameterizedTest
    @EnumSource(EventType.class)
    void theEnvelopeCarriesTheCloudEventsAttributes(EventType type) throws Exception {
        SagaEvent event = sample(type);

        ObjectNode json = encodedTree(event);

        assertThat(json.path("specversion").asText()).isEqualTo("1.0");
        assertThat(json.path("id").asText()).isEqualTo(event.eventId().toString());
        assertThat(json.path("source").asText()).isEqualTo(SOURCE);
        assertThat(json.path("type").asText()).isEqualTo(event.getClass().getSimpleName());
        assertThat(json.path("subject").asText()).isEqualTo(event.reservationId().toString());
        assertThat(json.path("time").isTextual()).isTrue();
        assertThat(java.time.Instant.parse(json.path("time").asText())).isEqualTo(event.occurredAt());
        assertThat(json.path("correlationid").asText()).isEqualTo(CORRELATION);
        assertThat(json.path("data").isObject()).isTrue();
    }

    @ParameterizedTest
    @EnumSource(EventType.class)
    void theDataHoldsTheRecordFieldsButNotTheEventIdOrTime(EventType type) throws Exception {
        SagaEvent event = sample(type);

        JsonNode data = encodedTree(event).path("data");

        assertThat(data.has("eventId")).isFalse();
        assertThat(data.has("occurredAt")).isFalse();
        for (RecordComponent component : event.getClass().getRecordComponents()) {
            String name = component.getName();
            if (name.equals("eventId") || name.equals("occurredAt")) {
                continue;
            }
            assertThat(data.has(name)).as("data has %s", name).isTrue();
        }
        assertThat(data.path("reservationId").asText()).isEqualTo(event.reservationId().toString());
    }

    @ParameterizedTest
    @EnumSource(EventType.class)
    void moneyTravelsAsAJsonNumberAndIdsAsStrings(EventType type) throws Exception {
        SagaEvent event = sample(type);

        JsonNode data = encodedTree(event).path("data");

        for (RecordComponent component : event.getClass().getRecordComponents()) {
            JsonNode value = data.path(component.getName());
            if (component.getType() == Money.class) {
                assertThat(value.isIntegralNumber()).as("%s is a number", component.getName()).isTrue();
                Money money = (Money) component.getAccessor().invoke(event);
                assertThat(value.asLong()).isEqualTo(money.amount());
            }
            if (component.getType() == UserId.class || component.getType() == FlightId.class
                    || component.getType() == UUID.class && !component.getName().equals("eventId")) {
                assertThat(value.isTextual()).as("%s is a string", component.getName()).isTrue();
                assertThat(value.asText()).isEqualTo(component.getAccessor().invoke(event).toString());
            }
        }
    }

    @Test
    void aRequestedReservationHasTheDataOfTheDesign() throws Exception {
        JsonNode data = encodedTree(sample(EventType.ReservationRequested)).path("data");

        assertThat(fieldNames(data)).containsExactlyInAnyOrder("reservationId", "userId", "flightId", "price");
        assertThat(data.path("userId").asText()).isEqualTo("alice.k_1");
        assertThat(data.path("flightId").asText()).isEqualTo("KE123");
        assertThat(data.path("price").isIntegralNumber()).isTrue();
        assertThat(data.path("price").asLong()).isEqualTo(100);
    }

    @Test
    void aDecodedEnvelopeWithoutACorrelationIdHasNone() {
        String json = EventCodec.encode(sample(EventType.TicketIssued), SOURCE, null);

        assertThat(json).doesNotContain("correlationid");
        assertThat(EventCodec.decode(json).correlationId()).isNull();
    }


    static Stream<Arguments> malformedDocuments() throws Exception {
        String valid = EventCodec.encode(sample(EventType.ReservationRequested), SOURCE, CORRELATION);
        return Stream.of(
                Arguments.of("not JSON at all", "this is not json"),
                Arguments.of("truncated JSON", valid.substring(0, valid.length() / 2)),
                Arguments.of("empty text", ""),
                Arguments.of("the JSON literal null", "null"),
                Arguments.of("a JSON array", "[" + valid + "]"),
                Arguments.of("a JSON string", "\"ReservationRequested\""),
                Arguments.of("an unknown type", edit(valid, e -> e.put("type", "ReservationTeleported"))),
                Arguments.of("no type", edit(valid, e -> e.remove("type"))),
                Arguments.of("a type in another case", edit(valid, e -> e.put("type", "reservationrequested"))),
                Arguments.of("no data", edit(valid, e -> e.remove("data"))),
                Arguments.of("null data", edit(valid, e -> e.putNull("data"))),
                Arguments.of("data that is not an object", edit(valid, e -> e.put("data", "text"))),
                Arguments.of("no reservationId", edit(valid, e -> data(e).remove("reservationId"))),
                Arguments.of("null reservationId", edit(valid, e -> data(e).putNull("reservationId"))),
                Arguments.of("a reservationId that is no UUID", edit(valid, e -> data(e).put("reservationId", "r-1"))),
                Arguments.of("no userId", edit(valid, e -> data(e).remove("userId"))),
                Arguments.of("a userId with a space", edit(valid, e -> data(e).put("userId", "alice k"))),
                Arguments.of("an empty userId", edit(valid, e -> data(e).put("userId", ""))),
                Arguments.of("a userId that is an object", edit(valid, e -> data(e).putObject("userId"))),
                Arguments.of("a flightId too short", edit(valid, e -> data(e).put("flightId", "K"))),
                Arguments.of("a negative price", edit(valid, e -> data(e).put("price", -1))),
                Arguments.of("a price that is text", edit(valid, e -> data(e).put("price", "cheap"))),
                Arguments.of("a fractional price", edit(valid, e -> data(e).put("price", 99.5))),
                Arguments.of("no price", edit(valid, e -> data(e).remove("price"))),
                Arguments.of("no flightId", edit(valid, e -> data(e).remove("flightId"))),
                Arguments.of("specversion 0.3", edit(valid, e -> e.put("specversion", "0.3"))),
                Arguments.of("no specversion", edit(valid, e -> e.remove("specversion"))),
                Arguments.of("no id", edit(valid, e -> e.remove("id"))),
                Arguments.of("an id that is no UUID", edit(valid, e -> e.put("id", "event-1"))),
                Arguments.of("no time", edit(valid, e -> e.remove("time"))),
                Arguments.of("a time that is no instant", edit(valid, e -> e.put("time", "yesterday"))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformedDocuments")
    void aMalformedDocumentIsRejectedAsMalformed(String description, String json) {
        assertThatThrownBy(() -> EventCodec.decode(json)).isInstanceOf(MalformedEventException.class);
    }

    @Test
    void aRetryDueWithoutItsAttemptIsMalformed() throws Exception {
        String valid = EventCodec.encode(sample(EventType.PaymentRetryDue), SOURCE, CORRELATION);
        String json = edit(valid, e -> data(e).remove("attempt"));

        assertThatThrownBy(() -> EventCodec.decode(json)).isInstanceOf(MalformedEventException.class);
    }

    @Test
    void aNullCloudEventIsMalformed() {
        assertThatThrownBy(() -> EventCodec.decode((CloudEvent) null)).isInstanceOf(MalformedEventException.class);
    }

    @Test
    void theMessageOfAMalformedEventSaysWhatIsWrong() throws Exception {
        String valid = EventCodec.encode(sample(EventType.ReservationRequested), SOURCE, CORRELATION);

        assertThatThrownBy(() -> EventCodec.decode(edit(valid, e -> e.put("type", "Nope"))))
                .hasMessageContaining("Nope");
        assertThatThrownBy(() -> EventCodec.decode(edit(valid, e -> e.put("specversion", "0.3"))))
                .hasMessageContaining("specversion");
    }

    @Test
    void unknownDataFieldsAreIgnored() throws Exception {
        SagaEvent event = sample(EventType.ReservationRequested);
        String json = edit(EventCodec.encode(event, SOURCE, CORRELATION), e -> data(e).put("seat", "12A"));

        assertThat(EventCodec.decode(json).event()).isEqualTo(event);
    }

    @Test
    void theEnvelopeTimeAndIdWinOverFieldsOfTheSameNameInTheData() throws Exception {
        ReservationRequested event = (ReservationRequested) sample(EventType.ReservationRequested);
        String json = edit(EventCodec.encode(event, SOURCE, CORRELATION),
                e -> data(e).put("eventId", UUID.randomUUID().toString()).put("occurredAt", "2000-01-01T00:00:00Z"));

        SagaEvent decoded = EventCodec.decode(json).event();

        assertThat(decoded.eventId()).isEqualTo(event.eventId());
        assertThat(decoded.occurredAt()).isEqualTo(event.occurredAt());
    }

    @ParameterizedTest
    @ValueSource(strings = {"userId", "flightId"})
    void idsThatAreNumbersInsteadOfStringsAreMalformed(String field) throws Exception {
        String valid = EventCodec.encode(sample(EventType.ReservationRequested), SOURCE, CORRELATION);
        String json = edit(valid, e -> data(e).put(field, 12345));

        assertThatThrownBy(() -> EventCodec.decode(json)).isInstanceOf(MalformedEventException.class);
    }

    private static Set<String> fieldNames(JsonNode node) {
        Set<String> names = new java.util.HashSet<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static ObjectNode data(ObjectNode envelope) {
        return (ObjectNode) envelope.get("data");
    }

    private static String edit(String json, Consumer<ObjectNode> change) throws Exception {
        ObjectNode tree = (ObjectNode) EventCodec.json().readTree(json);
        change.accept(tree);
        return EventCodec.json().writeValueAsString(tree);
    }
}
