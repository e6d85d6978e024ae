package dev.flights.contract.codec;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;

/**
 * A CloudEvents 1.0 structured-mode JSON document. {@code subject} is the reservation id,
 * {@code correlationid} (an extension attribute) the id of the HTTP request that started the saga.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CloudEvent(String specversion, String id, String source, String type, String subject,
        Instant time, String datacontenttype, String correlationid, JsonNode data) {

    public static final String SPEC_VERSION = "1.0";
}
