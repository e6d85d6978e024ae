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
    void anIdThatIsNotOneTo64SafeCharactersIsReplacedByANewUuidAndNeverKept() {
        for (String id : new String[] {null, "", "   ", "x".repeat(65), "abc def", "abc\r\nSet-Cookie: x=1",
                "<script>", "a/b", "a;b", "caf\u00e9", "id\u0000"}) {
            String value = Correlation.set(id);
            assertThat(UUID.fromString(value)).as(id).isNotNull();
            assertThat(Correlation.current()).isEqualTo(value).isNotEqualTo(id);
        }
    }

    @Test
    void anIdOfOneTo64LettersDigitsDotsUnderscoresOrHyphensIsKept() {
        for (String id : new String[] {"a", "x".repeat(64), "Order_1.retry-2", UUID.randomUUID().toString()}) {
            assertThat(Correlation.set(id)).isEqualTo(id);
        }
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
