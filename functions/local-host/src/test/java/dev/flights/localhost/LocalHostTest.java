package dev.flights.localhost;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class LocalHostTest {

    @Test
    void withoutTheFlagEveryChangeFeedWaitsWhatItsAnnotationSaysAsOnAzure() {
        assertThat(LocalHost.feedPollDelay(new String[] {"--port", "7072"})).isZero();
        assertThat(LocalHostOptions.defaults().changeFeedPollMillis()).isEqualTo(LocalHostOptions.AZURE_FEED_DELAYS);
    }

    @Test
    void theFeedPollDelayFlagCapsTheWaitsInEitherSpelling() {
        assertThat(LocalHost.feedPollDelay(new String[] {"--feed-poll-delay", "250"})).isEqualTo(250);
        assertThat(LocalHost.feedPollDelay(new String[] {"--feed-poll-delay=100", "--port=0"})).isEqualTo(100);
        assertThat(LocalHost.port(new String[] {"--feed-poll-delay=100", "--port=0"})).isZero();
    }

    @Test
    void aFeedPollDelayThatIsNotAMillisecondCountIsRefused() {
        assertThatThrownBy(() -> LocalHost.feedPollDelay(new String[] {"--feed-poll-delay", "1s"}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("--feed-poll-delay");
        assertThatThrownBy(() -> LocalHost.feedPollDelay(new String[] {"--feed-poll-delay=-5"}))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
