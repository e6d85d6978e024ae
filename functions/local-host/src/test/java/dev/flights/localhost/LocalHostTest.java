package dev.flights.localhost;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

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

    @Test
    void theDataIsKeptInDotFlightsAtTheRepositoryRootFoundFromTheModuleFolder(@TempDir Path repo) throws Exception {
        Files.writeString(repo.resolve("host.json"), "{}");
        Path module = Files.createDirectories(repo.resolve("functions/local-host"));

        assertThat(LocalHost.dataDir(new String[] {"--port", "0"}, module)).isEqualTo(repo.resolve(".flights"));
        assertThat(LocalHost.dataDir(new String[0], repo)).isEqualTo(repo.resolve(".flights"));
    }

    @Test
    void dataDirMovesTheDataAndInMemoryKeepsNone(@TempDir Path repo) {
        assertThat(LocalHost.dataDir(new String[] {"--data-dir", "elsewhere"}, repo)).isEqualTo(repo.resolve("elsewhere"));
        assertThat(LocalHost.dataDir(new String[] {"--data-dir=/tmp/x"}, repo)).isEqualTo(Path.of("/tmp/x"));
        assertThat(LocalHost.dataDir(new String[] {"--in-memory"}, repo)).isNull();
        assertThatThrownBy(() -> LocalHost.dataDir(new String[] {"--in-memory", "--data-dir", "x"}, repo))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("--in-memory");
    }
}
