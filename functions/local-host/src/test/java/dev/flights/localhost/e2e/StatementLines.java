package dev.flights.localhost.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * A statement as {@code GET /api/accounts/{userId}/statement} answers it, summed from its lines alone: money is
 * conserved when deposits = balance + charges - refunds over them.
 */
record StatementLines(long balance, long deposits, long charges, long refunds, List<JsonNode> lines) {

    static StatementLines of(JsonNode statement) {
        List<JsonNode> lines = new ArrayList<>();
        statement.path("items").forEach(lines::add);
        return new StatementLines(statement.path("balance").asLong(), sum(lines, "DEPOSIT"), sum(lines, "CHARGE"),
                sum(lines, "REFUND"), lines);
    }

    private static long sum(List<JsonNode> lines, String type) {
        return lines.stream().filter(l -> l.path("type").asText().equals(type))
                .mapToLong(l -> l.path("amount").asLong()).sum();
    }

    List<String> reservationsWith(String type) {
        return lines.stream().filter(l -> l.path("type").asText().equals(type))
                .map(l -> l.path("reservationId").asText()).toList();
    }

    /**
     * Conservation over the lines, and each line's balance is the one before it moved by its amount, newest first
     * with no line missing: the statement is the balance's whole history.
     */
    StatementLines assertAddsUp(String what) {
        assertThat(deposits).as("%s: deposits = balance + charges - refunds", what)
                .isEqualTo(balance + charges - refunds);
        long after = balance;
        long sequence = lines.isEmpty() ? 0 : lines.get(0).path("sequence").asLong();
        for (JsonNode line : lines) {
            assertThat(line.path("balanceAfter").asLong()).as("%s: balance after %s", what, line).isEqualTo(after);
            assertThat(line.path("sequence").asLong()).as("%s: newest first, none missing", what).isEqualTo(sequence--);
            long amount = line.path("amount").asLong();
            after -= line.path("type").asText().equals("CHARGE") ? -amount : amount;
        }
        assertThat(after).as("%s: the first line starts from nothing", what).isZero();
        return this;
    }
}
