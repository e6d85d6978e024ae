package dev.flights.pay.application;

import static dev.flights.pay.fixtures.Reservations.T0;
import static dev.flights.pay.fixtures.Reservations.aReservation;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.flights.contract.Money;
import dev.flights.contract.UserId;
import dev.flights.contract.codec.EventCodec;
import dev.flights.pay.domain.Movement;
import dev.flights.pay.domain.MovementType;
import dev.flights.pay.domain.Statement;
import dev.flights.pay.fixtures.PayUnderTest;
import dev.flights.pay.fixtures.Reservations;
import dev.flights.platform.store.DocumentConflictException;
import dev.flights.platform.store.TransactionalBatch;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class GetStatementTest {

    private final PayUnderTest pay = PayUnderTest.withDefaults();

    /** deposits - charges + refunds over the statement's lines, which must be the balance it shows. */
    private static long sumOfLines(Statement statement) {
        return statement.movements().stream().mapToLong(Movement::signedAmount).sum();
    }

    @Test
    void listsEveryDepositChargeAndRefundNewestFirstWithTheBalanceAfterEach() {
        Reservations paid = aReservation().by("ew").costing(100);
        Reservations declined = aReservation().by("ew").costing(100);
        pay.deposited("ew", 150);
        pay.pay.on(paid.requested());
        pay.pay.on(declined.requested());
        pay.deposited("ew", 100);
        pay.refund.on(paid.cancelled());

        Statement statement = pay.statementOf("ew");

        assertThat(statement.movements()).extracting(Movement::sequence, Movement::type, m -> m.amount().amount(),
                m -> m.balanceAfter().amount(), Movement::reservationId).containsExactly(
                        tuple(4L, MovementType.REFUND, 100L, 250L, paid.id()),
                        tuple(3L, MovementType.DEPOSIT, 100L, 150L, null),
                        tuple(2L, MovementType.CHARGE, 100L, 50L, paid.id()),
                        tuple(1L, MovementType.DEPOSIT, 150L, 150L, null));
        assertThat(statement.movements()).allSatisfy(m -> assertThat(m.at()).isEqualTo(T0));
        assertThat(statement.account().balance()).isEqualTo(Money.of(250));
    }

    @Test
    void aRedeliveredChargeOrRefundAddsNoSecondLine() {
        Reservations reservation = aReservation().by("ew").costing(100);
        pay.deposited("ew", 150);
        pay.pay.on(reservation.requested());
        pay.pay.on(reservation.requested());
        pay.refund.on(reservation.cancelled());
        pay.refund.on(reservation.cancelled());

        assertThat(pay.statementOf("ew").movements()).extracting(Movement::type)
                .containsExactly(MovementType.REFUND, MovementType.CHARGE, MovementType.DEPOSIT);
    }

    @Test
    void aBalanceChangeWhoseLineCannotBeWrittenIsNotStoredEither() {
        pay.deposited("ew", 150);
        // a stray document where the next line must go: if the line were written apart from the balance, the
        // balance would move without it
        ObjectNode squatter = EventCodec.json().createObjectNode().put("id", "movement-0000000000000000002")
                .put("userId", "ew").put("docType", "other");
        pay.container().execute(TransactionalBatch.in("ew").create(squatter));

        Reservations reservation = aReservation().by("ew").costing(100);

        assertThatThrownBy(() -> pay.deposited("ew", 10)).isInstanceOf(DocumentConflictException.class);
        assertThatThrownBy(() -> pay.pay.on(reservation.requested())).isInstanceOf(DocumentConflictException.class);
        assertThat(pay.balanceOf("ew")).isEqualTo(150);
        assertThat(pay.payment("ew", reservation.id())).isEmpty();
        assertThat(pay.outbox("ew")).isEmpty();
    }

    @Test
    void theLinesAddUpToTheBalanceAfterEveryStepOfARandomHistory() {
        Random random = new Random(11);
        List<Reservations> reservations = new ArrayList<>();
        for (int step = 0; step < 300; step++) {
            switch (random.nextInt(4)) {
                case 0 -> pay.deposited("ew", 1 + random.nextInt(200));
                case 1 -> {
                    Reservations reservation = aReservation().by("ew").costing(50 + random.nextInt(3) * 50);
                    reservations.add(reservation);
                    pay.pay.on(reservation.requested());
                }
                case 2 -> {
                    if (!reservations.isEmpty()) {
                        pay.refund.on(reservations.get(random.nextInt(reservations.size())).cancelled());
                    }
                }
                default -> {
                    if (!reservations.isEmpty()) {
                        pay.pay.on(reservations.get(random.nextInt(reservations.size())).requested());
                    }
                }
            }
            if (pay.account("ew").isPresent()) {
                Statement statement = pay.statementOf("ew");
                assertThat(sumOfLines(statement)).as("after step %d", step)
                        .isEqualTo(statement.account().balance().amount());
                assertThat(statement.movements()).as("gapless, newest first").extracting(Movement::sequence)
                        .isEqualTo(descending(statement.account().version()));
            }
        }
    }

    @Test
    void aStatementReadWhileMoneyMovesStillAddsUpToItsBalance() throws Exception {
        pay.deposited("ew", 1);
        Thread depositor = new Thread(() -> {
            for (int i = 0; i < 300; i++) {
                pay.deposited("ew", 1);
            }
        });
        List<Statement> seen = new ArrayList<>();
        depositor.start();
        while (depositor.isAlive()) {
            seen.add(pay.statementOf("ew"));
        }
        depositor.join();

        assertThat(seen).allSatisfy(s -> assertThat(sumOfLines(s)).isEqualTo(s.account().balance().amount()));
    }

    @Test
    void anAccountNobodyDepositedIntoHasNoStatement() {
        pay.pay.on(aReservation().by("ew").costing(100).requested());

        assertThat(pay.statement.apply(new UserId("ew"))).isEmpty();
    }

    private static List<Long> descending(long from) {
        List<Long> sequence = new ArrayList<>();
        for (long n = from; n >= 1; n--) {
            sequence.add(n);
        }
        return sequence;
    }
}
