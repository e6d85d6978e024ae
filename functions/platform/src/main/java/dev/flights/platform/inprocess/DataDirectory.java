package dev.flights.platform.inprocess;

import dev.flights.contract.topology.Subscriptions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Where a local host keeps its data between runs: the document store's containers (the change-feed leases
 * included) and the topic's messages (waiting, scheduled and dead-lettered), each as a {@link JournalFile} in one
 * directory, written before a write or a message is acknowledged. Opening it takes {@code host.lock} (an operating
 * system lock, let go when the process ends however it ends, and the holder's pid inside), replays both journals and
 * says what it found; {@link #close} folds them into snapshots.
 */
public final class DataDirectory implements AutoCloseable {

    /** A segment past this many bytes is folded into the snapshot in the background. */
    static final long COMPACT_AT_BYTES = 32L * 1024 * 1024;

    /** What was found at the start. */
    public record Recovered(int documents, int messages, int scheduled, int deadLettered, int recordsReplayed,
            int snapshotRecords, long tornBytes, long millis) {

        public boolean isEmpty() {
            return documents == 0 && messages == 0 && scheduled == 0 && deadLettered == 0;
        }
    }

    private final Path path;
    private final FileChannel lockChannel;
    private final FileLock lock;
    private final JournalFile<InMemoryDocumentStore> storeFile;
    private final JournalFile<TopicState> topicFile;
    private final InMemoryDocumentStore store;
    private final TopicJournalFile topicJournal;
    private final TopicState topicState;
    private final Recovered recovered;

    private DataDirectory(Path path, Subscriptions topology, TopicSettings settings, long compactAtBytes) {
        long started = System.nanoTime();
        this.path = path.toAbsolutePath().normalize();
        try {
            Files.createDirectories(this.path);
            this.lockChannel = FileChannel.open(this.path.resolve("host.lock"), StandardOpenOption.CREATE,
                    StandardOpenOption.READ, StandardOpenOption.WRITE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot use " + this.path + " as the data directory", e);
        }
        this.lock = lock();
        StoreJournal storeJournal = new StoreJournal();
        this.storeFile = new JournalFile<>(this.path, "store", storeJournal, compactAtBytes);
        storeJournal.writeTo(storeFile);
        this.store = new InMemoryDocumentStore(storeJournal);
        this.topicJournal = new TopicJournalFile(topology, settings.duplicateDetectionWindow());
        this.topicFile = new JournalFile<>(this.path, "topic", topicJournal, compactAtBytes);
        topicJournal.writeTo(topicFile);
        this.topicState = topicJournal.empty();
        JournalFile.Recovery storeRead = storeFile.recover(store);
        JournalFile.Recovery topicRead = topicFile.recover(topicState);
        this.recovered = new Recovered(StoreJournal.documentCount(store), topicState.messageCount(),
                topicState.scheduledCount(), topicState.deadLetterCount(),
                storeRead.journalRecords() + topicRead.journalRecords(),
                storeRead.snapshotRecords() + topicRead.snapshotRecords(),
                storeRead.tornBytes() + topicRead.tornBytes(), (System.nanoTime() - started) / 1_000_000);
        if (storeRead.journalRecords() > 0) {
            storeFile.compactSoon();
        }
        if (topicRead.journalRecords() > 0) {
            topicFile.compactSoon();
        }
    }

    /**
     * Opens (creating it if need be) and replays the data directory; refuses one another process (or this one)
     * holds, naming the holder's pid.
     */
    public static DataDirectory open(Path path, Subscriptions topology, TopicSettings settings) {
        return new DataDirectory(path, topology, settings, COMPACT_AT_BYTES);
    }

    static DataDirectory open(Path path, Subscriptions topology, TopicSettings settings, long compactAtBytes) {
        return new DataDirectory(path, topology, settings, compactAtBytes);
    }

    private FileLock lock() {
        FileLock taken;
        try {
            taken = lockChannel.tryLock();
        } catch (OverlappingFileLockException e) {
            taken = null;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot lock " + path.resolve("host.lock"), e);
        }
        if (taken == null) {
            String holder = holder();
            closeQuietly();
            throw new IllegalStateException("the data directory " + path + " is in use by another local host ("
                    + holder + "); stop that one, or start this one with --data-dir <another directory> or"
                    + " --in-memory");
        }
        try {
            lockChannel.truncate(0);
            lockChannel.write(ByteBuffer.wrap(Long.toString(ProcessHandle.current().pid())
                    .getBytes(StandardCharsets.US_ASCII)), 0);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + path.resolve("host.lock"), e);
        }
        return taken;
    }

    private String holder() {
        try {
            String pid = Files.readString(path.resolve("host.lock"), StandardCharsets.US_ASCII).trim();
            return pid.isEmpty() ? "pid unknown" : "pid " + pid;
        } catch (IOException e) {
            return "pid unknown";
        }
    }

    private void closeQuietly() {
        try {
            lockChannel.close();
        } catch (IOException ignored) {
            // refusing to start matters more than this
        }
    }

    public Path path() {
        return path;
    }

    /** The document store, with what was recovered; every write to it is journaled. */
    public InMemoryDocumentStore store() {
        return store;
    }

    /** What the topic records its changes to. */
    public TopicJournal topicJournal() {
        return topicJournal;
    }

    /** The topic's messages as recovered, for {@link InProcessTopic#restore}. */
    public TopicState topicState() {
        return topicState;
    }

    public Recovered recovered() {
        return recovered;
    }

    /**
     * Lets go of the directory as a killed process does, folding nothing and leaving every segment as it is: how a
     * test restarts on the same directory in one JVM. Appends after this fail.
     */
    void abandon() {
        storeFile.abandon();
        topicFile.abandon();
        closeQuietly();
    }

    /** Folds both journals into their snapshots and lets go of the lock. */
    @Override
    public void close() {
        try {
            storeFile.close();
            topicFile.close();
        } finally {
            try {
                lock.release();
            } catch (IOException ignored) {
                // the lock goes with the channel
            }
            closeQuietly();
        }
    }
}
