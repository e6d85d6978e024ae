package dev.flights.platform.inprocess;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JournalFileTest {

    /** The state is the list of the numbers recorded; a snapshot is that list. */
    private static final class Numbers implements JournalFile.Codec<List<Integer>> {
        @Override
        public List<Integer> empty() {
            return new ArrayList<>();
        }

        @Override
        public void restore(List<Integer> state, JsonNode record) {
            record.path("all").forEach(n -> state.add(n.asInt()));
        }

        @Override
        public void apply(List<Integer> state, JsonNode record) {
            state.add(record.path("n").asInt());
        }

        @Override
        public List<JsonNode> snapshot(List<Integer> state) {
            var record = JsonNodeFactory.instance.objectNode();
            state.forEach(record.putArray("all")::add);
            return List.of(record);
        }
    }

    @TempDir
    Path dir;

    private JournalFile<List<Integer>> journal(long compactAt) {
        return new JournalFile<>(dir, "numbers", new Numbers(), compactAt);
    }

    private static JsonNode number(int n) {
        return JsonNodeFactory.instance.objectNode().put("n", n).put("padding", "x".repeat(40));
    }

    @Test
    void aRecordCutShortAtTheEndIsDroppedAndTheFileCutBeforeIt() throws IOException {
        JournalFile<List<Integer>> first = journal(Long.MAX_VALUE);
        first.recover(new ArrayList<>());
        for (int i = 1; i <= 5; i++) {
            first.append(number(i));
        }
        first.abandon();
        Path segment = onlySegment();
        long whole = Files.size(segment);
        try (RandomAccessFile file = new RandomAccessFile(segment.toFile(), "rw")) {
            file.setLength(whole - 7); // killed in the middle of writing record 5
        }

        List<Integer> state = new ArrayList<>();
        JournalFile.Recovery recovery = journal(Long.MAX_VALUE).recover(state);

        assertThat(state).containsExactly(1, 2, 3, 4);
        assertThat(recovery.journalRecords()).isEqualTo(4);
        assertThat(recovery.tornBytes()).isEqualTo(whole / 5 - 7);
        assertThat(Files.size(segment)).isEqualTo(whole / 5 * 4);
    }

    @Test
    void aLastRecordFailingItsChecksumIsDroppedAndWritingGoesOnAfterIt() throws IOException {
        JournalFile<List<Integer>> first = journal(Long.MAX_VALUE);
        first.recover(new ArrayList<>());
        for (int i = 1; i <= 3; i++) {
            first.append(number(i));
        }
        first.abandon();
        flipLastByte(onlySegment());

        JournalFile<List<Integer>> second = journal(Long.MAX_VALUE);
        List<Integer> recovered = new ArrayList<>();
        second.recover(recovered);
        second.append(number(4));
        second.abandon();
        List<Integer> state = new ArrayList<>();
        journal(Long.MAX_VALUE).recover(state);

        assertThat(recovered).containsExactly(1, 2);
        assertThat(state).containsExactly(1, 2, 4);
    }

    @Test
    void damageBeforeTheEndOfTheJournalIsRefusedNotSkipped() throws IOException {
        JournalFile<List<Integer>> first = journal(Long.MAX_VALUE);
        first.recover(new ArrayList<>());
        first.append(number(1));
        first.append(number(2));
        first.abandon();
        JournalFile<List<Integer>> second = journal(Long.MAX_VALUE);
        second.recover(new ArrayList<>());
        second.append(number(3));
        second.abandon();
        Path older;
        try (Stream<Path> files = Files.list(dir)) {
            older = files.filter(f -> f.getFileName().toString().endsWith(".journal")).sorted().findFirst()
                    .orElseThrow();
        }
        flipLastByte(older);

        assertThatThrownBy(() -> journal(Long.MAX_VALUE).recover(new ArrayList<>()))
                .hasMessageContaining(older.toString()).hasMessageContaining("failing its checksum")
                .hasMessageContaining("cannot be replayed");
    }

    @Test
    void compactionFoldsSegmentsIntoASnapshotThatReplaysToTheSameState() throws Exception {
        JournalFile<List<Integer>> first = journal(1024);
        first.recover(new ArrayList<>());
        List<Integer> written = new ArrayList<>();
        for (int i = 1; i <= 300; i++) {
            first.append(number(i));
            written.add(i);
        }
        Eventually.await("a snapshot", () -> Files.exists(dir.resolve("numbers.snapshot")));
        first.abandon();
        int segmentsLeft = segmentCount();
        List<Integer> state = new ArrayList<>();
        JournalFile.Recovery recovery = journal(1024).recover(state);

        assertThat(state).isEqualTo(written);
        assertThat(recovery.snapshotRecords()).isEqualTo(1);
        assertThat(recovery.journalRecords()).as("only what came after the last compaction").isLessThan(300);
        assertThat(segmentsLeft).as("folded segments are deleted").isLessThanOrEqualTo(2);
    }

    @Test
    void aSegmentGrowsAsLargeAsTheLastSnapshotBeforeItIsCompacted() throws Exception {
        JournalFile<List<Integer>> first = journal(64);
        first.recover(new ArrayList<>());
        assertThat(first.compactionThreshold()).as("no snapshot yet").isEqualTo(64);
        for (int i = 1; i <= 100; i++) {
            first.append(number(i));
        }
        first.close();
        long snapshot = Files.size(dir.resolve("numbers.snapshot"));

        JournalFile<List<Integer>> second = journal(64);
        second.recover(new ArrayList<>());

        assertThat(snapshot).isGreaterThan(64);
        assertThat(second.compactionThreshold()).isEqualTo(snapshot);
        second.abandon();
    }

    @Test
    void aCleanCloseLeavesOnlyTheSnapshot() throws IOException {
        JournalFile<List<Integer>> first = journal(Long.MAX_VALUE);
        first.recover(new ArrayList<>());
        for (int i = 1; i <= 10; i++) {
            first.append(number(i));
        }
        first.close();
        List<Integer> state = new ArrayList<>();
        JournalFile<List<Integer>> second = journal(Long.MAX_VALUE);
        JournalFile.Recovery recovery = second.recover(state);

        assertThat(state).containsExactly(1, 2, 3, 4, 5, 6, 7, 8, 9, 10);
        assertThat(recovery.journalRecords()).isZero();
        assertThat(segmentCount()).as("the new, empty segment").isEqualTo(1);
        second.abandon();
    }

    private Path onlySegment() throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            List<Path> segments = files.filter(f -> f.getFileName().toString().endsWith(".journal")).toList();
            assertThat(segments).hasSize(1);
            return segments.get(0);
        }
    }

    private int segmentCount() throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return (int) files.filter(f -> f.getFileName().toString().endsWith(".journal")).count();
        }
    }

    private static void flipLastByte(Path file) throws IOException {
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
            raf.seek(raf.length() - 1);
            int last = raf.read();
            raf.seek(raf.length() - 1);
            raf.write(last ^ 0xff);
        }
    }
}
