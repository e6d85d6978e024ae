package dev.flights.contract.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class IsoInstantsTest {

    /** The Java time module alone: what the codec's mapper must still accept and refuse. */
    private static final ObjectMapper MODULE_ONLY = JsonMapper.builder().addModule(new JavaTimeModule()).build();

    @Test
    void readsEveryInstantItWritesAsTheJavaTimeModuleDoes() throws Exception {
        Random random = new Random(12);
        for (int i = 0; i < 20_000; i++) {
            Instant instant = Instant.ofEpochSecond(random.nextLong(-62_135_596_800L, 253_402_300_799L),
                    random.nextInt(1_000_000_000));
            // whole seconds, milliseconds, microseconds and nanoseconds: 0, 3, 6 and 9 fraction digits
            instant = switch (i % 4) {
                case 0 -> instant.truncatedTo(ChronoUnit.SECONDS);
                case 1 -> instant.truncatedTo(ChronoUnit.MILLIS);
                case 2 -> instant.truncatedTo(ChronoUnit.MICROS);
                default -> instant;
            };
            String json = EventCodec.json().writeValueAsString(instant);

            assertThat(IsoInstants.parse(instant.toString())).isEqualTo(instant);
            assertThat(EventCodec.json().readValue(json, Instant.class)).isEqualTo(instant)
                    .isEqualTo(MODULE_ONLY.readValue(json, Instant.class));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"2026-12-03T05:30:46.6Z", "2026-12-03T05:30:46.61Z", "2026-12-03T05:30:46.6180Z",
            "2024-02-29T23:59:59.123456789Z", "1970-01-01T00:00:00Z"})
    void readsAnyNumberOfFractionDigits(String text) throws Exception {
        assertThat(IsoInstants.parse(text)).isNotNull().isEqualTo(Instant.parse(text));
    }

    @ParameterizedTest
    @ValueSource(strings = {"2026-12-03T05:30:46+01:00", "2026-12-03t05:30:46z", "2026-12-03T23:59:60Z",
            "2026-02-30T05:30:46Z", "2026-13-03T05:30:46Z", "2026-12-03T24:00:00Z", "2026-12-03T05:30:46.Z",
            "2026-12-03T05:30:46.1234567890Z", "+12026-12-03T05:30:46Z", "2026-12-03 05:30:46Z", "2026-1２-03T05:30:46Z",
            " 2026-12-03T05:30:46Z", "", "yesterday", "1764739846"})
    void leavesEveryOtherFormToTheJavaTimeModuleWhichAcceptsOrRefusesItAsBefore(String text) throws Exception {
        String json = EventCodec.json().writeValueAsString(text);

        assertThat(IsoInstants.parse(text)).isNull();
        Throwable moduleRefusal = catchThrowable(() -> MODULE_ONLY.readValue(json, Instant.class));
        Throwable codecRefusal = catchThrowable(() -> EventCodec.json().readValue(json, Instant.class));
        if (moduleRefusal == null) {
            assertThat(codecRefusal).isNull();
            assertThat(EventCodec.json().readValue(json, Instant.class))
                    .isEqualTo(MODULE_ONLY.readValue(json, Instant.class));
        } else {
            assertThat(codecRefusal).isNotNull().hasSameClassAs(moduleRefusal);
        }
    }

    @Test
    void aNumberIsStillReadAsTheJavaTimeModuleReadsIt() throws Exception {
        assertThat(EventCodec.json().readValue("1764739846.5", Instant.class))
                .isEqualTo(MODULE_ONLY.readValue("1764739846.5", Instant.class));
    }
}
