package dev.flights.platform.inprocess;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.CRC32;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An append-only journal of JSON records in a directory: {@code <name>-<n>.journal} segments and a
 * {@code <name>.snapshot} of everything in the segments up to one number. A record is framed as its length and its
 * CRC-32, then its bytes, and goes to the file in one {@code write} before {@link #append} returns: once written
 * the operating system keeps it when the process is killed ({@code kill -9}). There is no fsync per record, so a
 * power cut or a kernel crash can lose the last seconds of records.
 *
 * <p>Recovery reads the snapshot, then each later segment in order. A record cut short or failing its checksum at
 * the end of the last segment is a write the process was killed in the middle of, so one that never returned: it
 * is dropped (the file truncated before it). The same anywhere else is damage, and recovery refuses to go on.
 * Appends then go to a new segment.
 *
 * <p>Compaction seals the current segment, rebuilds the state from the snapshot and the sealed segments in a fresh
 * {@link Codec#empty()} (not touching the live one), writes it as the new snapshot (to a temporary file, forced to
 * disk, then renamed over the old one) and deletes the sealed segments. It runs in the background when a segment
 * grows past a size or past the last snapshot's size, whichever is larger (a compaction rewrites the whole state:
 * so it costs the writes a bounded share, however large the state grows), and at {@link #close}.
 */
final class JournalFile<S> implements AutoCloseable {

    /** How one kind of state is rebuilt from records and written as a snapshot. */
    interface Codec<S> {
        S empty();

        /** Applies one record of a snapshot. */
        void restore(S state, JsonNode record);

        /** Applies one record of a segment. */
        void apply(S state, JsonNode record);

        /** The state as snapshot records. */
        List<JsonNode> snapshot(S state);
    }

    /** What recovery read: snapshot records, segment records and the bytes of a torn last record it dropped. */
    record Recovery(int snapshotRecords, int journalRecords, int segments, long tornBytes) {
    }

    private static final Logger log = LoggerFactory.getLogger(JournalFile.class);
    private static final int HEADER = 8;
    private static final int MAX_RECORD = 512 * 1024 * 1024;

    private final Path dir;
    private final String name;
    private final Codec<S> codec;
    private final long compactAtBytes;
    private final ObjectMapper json = new ObjectMapper();
    private final ExecutorService compactor;
    private final AtomicBoolean compacting = new AtomicBoolean();
    private final Pattern segmentName;
    private FileChannel current;
    private long currentNumber;
    private long currentSize;
    private boolean closed;
    /** The size of the last snapshot written or read, 0 when there is none. */
    private volatile long snapshotBytes;

    JournalFile(Path dir, String name, Codec<S> codec, long compactAtBytes) {
        this.dir = dir;
        this.name = name;
        this.codec = codec;
        this.compactAtBytes = compactAtBytes;
        this.segmentName = Pattern.compile(Pattern.quote(name) + "-(\\d{8})\\.journal");
        this.compactor = Executors.newSingleThreadExecutor(r -> {
            Thread thread = new Thread(r, name + "-compaction");
            thread.setDaemon(true);
            return thread;
        });
    }

    /** Rebuilds {@code state} from the snapshot and the segments, then opens a new segment for appends. */
    synchronized Recovery recover(S state) {
        try {
            Files.createDirectories(dir);
            long upTo = -1;
            int snapshotRecords = 0;
            if (Files.exists(snapshot())) {
                snapshotBytes = Files.size(snapshot());
                List<JsonNode> records = readAll(snapshot(), false).records();
                upTo = records.get(0).path("upTo").asLong();
                for (JsonNode record : records.subList(1, records.size())) {
                    codec.restore(state, record);
                }
                snapshotRecords = records.size() - 1;
            }
            List<Long> segments = segments();
            int journalRecords = 0;
            long torn = 0;
            int replayed = 0;
            for (int i = 0; i < segments.size(); i++) {
                long number = segments.get(i);
                if (number <= upTo) {
                    Files.delete(segment(number)); // the snapshot holds it; a stop came before its deletion
                    continue;
                }
                Read read = readAll(segment(number), i == segments.size() - 1);
                for (JsonNode record : read.records()) {
                    codec.apply(state, record);
                }
                journalRecords += read.records().size();
                torn += read.tornBytes();
                replayed++;
            }
            currentNumber = Math.max(upTo, segments.isEmpty() ? 0 : segments.get(segments.size() - 1)) + 1;
            open();
            return new Recovery(snapshotRecords, journalRecords, replayed, torn);
        } catch (IOException e) {
            throw new UncheckedIOException("could not read the journal " + name + " in " + dir, e);
        }
    }

    /** Writes one record; when this returns, a killed process keeps it. */
    void append(JsonNode record) {
        try {
            append(json.writeValueAsBytes(record));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes one record given as its JSON text (one object); when this returns, a killed process keeps it. */
    void append(byte[] payload) {
        CRC32 crc = new CRC32();
        crc.update(payload);
        ByteBuffer frame = ByteBuffer.allocate(HEADER + payload.length);
        frame.putInt(payload.length).putInt((int) crc.getValue()).put(payload).flip();
        boolean compact;
        synchronized (this) {
            if (closed) {
                throw new IllegalStateException("the journal " + name + " in " + dir + " is closed");
            }
            try {
                while (frame.hasRemaining()) {
                    current.write(frame);
                }
            } catch (IOException e) {
                throw new UncheckedIOException("could not write to the journal " + name + " in " + dir, e);
            }
            currentSize += frame.limit();
            compact = currentSize > compactionThreshold() && compacting.compareAndSet(false, true);
        }
        if (compact) {
            try {
                compactor.execute(this::compactInBackground);
            } catch (RejectedExecutionException e) {
                compacting.set(false); // closing: close() folds the segment
            }
        }
    }

    private void compactInBackground() {
        try {
            compact();
        } catch (RuntimeException e) {
            log.error("compacting the journal {} in {} failed; its segments stay: {}", name, dir, e.toString());
        } finally {
            compacting.set(false);
        }
    }

    /** Compacts in the background now (after a recovery that replayed segments, so the next start reads less). */
    void compactSoon() {
        if (compacting.compareAndSet(false, true)) {
            try {
                compactor.execute(this::compactInBackground);
            } catch (RejectedExecutionException e) {
                compacting.set(false);
            }
        }
    }

    /** How large the segment appends go to grows before it is compacted. */
    long compactionThreshold() {
        return Math.max(compactAtBytes, snapshotBytes);
    }

    /** The size of the segment appends go to now. */
    synchronized long currentSize() {
        return currentSize;
    }

    /** How many segments there are, the one appends go to included. */
    int segmentCount() {
        try {
            return segments().size();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Seals the current segment and folds it, with every earlier one, into the snapshot. */
    void compact() {
        long sealed;
        synchronized (this) {
            if (closed) {
                return;
            }
            sealed = currentNumber;
            currentNumber++;
            try {
                current.close();
                open();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        fold(sealed);
    }

    private synchronized void open() throws IOException {
        current = FileChannel.open(segment(currentNumber), StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        currentSize = 0;
    }

    /** Writes the snapshot of everything up to segment {@code upTo} and deletes the segments it holds. */
    private void fold(long upTo) {
        long started = System.nanoTime();
        try {
            S state = codec.empty();
            long from = -1;
            if (Files.exists(snapshot())) {
                List<JsonNode> records = readAll(snapshot(), false).records();
                from = records.get(0).path("upTo").asLong();
                records.subList(1, records.size()).forEach(r -> codec.restore(state, r));
            }
            List<Long> folded = new ArrayList<>();
            for (long number : segments()) {
                if (number > from && number <= upTo) {
                    readAll(segment(number), false).records().forEach(r -> codec.apply(state, r));
                }
                if (number <= upTo) {
                    folded.add(number);
                }
            }
            List<JsonNode> records = new ArrayList<>();
            records.add(json.createObjectNode().put("upTo", upTo));
            records.addAll(codec.snapshot(state));
            Path temporary = dir.resolve(name + ".snapshot.tmp");
            try (FileChannel out = FileChannel.open(temporary, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING)) {
                for (JsonNode record : records) {
                    byte[] payload = json.writeValueAsBytes(record);
                    CRC32 crc = new CRC32();
                    crc.update(payload);
                    ByteBuffer frame = ByteBuffer.allocate(HEADER + payload.length);
                    frame.putInt(payload.length).putInt((int) crc.getValue()).put(payload).flip();
                    while (frame.hasRemaining()) {
                        out.write(frame);
                    }
                }
                out.force(true);
            }
            Files.move(temporary, snapshot(), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            snapshotBytes = Files.size(snapshot());
            for (long number : folded) {
                Files.deleteIfExists(segment(number));
            }
            log.debug("journal {}: {} segments folded into a snapshot of {} records in {} ms", name, folded.size(),
                    records.size() - 1, (System.nanoTime() - started) / 1_000_000);
        } catch (IOException e) {
            throw new UncheckedIOException("could not compact the journal " + name + " in " + dir, e);
        }
    }

    private record Read(List<JsonNode> records, long tornBytes) {
    }

    /** Every whole record of a file; a torn end is dropped (and cut off) only where {@code last} allows it. */
    private Read readAll(Path file, boolean last) throws IOException {
        List<JsonNode> records = new ArrayList<>();
        byte[] bytes = Files.readAllBytes(file);
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        while (buffer.hasRemaining()) {
            int start = buffer.position();
            String damage = null;
            if (buffer.remaining() < HEADER) {
                damage = "a record header cut short";
            } else {
                int length = buffer.getInt();
                int checksum = buffer.getInt();
                if (length < 0 || length > MAX_RECORD || length > buffer.remaining()) {
                    damage = "a record cut short";
                } else {
                    byte[] payload = new byte[length];
                    buffer.get(payload);
                    CRC32 crc = new CRC32();
                    crc.update(payload);
                    if ((int) crc.getValue() != checksum) {
                        damage = "a record failing its checksum";
                    } else {
                        records.add(json.readTree(payload));
                    }
                }
            }
            if (damage != null) {
                long torn = bytes.length - start;
                // a write in progress when the process was killed is the only thing that can end a last segment so
                if (!last) {
                    throw new IllegalStateException(file + " is damaged at byte " + start + " (" + damage
                            + "), not at the end of the journal where a killed write would be: it cannot be replayed");
                }
                log.warn("{}: dropped {} bytes at its end ({}): a write the host was killed in the middle of",
                        file.getFileName(), torn, damage);
                try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
                    channel.truncate(start);
                }
                return new Read(records, torn);
            }
        }
        return new Read(records, 0);
    }

    private List<Long> segments() throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(f -> segmentName.matcher(f.getFileName().toString())).filter(Matcher::matches)
                    .map(m -> Long.parseLong(m.group(1))).sorted().toList();
        }
    }

    private Path segment(long number) {
        return dir.resolve(String.format("%s-%08d.journal", name, number));
    }

    private Path snapshot() {
        return dir.resolve(name + ".snapshot");
    }

    /** Stops appending without folding anything, as if the process had been killed (for tests). */
    void abandon() {
        compactor.shutdownNow();
        try {
            compactor.awaitTermination(1, TimeUnit.MINUTES);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        synchronized (this) {
            closed = true;
            try {
                current.close();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /** Waits for a background compaction, folds what is left into the snapshot and closes. */
    @Override
    public void close() {
        compactor.shutdown();
        try {
            compactor.awaitTermination(1, TimeUnit.MINUTES);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        long sealed;
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            sealed = currentNumber;
            try {
                current.close();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        fold(sealed);
    }
}
