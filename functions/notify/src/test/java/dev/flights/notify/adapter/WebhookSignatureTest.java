package dev.flights.notify.adapter;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flights.notify.adapter.WebhookSignature.Verdict;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class WebhookSignatureTest {

    private static final Instant SENT = Instant.parse("2025-06-01T12:00:00Z");
    private static final byte[] BODY = "{\"type\":\"PaymentApproved\"}".getBytes(StandardCharsets.UTF_8);
    /** {@code printf '1748779200.{"type":"PaymentApproved"}' | openssl dgst -sha256 -hmac test-only-secret} */
    private static final String KNOWN =
            "t=1748779200,v1=8a263b8fe40c01e4de70acd76f411a887388884f56dc26c0975e62de2c71a452";

    private final WebhookSignature signature = new WebhookSignature("test-only-secret");
    private final String header = signature.sign(SENT, BODY);

    @Test
    void signsTheUnixTimeAndTheBodyAsStripeDoes() {
        assertThat(header).isEqualTo(KNOWN);
    }

    @Test
    void acceptsWhatItSignedWithinFiveMinutesEitherSide() {
        assertThat(signature.verify(header, BODY, SENT)).isEqualTo(Verdict.VALID);
        assertThat(signature.verify(header, BODY, SENT.plusSeconds(300))).isEqualTo(Verdict.VALID);
        assertThat(signature.verify(header, BODY, SENT.minusSeconds(300))).isEqualTo(Verdict.VALID);
    }

    @Test
    void refusesARequestReplayedMoreThanFiveMinutesLater() {
        assertThat(signature.verify(header, BODY, SENT.plusSeconds(301))).isEqualTo(Verdict.STALE);
    }

    @Test
    void refusesATimestampFromMoreThanFiveMinutesAhead() {
        assertThat(signature.verify(header, BODY, SENT.minusSeconds(301))).isEqualTo(Verdict.STALE);
    }

    @Test
    void refusesAChangedBodyAnotherSecretAndAMovedTimestamp() {
        String movedTimestamp = header.replace("t=1748779200", "t=1748779500");

        assertThat(signature.verify(header, "{\"type\":\"PaymentRefunded\"}".getBytes(StandardCharsets.UTF_8), SENT))
                .isEqualTo(Verdict.MISMATCH);
        assertThat(new WebhookSignature("another secret").verify(header, BODY, SENT)).isEqualTo(Verdict.MISMATCH);
        assertThat(signature.verify(movedTimestamp, BODY, SENT.plusSeconds(300))).isEqualTo(Verdict.MISMATCH);
    }

    @Test
    void acceptsAnyMatchingV1AndIgnoresSchemesItDoesNotKnow() {
        String rotated = "t=1748779200,v0=abc,v1=" + "0".repeat(64) + "," + header.substring(header.indexOf("v1="));

        assertThat(signature.verify(rotated, BODY, SENT)).isEqualTo(Verdict.VALID);
    }

    @ParameterizedTest(name = "[{0}]")
    @NullAndEmptySource
    @ValueSource(strings = {"sha256=abc", "t=1748779200", "v1=abc", "t=,v1=abc", "t=-5,v1=abc", "t=abc,v1=abc",
            "t=1234567890123,v1=abc", ",,,", "t=1748779200,v1"})
    void refusesAHeaderThatIsNotTheScheme(String malformed) {
        assertThat(signature.verify(malformed, BODY, SENT)).isEqualTo(Verdict.MALFORMED);
    }

    @Test
    void neverShowsTheSecret() {
        assertThat(signature.toString()).doesNotContain("test-only-secret");
    }
}
