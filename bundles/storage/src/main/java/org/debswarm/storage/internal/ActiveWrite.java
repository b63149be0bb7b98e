package org.debswarm.storage.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.BitSet;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

import org.debswarm.storage.FileKey;
import org.debswarm.storage.FileWrite;
import org.debswarm.storage.StoredFile;
import org.debswarm.storage.WriteAbortedException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One content being written into its partial file. States: {@code OPEN} (taking bytes) →
 * {@code VERIFYING} (all bytes present; the store hashes and places it) → {@code STORED}, or →
 * {@code FAILED} from either (abort, suspend, mismatch, I/O error).
 *
 * <p>The lock is held across the positional disk write on purpose: "skip what is present, write
 * what is missing, mark it present" must be atomic so two peers sending the same block never both
 * write it and the incremental digest never sees bytes twice. A write into the page cache takes
 * microseconds; readers of the file ({@link #openReader}) and checkpoints do not take this lock
 * for their I/O. This class is longer than most because it is the one state machine of a write.
 */
final class ActiveWrite implements FileWrite {

    enum State { OPEN, VERIFYING, STORED, FAILED }

    private static final Logger LOG = LoggerFactory.getLogger(ActiveWrite.class);

    private final FileKey key;
    private final Path partial;
    private final FileChannel channel;
    private final WriteTargets targets;
    private final WriteEvents events;
    private final long checkpointBytes;
    private final int blockCount;
    private final ReentrantLock lock = new ReentrantLock();
    /** Serialises checkpoints with the end of the write, so ranges are never saved for a dropped partial. */
    private final Object persistLock = new Object();

    // Guarded by lock.
    private final ByteRanges present;
    private final AvailabilityWaiters waiters = new AvailabilityWaiters();
    private final IncrementalDigest digest = new IncrementalDigest();
    private IOException failure;
    private Path readable;
    private long unsaved;
    private boolean checkpointQueued;

    private volatile State state = State.OPEN;
    private volatile long lastProgressNanos = System.nanoTime();

    ActiveWrite(FileKey key, Path partial, FileChannel channel, ByteRanges present, WriteTargets targets,
                WriteEvents events, long checkpointBytes) {
        this.key = key;
        this.partial = partial;
        this.channel = channel;
        this.present = present;
        this.targets = targets;
        this.events = events;
        this.checkpointBytes = checkpointBytes;
        this.blockCount = Blocks.count(key.size());
        this.readable = partial;
        if (present.total() == key.size()) {
            state = State.VERIFYING;
        }
    }

    @Override
    public int writeAt(long offset, ByteBuffer src) throws IOException {
        long end = checkRange(offset, src.remaining());
        int added;
        long available;
        List<CompletableFuture<Long>> ready;
        boolean completed;
        boolean checkpoint;
        lock.lock();
        try {
            if (state == State.FAILED) {
                throw new WriteAbortedException("write of " + key + " has ended: " + failure.getMessage(), failure);
            }
            if (state != State.OPEN) {
                src.position(src.limit());
                return 0;
            }
            added = writeMissing(offset, end, src);
            available = present.prefix();
            ready = waiters.release(available);
            // Only the write that fills the last gap sees this, exactly once.
            completed = present.total() == key.size();
            if (completed) {
                state = State.VERIFYING;
            }
            unsaved += added;
            checkpoint = !completed && unsaved >= checkpointBytes && !checkpointQueued;
            checkpointQueued |= checkpoint;
        } finally {
            lock.unlock();
        }
        if (added > 0) {
            lastProgressNanos = System.nanoTime();
        }
        ready.forEach(f -> f.complete(available));
        if (completed) {
            events.completed(this);
        } else if (checkpoint) {
            events.checkpointDue(this);
        }
        return added;
    }

    private int writeMissing(long offset, long end, ByteBuffer src) throws IOException {
        int base = src.position();
        int added = 0;
        for (ByteRange gap : present.missing(offset, end)) {
            ByteBuffer part = src.duplicate();
            part.limit(base + (int) (gap.end() - offset)).position(base + (int) (gap.start() - offset));
            ByteBuffer forDigest = part.duplicate();
            writeFully(part, gap.start());
            digest.offer(gap.start(), forDigest);
            present.add(gap.start(), gap.end());
            added += (int) gap.length();
        }
        src.position(src.limit());
        return added;
    }

    private void writeFully(ByteBuffer bytes, long position) throws IOException {
        long at = position;
        while (bytes.hasRemaining()) {
            at += channel.write(bytes, at);
        }
    }

    private long checkRange(long offset, int length) {
        if (offset < 0 || offset > key.size() - length) {
            throw new IllegalArgumentException("range [" + offset + ", " + (offset + length) + ") is outside "
                    + key.host() + "/" + key.path() + " of " + key.size() + " bytes");
        }
        return offset + length;
    }

    /** Hashes what was not hashed on arrival and returns the file's SHA-256. Called once, when {@code VERIFYING}. */
    String hashAll() throws IOException {
        return digest.finish(channel, key.size());
    }

    /** Makes the partial durable and renames it to its content-addressed place; readers follow. */
    void moveInto(Path blob) throws IOException {
        channel.force(true);
        channel.close();
        lock.lock();
        try {
            Placer.moveInto(partial, blob);
            readable = blob;
        } finally {
            lock.unlock();
        }
    }

    void markStored() {
        locked(() -> state = State.STORED);
    }

    /**
     * Ends the write with {@code cause} if it is in state {@code expected}: fails every waiter for
     * bytes and closes the partial file (after flushing it, so its recorded ranges can be trusted).
     *
     * @return the ranges present at the end, or null if the write was not in state {@code expected}
     */
    List<ByteRange> stop(IOException cause, State expected) {
        List<CompletableFuture<Long>> waiting;
        List<ByteRange> ranges;
        lock.lock();
        try {
            if (state != expected) {
                return null;
            }
            state = State.FAILED;
            failure = cause;
            ranges = present.toList();
            waiting = waiters.drain();
        } finally {
            lock.unlock();
        }
        closeChannel();
        waiting.forEach(f -> f.completeExceptionally(cause));
        return ranges;
    }

    private void closeChannel() {
        try (FileChannel c = channel) {
            if (c.isOpen()) {
                c.force(false);
            }
        } catch (IOException e) {
            LOG.warn("Closing partial file {} failed: {}", partial, e.toString());
        }
    }

    /** Records the present ranges, after making sure those bytes are on disk. */
    void checkpoint(PartialRecords partials) throws IOException {
        synchronized (persistLock) {
            List<ByteRange> ranges;
            lock.lock();
            try {
                checkpointQueued = false;
                if (state != State.OPEN) {
                    return;
                }
                ranges = present.toList();
                unsaved = 0;
            } finally {
                lock.unlock();
            }
            channel.force(false);
            partials.saveRanges(key.sha256(), ranges);
        }
    }

    Object persistLock() {
        return persistLock;
    }

    State state() {
        return state;
    }

    long idleNanos() {
        return System.nanoTime() - lastProgressNanos;
    }

    Path partialFile() {
        return partial;
    }

    WriteTargets targets() {
        return targets;
    }

    @Override
    public FileKey key() {
        return key;
    }

    @Override
    public long size() {
        return key.size();
    }

    @Override
    public WritableByteChannel appender(long position) {
        return new Appender(this, position);
    }

    @Override
    public long available() {
        return locked(present::prefix);
    }

    @Override
    public long written() {
        return locked(present::total);
    }

    @Override
    public int blockCount() {
        return blockCount;
    }

    @Override
    public boolean hasBlock(int index) {
        ByteRange block = Blocks.range(index, key.size());
        return locked(() -> present.covers(block.start(), block.end()));
    }

    @Override
    public BitSet blocks() {
        return Blocks.covered(locked(present::toList), key.size());
    }

    @Override
    public CompletableFuture<Long> whenAvailable(long length) {
        long wanted = Math.max(0, Math.min(length, key.size()));
        lock.lock();
        try {
            if (state == State.FAILED) {
                return CompletableFuture.failedFuture(failure);
            }
            long available = present.prefix();
            return available >= wanted ? CompletableFuture.completedFuture(available) : waiters.add(wanted);
        } finally {
            lock.unlock();
        }
    }

    @Override
    public FileChannel openReader() throws IOException {
        lock.lock();
        try {
            if (state == State.FAILED) {
                throw new WriteAbortedException("write of " + key + " has ended: " + failure.getMessage(), failure);
            }
            // Under the lock so the rename into place cannot slip between choosing the path and opening it.
            return FileChannel.open(readable, StandardOpenOption.READ);
        } finally {
            lock.unlock();
        }
    }

    @Override
    public CompletableFuture<StoredFile> completion() {
        return targets.add(key);
    }

    @Override
    public boolean isDone() {
        State s = state;
        return s == State.STORED || s == State.FAILED;
    }

    @Override
    public void abort(String reason) {
        events.abort(this, reason);
    }

    @Override
    public void suspend(String reason) {
        events.suspend(this, reason);
    }

    private <T> T locked(Supplier<T> read) {
        lock.lock();
        try {
            return read.get();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public String toString() {
        return "FileWrite[" + key + ", " + state + "]";
    }
}
