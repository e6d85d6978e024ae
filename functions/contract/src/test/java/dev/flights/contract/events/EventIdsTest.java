package dev.flights.contract.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;
import org.junit.jupiter.api.Test;

class EventIdsTest {

    private final UUID reservation = UUID.fromString("00000000-0000-0000-0000-000000000042");

    @Test
    void theSameStepOfTheSameReservationHasTheSameId() {
        assertThat(EventIds.of(reservation, EventType.PaymentApproved))
                .isEqualTo(EventIds.of(reservation, EventType.PaymentApproved));
    }

    @Test
    void anotherStepAnotherReservationOrAnotherAttemptHasAnotherId() {
        UUID approved = EventIds.of(reservation, EventType.PaymentApproved);

        assertThat(EventIds.of(reservation, EventType.PaymentDeclined)).isNotEqualTo(approved);
        assertThat(EventIds.of(UUID.randomUUID(), EventType.PaymentApproved)).isNotEqualTo(approved);
        assertThat(EventIds.of(reservation, EventType.PaymentRetryDue, 1))
                .isNotEqualTo(EventIds.of(reservation, EventType.PaymentRetryDue, 2));
    }

    @Test
    void derivedIdsDependOnEveryPart() {
        assertThat(EventIds.derive("a", "b")).isEqualTo(EventIds.derive("a", "b"));
        assertThat(EventIds.derive("a", "b")).isNotEqualTo(EventIds.derive("a", "c"));
    }

    @Test
    void derivedIdsAreTheVersion3UuidsOfTheJoinedPartsAsEverBefore() {
        java.util.Random random = new java.util.Random(3);
        for (int i = 0; i < 2_000; i++) {
            String[] parts = {UUID.randomUUID().toString(), "Zürich-" + random.nextInt(), Integer.toString(i)};
            UUID expected = UUID.nameUUIDFromBytes(String.join("|", parts)
                    .getBytes(java.nio.charset.StandardCharsets.UTF_8));

            assertThat(EventIds.derive(parts)).isEqualTo(expected);
            assertThat(EventIds.derive(parts).version()).isEqualTo(3);
        }
    }
}
