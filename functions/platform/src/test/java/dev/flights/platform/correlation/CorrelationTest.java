package dev.flights.platform.correlation;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

class CorrelationTest {

    @AfterEach
    void clear() {
        Correlation.clear();
    }

    @Test
    void aGivenIdIsPutInTheMdcAndReturned() {
        assertThat(Correlation.set("abc-123")).isEqualTo("abc-123");

        assertThat(MDC.get(Correlation.MDC_KEY)).isEqualTo("abc-123");
        assertThat(Correlation.current()).isEqualTo("abc-123");
    }

    @Test
    void aMissingBlankOrOverlongIdIsReplacedByANewUuid() {
        for (String id : new String[] {null, "", "   ", "x".repeat(129)}) {
            String value = Correlation.set(id);
            assertThat(UUID.fromString(value)).isNotNull();
            assertThat(Correlation.current()).isEqualTo(value);
        }
        assertThat(Correlation.set("x".repeat(128))).isEqualTo("x".repeat(128));
    }

    @Test
    void theCurrentIdIsCreatedOnceWhenNoneIsSet() {
        String first = Correlation.current();

        assertThat(first).isNotBlank();
        assertThat(Correlation.current()).isEqualTo(first);
    }

    @Test
    void clearRemovesTheId() {
        Correlation.set("abc");

        Correlation.clear();

        assertThat(MDC.get(Correlation.MDC_KEY)).isNull();
    }
}
