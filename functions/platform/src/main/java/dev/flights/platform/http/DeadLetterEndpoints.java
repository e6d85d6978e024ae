package dev.flights.platform.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.microsoft.azure.functions.HttpRequestMessage;
import com.microsoft.azure.functions.HttpResponseMessage;
import com.microsoft.azure.functions.HttpStatus;
import dev.flights.platform.auth.Access;
import dev.flights.platform.deadletters.DeadLetterQueue;
import dev.flights.platform.deadletters.DeadLetterQueueUnavailableException;
import dev.flights.platform.deadletters.DeadLetterSelection;
import dev.flights.platform.deadletters.DeadLetteredMessage;
import dev.flights.platform.deadletters.Resubmission;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The operator's two dead-letter functions of a consuming app, for its own subscription:
 * {@code GET ops/dead-letters/<subscription>?from=&max=} lists (peeks) and
 * {@code POST ops/dead-letters/<subscription>/resubmit} with {@code {"sequenceNumbers":[..]}} or
 * {@code {"all":true}} resubmits. Only a caller with the {@code admin} app role gets past the door (401, 403); bad
 * input is a 400 naming the field; a copy that could not be sent makes the answer a 503 (the dead letter stays, try
 * again).
 *
 * <p>The functions are {@code AuthorizationLevel.ANONYMOUS} to the Functions host and this role check is the gate,
 * rather than the host's master key ({@code ADMIN}): the master key is one shared, long-lived secret that opens every
 * function and the host's own admin API, says nothing about which person used it and is revoked only by rotating it
 * for everyone; an app role is assigned per person in Entra ID, logged, revocable one operator at a time and covered by
 * the tenant's MFA and conditional access. Asking for both would hand the key to every operator, adding a secret to
 * spread without adding a person-level control. App Service Authentication still turns away anyone without an Entra
 * token before the host, and this check fails closed (401) should it be missing.
 */
public final class DeadLetterEndpoints {

    static final String MAX_RULE = "a whole number from 1 to " + DeadLetterQueue.MAX_PAGE;
    static final String FROM_RULE = "a whole number from 0 to " + Long.MAX_VALUE;
    static final String NUMBERS_RULE = "a list of 1 to " + DeadLetterQueue.MAX_RESUBMIT
            + " sequence numbers (whole numbers from 0 to " + Long.MAX_VALUE + ")";

    private final DeadLetterQueue queue;
    private final String unavailableBecause;

    private DeadLetterEndpoints(DeadLetterQueue queue, String unavailableBecause) {
        this.queue = queue;
        this.unavailableBecause = unavailableBecause;
    }

    public static DeadLetterEndpoints over(DeadLetterQueue queue) {
        return new DeadLetterEndpoints(Objects.requireNonNull(queue, "queue"), null);
    }

    /** For an app whose host gave it a topic without dead-letter queues (a test's recording topic). */
    public static DeadLetterEndpoints unavailable(String because) {
        return new DeadLetterEndpoints(null, because);
    }

    public HttpResponseMessage list(HttpRequestMessage<Optional<String>> request, String subscription) {
        return HttpFunctions.handle(request, () -> {
            Access.requireAdmin(request);
            int max = queryNumber(request, "max", 1, DeadLetterQueue.MAX_PAGE, MAX_RULE)
                    .map(Long::intValue).orElse(DeadLetterQueue.MAX_PAGE);
            Long from = queryNumber(request, "from", 0, Long.MAX_VALUE, FROM_RULE).orElse(null);
            if (queue == null) {
                return unavailable(request, unavailableBecause);
            }
            List<DeadLetteredMessage> items;
            try {
                items = queue.list(subscription, from, max);
            } catch (DeadLetterQueueUnavailableException e) {
                return unavailable(request, e.getMessage());
            }
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("subscription", subscription);
            body.put("items", items);
            if (items.size() == max) {
                body.put("next", items.get(items.size() - 1).sequenceNumber() + 1);
            }
            return HttpFunctions.json(request, HttpStatus.OK, body);
        });
    }

    public HttpResponseMessage resubmit(HttpRequestMessage<Optional<String>> request, String subscription) {
        return HttpFunctions.handle(request, () -> {
            Access.requireAdmin(request);
            DeadLetterSelection selection = selection(HttpFunctions.jsonBody(request));
            if (queue == null) {
                return unavailable(request, unavailableBecause);
            }
            Resubmission done;
            try {
                done = queue.resubmit(subscription, selection);
            } catch (DeadLetterQueueUnavailableException e) {
                return unavailable(request, e.getMessage());
            }
            if (done.failed().isEmpty()) {
                return HttpFunctions.json(request, HttpStatus.OK, done);
            }
            return HttpFunctions.jsonBuilder(request, HttpStatus.SERVICE_UNAVAILABLE, done)
                    .header("Retry-After", "30").build();
        });
    }

    static DeadLetterSelection selection(ObjectNode body) {
        JsonNode all = body.get("all");
        JsonNode numbers = body.get("sequenceNumbers");
        boolean hasAll = all != null && !all.isNull();
        boolean hasNumbers = numbers != null && !numbers.isNull();
        if (hasAll && hasNumbers) {
            throw new InvalidInputException("body", "must have either sequenceNumbers or all, not both");
        }
        if (hasAll) {
            if (!all.isBoolean() || !all.asBoolean()) {
                throw new InvalidInputException("all", "must be true (or leave it out and give sequenceNumbers)");
            }
            return DeadLetterSelection.everything();
        }
        if (!hasNumbers) {
            throw new InvalidInputException("sequenceNumbers", "is required (or all: true) and must be " + NUMBERS_RULE);
        }
        if (!numbers.isArray() || numbers.isEmpty() || numbers.size() > DeadLetterQueue.MAX_RESUBMIT) {
            throw new InvalidInputException("sequenceNumbers", "must be " + NUMBERS_RULE);
        }
        List<Long> chosen = new ArrayList<>();
        for (JsonNode number : numbers) {
            if (!number.isIntegralNumber() || !number.canConvertToLong() || number.asLong() < 0) {
                throw new InvalidInputException("sequenceNumbers", "must be " + NUMBERS_RULE);
            }
            chosen.add(number.asLong());
        }
        return DeadLetterSelection.of(chosen);
    }

    private static HttpResponseMessage unavailable(HttpRequestMessage<?> request, String detail) {
        return HttpFunctions.problem(request, Problem.of(503, "Service unavailable", detail));
    }

    private static Optional<Long> queryNumber(HttpRequestMessage<?> request, String name, long min, long max,
            String rule) {
        Optional<String> value = HttpFunctions.query(request, name);
        if (value.isEmpty()) {
            return Optional.empty();
        }
        try {
            long number = Long.parseLong(value.get().trim());
            if (number >= min && number <= max) {
                return Optional.of(number);
            }
        } catch (NumberFormatException e) {
            // answered below, as any other value out of the rule
        }
        throw new InvalidInputException(name, "must be " + rule);
    }
}
