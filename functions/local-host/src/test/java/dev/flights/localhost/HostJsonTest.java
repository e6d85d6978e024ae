package dev.flights.localhost;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flights.platform.inprocess.TopicSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class HostJsonTest {

    /** The repository root's host.json, the one every app packages (the tests run in the module's folder). */
    private static final Path REPOSITORY_HOST_JSON = Path.of("../../host.json");

    @Test
    void theLocalHostReadsTheRepositorysHostJsonAndNotACopyThatCouldDrift() throws Exception {
        assertThat(HostJson.text()).isEqualTo(Files.readString(REPOSITORY_HOST_JSON));
    }

    @Test
    void theTopicRunsByDefaultWithTheSessionSettingsOfHostJson() throws Exception {
        TopicSettings fromFile = TopicSettings.fromHostJson(Files.readString(REPOSITORY_HOST_JSON));

        assertThat(LocalHostOptions.defaults().topicSettings()).isEqualTo(fromFile);
        assertThat(fromFile.maxConcurrentSessions()).isEqualTo(256);
        assertThat(fromFile.sessionIdleTimeout()).isEqualTo(Duration.ofMillis(200));
    }
}
