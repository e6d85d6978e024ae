package dev.flights.contract.codec;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.flights.contract.FlightId;
import dev.flights.contract.Money;
import dev.flights.contract.UserId;
import dev.flights.contract.events.EventType;
import dev.flights.contract.events.SagaEvent;
import java.io.IOException;
import java.lang.reflect.RecordComponent;
import java.time.Instant;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Writes and reads saga events as CloudEvents JSON. The event id and time travel as the
 * envelope's {@code id} and {@code time}; everything else is the {@code data} of each event record in {@code dev.flights.contract.events}.
 */
public final class EventCodec {

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .addModule(valueTypes())
            // after the Java time module: a module added later is asked first
            .addModule(new SimpleModule("iso-instants").addDeserializer(Instant.class, new IsoInstants()))
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .build();

    /** Each type's data fields: its record's components but the envelope's id and time. */
    private static final Map<EventType, List<String>> DATA_FIELDS = dataFields();

    private EventCodec() {
    }

    /** The mapper every module uses for JSON: value types as scalars, times as ISO-8601. */
    public static ObjectMapper json() {
        return MAPPER;
    }

    public static CloudEvent envelope(SagaEvent event, String source, String correlationId) {
        ObjectNode data = MAPPER.valueToTree(event);
        data.remove("eventId");
        data.remove("occurredAt");
        return new CloudEvent(CloudEvent.SPEC_VERSION, event.eventId().toString(), source, event.type().name(),
                event.reservationId().toString(), event.occurredAt(), "application/json", correlationId, data);
    }

    public static String encode(SagaEvent event, String source, String correlationId) {
        return write(envelope(event, source, correlationId));
    }

    public static String write(CloudEvent cloudEvent) {
        try {
            return MAPPER.writeValueAsString(cloudEvent);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a cloud event always serializes", e);
        }
    }

    public static ReceivedEvent decode(String json) {
        CloudEvent cloudEvent;
        try {
            cloudEvent = MAPPER.readValue(json, CloudEvent.class);
        } catch (JsonProcessingException | IllegalArgumentException e) {
            throw new MalformedEventException("not a CloudEvents JSON document: " + e.getMessage(), e);
        }
        if (cloudEvent == null) {
            throw new MalformedEventException("not a CloudEvents JSON document: null");
        }
        // the data was just parsed and is nobody else's: no copy needed
        return decode(cloudEvent, false);
    }

    public static ReceivedEvent decode(CloudEvent cloudEvent) {
        return decode(cloudEvent, true);
    }

    private static ReceivedEvent decode(CloudEvent cloudEvent, boolean copyData) {
        if (cloudEvent == null) {
            throw new MalformedEventException("no cloud event");
        }
        if (!CloudEvent.SPEC_VERSION.equals(cloudEvent.specversion())) {
            throw new MalformedEventException("specversion must be 1.0, was " + cloudEvent.specversion());
        }
        EventType type = EventType.named(cloudEvent.type())
                .orElseThrow(() -> new MalformedEventException("unknown event type " + cloudEvent.type()));
        if (cloudEvent.id() == null || cloudEvent.time() == null || !(cloudEvent.data() instanceof ObjectNode data)) {
            throw new MalformedEventException("a " + type + " needs id, time and object data");
        }
        for (String field : DATA_FIELDS.get(type)) {
            if (!data.hasNonNull(field)) {
                throw new MalformedEventException("a " + type + " needs " + field + " in its data");
            }
        }
        ObjectNode fields = copyData ? data.deepCopy() : data;
        fields.put("eventId", cloudEvent.id());
        // as the mapper writes an instant (ISO-8601, Instant.toString)
        fields.put("occurredAt", cloudEvent.time().toString());
        try {
            SagaEvent event = MAPPER.treeToValue(fields, type.recordType());
            if (event.reservationId() == null || event.userId() == null) {
                throw new MalformedEventException("a " + type + " needs reservationId and userId");
            }
            return new ReceivedEvent(event, cloudEvent.source(), cloudEvent.correlationid());
        } catch (JsonProcessingException | IllegalArgumentException e) {
            throw new MalformedEventException("bad data for " + type + ": " + e.getMessage(), e);
        }
    }


    private static Map<EventType, List<String>> dataFields() {
        Map<EventType, List<String>> fields = new EnumMap<>(EventType.class);
        for (EventType type : EventType.values()) {
            fields.put(type, Arrays.stream(type.recordType().getRecordComponents()).map(RecordComponent::getName)
                    .filter(name -> !name.equals("eventId") && !name.equals("occurredAt")).toList());
        }
        return fields;
    }

    private static SimpleModule valueTypes() {
        SimpleModule module = new SimpleModule("saga-value-types");
        module.addSerializer(Money.class, scalar((Money m, JsonGenerator g) -> g.writeNumber(m.amount())));
        module.addSerializer(UserId.class, scalar((UserId u, JsonGenerator g) -> g.writeString(u.value())));
        module.addSerializer(FlightId.class, scalar((FlightId f, JsonGenerator g) -> g.writeString(f.value())));
        // strict scalars: money is a whole JSON number (never a truncated 99.5), ids are JSON strings
        module.addDeserializer(Money.class, fromToken(JsonToken.VALUE_NUMBER_INT, Money.class,
                p -> Money.of(p.getLongValue())));
        module.addDeserializer(UserId.class, fromToken(JsonToken.VALUE_STRING, UserId.class,
                p -> new UserId(p.getText())));
        module.addDeserializer(FlightId.class, fromToken(JsonToken.VALUE_STRING, FlightId.class,
                p -> new FlightId(p.getText())));
        return module;
    }

    private interface Writer<T> {
        void write(T value, JsonGenerator generator) throws IOException;
    }

    private interface Reader<T> {
        T read(JsonParser parser) throws IOException;
    }

    private static <T> JsonSerializer<T> scalar(Writer<T> writer) {
        return new JsonSerializer<>() {
            @Override
            public void serialize(T value, JsonGenerator gen, SerializerProvider serializers) throws IOException {
                writer.write(value, gen);
            }
        };
    }

    private static <T> JsonDeserializer<T> fromToken(JsonToken expected, Class<T> valueType, Reader<T> reader) {
        return new JsonDeserializer<>() {
            @Override
            @SuppressWarnings("unchecked")
            public T deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
                if (p.currentToken() != expected) {
                    return (T) ctxt.handleUnexpectedToken(valueType, p);
                }
                return reader.read(p);
            }
        };
    }
}
