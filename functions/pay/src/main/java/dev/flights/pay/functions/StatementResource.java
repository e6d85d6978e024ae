package dev.flights.pay.functions;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.flights.pay.domain.Movement;
import dev.flights.pay.domain.Statement;
import java.util.List;

/** A statement as the HTTP API shows it: the balance and every movement of it, newest first. */
record StatementResource(String userId, long balance, List<Line> items) {

    /** One movement; {@code reservationId} is left out for a deposit. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Line(long sequence, String type, long amount, long balanceAfter, String at, String reservationId) {

        static Line of(Movement movement) {
            return new Line(movement.sequence(), movement.type().name(), movement.amount().amount(),
                    movement.balanceAfter().amount(), movement.at().toString(),
                    movement.reservationId() == null ? null : movement.reservationId().toString());
        }
    }

    static StatementResource of(Statement statement) {
        return new StatementResource(statement.account().userId().value(), statement.account().balance().amount(),
                statement.movements().stream().map(Line::of).toList());
    }
}
