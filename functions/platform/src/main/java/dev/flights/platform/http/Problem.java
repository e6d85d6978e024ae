package dev.flights.platform.http;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/** An RFC 9457 problem document; {@code errors} names each offending field and the rule it broke. */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record Problem(String type, String title, int status, String detail, List<FieldError> errors) {

    public static final String MEDIA_TYPE = "application/problem+json";

    public record FieldError(String field, String rule) {
    }

    public static Problem invalid(String field, String rule) {
        return new Problem("/problems/invalid-input", "Invalid input", 400, field + " " + rule,
                List.of(new FieldError(field, rule)));
    }

    public static Problem of(int status, String title, String detail) {
        String slug = title.toLowerCase().replaceAll("[^a-z0-9]+", "-");
        return new Problem("/problems/" + slug, title, status, detail, List.of());
    }
}
