package dev.flights.localhost.triggers;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.azure.functions.annotation.CosmosDBTrigger;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class FeedSettingsTest {

    private final FeedFunctions functions = new FeedFunctions();

    private CosmosDBTrigger triggerOf(String function) {
        return (CosmosDBTrigger) functions.definition(function).trigger();
    }

    @Test
    void aTriggerThatSetsNothingPollsEveryFiveSecondsAndStartsAtNowAsOnAzure() {
        FeedSettings settings = FeedSettings.of(triggerOf("defaults"), 0);

        assertThat(settings.pollWait()).isEqualTo(Duration.ofSeconds(5));
        assertThat(settings.startFromBeginning()).isFalse();
        assertThat(settings.maxItems()).isEqualTo(100);
    }

    @Test
    void theAnnotationsValuesAreTaken() {
        FeedSettings settings = FeedSettings.of(triggerOf("threeAtATime"), 0);

        assertThat(settings.pollWait()).isEqualTo(Duration.ofSeconds(1));
        assertThat(settings.maxItems()).isEqualTo(3);
        assertThat(settings.startFromBeginning()).isTrue();
    }

    @Test
    void theHostCapShortensALongerWaitAndNeverLengthensAShorterOne() {
        FeedSettings settings = FeedSettings.of(triggerOf("threeAtATime"), 200);

        assertThat(settings.pollWait()).isEqualTo(Duration.ofMillis(200));
        assertThat(settings.capped(Duration.ofMillis(50))).isEqualTo(Duration.ofMillis(50));
        assertThat(settings.capped(Duration.ofSeconds(15))).isEqualTo(Duration.ofMillis(200));
    }
}
