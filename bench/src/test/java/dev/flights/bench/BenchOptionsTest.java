package dev.flights.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class BenchOptionsTest {

    @Test
    void anUnknownOptionOrPartIsRefusedNamingWhatThereIs() {
        assertThatThrownBy(() -> Bench.Options.parse(new String[] {"--fast"}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("--fast")
                .hasMessageContaining("--smoke");
        assertThatThrownBy(() -> Bench.Options.parse(new String[] {"--parts", "warp-drive"}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("warp-drive");
    }

    @Test
    void noPartsNamedRunsThemAllAndSmokeIsOff() {
        Bench.Options options = Bench.Options.parse(new String[0]);

        assertThat(options.selected()).isEqualTo(Bench.parts());
        assertThat(options.smoke()).isFalse();
    }

    @Test
    void theTableShowsEachFigureBesideItsBaselineAndWhetherItsGoalWasMet() {
        String table = Table.markdown(List.of(
                Figure.atMost("cold-start", "reserve, median", 512.4, "ms", "minimal SCF app", 1980, 600),
                Figure.atLeast("throughput", "completed reservations", 870, "/s", "raw 202 server", 9100, 1000)));

        assertThat(table).contains("| cold-start | reserve, median | 512 ms | minimal SCF app: 1,980 ms | ≤ 600 ms (met) |")
                .contains("| throughput | completed reservations | 870 /s | raw 202 server: 9,100 /s | ≥ 1,000 /s (not met) |");
    }
}
