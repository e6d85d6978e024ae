package dev.flights.platform.metering;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** The model keeps to the documented table where it gives a figure, and says what it assumes elsewhere. */
class RequestUnitModelTest {

    @Test
    void readsAndWritesCostWhatTheDocumentedTableSaysForItsSizes() {
        assertThat(RequestUnitModel.read(1024)).isEqualTo(1.00);
        assertThat(RequestUnitModel.read(4 * 1024)).isEqualTo(1.14, within(1e-9));
        assertThat(RequestUnitModel.write(1024)).isEqualTo(4.95);
        assertThat(RequestUnitModel.write(2 * 1024)).isEqualTo(6.29, within(1e-9));
        assertThat(RequestUnitModel.write(16 * 1024)).isEqualTo(9.52, within(1e-9));
    }

    @Test
    void aDocumentUnderOneKilobyteCostsWhatOneKilobyteDoesAndSizesBetweenAreInterpolated() {
        assertThat(RequestUnitModel.read(200)).isEqualTo(1.00);
        assertThat(RequestUnitModel.write(200)).isEqualTo(4.95);
        assertThat(RequestUnitModel.write(1536)).isEqualTo((4.95 + 6.29) / 2, within(1e-9));
        assertThat(RequestUnitModel.write(32 * 1024)).as("beyond the table: in proportion to size")
                .isEqualTo(9.52 * 2, within(1e-9));
    }

    @Test
    void queriesAndChangeFeedReadsCostTheReadsOfWhatTheyReturnEmptyOnesTheAssumedMinimum() {
        assertThat(RequestUnitModel.query(new long[0])).isEqualTo(RequestUnitModel.QUERY_BASE);
        assertThat(RequestUnitModel.query(new long[] {500, 500})).isEqualTo(RequestUnitModel.QUERY_BASE + 2.0);
        assertThat(RequestUnitModel.changeFeed(new long[0])).isEqualTo(RequestUnitModel.EMPTY_CHANGE_FEED);
        assertThat(RequestUnitModel.changeFeed(new long[] {300, 300, 300})).isEqualTo(3.0);
        assertThat(RequestUnitModel.readMiss()).isEqualTo(1.0);
    }
}
