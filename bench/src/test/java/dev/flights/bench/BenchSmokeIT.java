package dev.flights.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * CI's smoke of every bench part: each runs small and yields its figures, each beside a baseline of the same run.
 * Nothing here is about speed; the figures are checked for being measured at all (finite, a baseline that ran).
 */
class BenchSmokeIT {

    @Test
    void theBenchHasEveryPartTheReadmeTableShows() {
        assertThat(Bench.parts()).extracting(BenchPart::name)
                .contains("throughput");
    }

    static Stream<BenchPart> parts() {
        return Bench.parts().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("parts")
    void eachPartMeasuresItsFiguresBesideABaselineInASmokeRun(BenchPart part) throws Exception {
        ByteArrayOutputStream progress = new ByteArrayOutputStream();
        Bench.Options options = Bench.Options.parse(new String[] {"--smoke", "--parts", part.name(),
                "--work-dir", Path.of("target", "bench-smoke").toString()});

        List<Figure> figures = Bench.run(options, new PrintStream(progress, true, StandardCharsets.UTF_8));

        assertThat(figures).as("figures of %s", part.name()).isNotEmpty().allSatisfy(figure -> {
            assertThat(figure.part()).isEqualTo(part.name());
            assertThat(figure.value()).as(figure.what()).isFinite().isNotNegative();
            assertThat(figure.baselineName()).as("baseline of " + figure.what()).isNotBlank();
            assertThat(figure.baselineValue()).as("baseline of " + figure.what()).isFinite().isNotNegative();
        });
        assertThat(Table.markdown(figures)).contains(figures.get(0).what());
    }
}
