package org.debswarm.storage.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import org.debswarm.commons.Shutdown;
import org.debswarm.storage.EvictionOutcome;
import org.debswarm.storage.StoreUsage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the store within {@link StoreLimits}: before a new file is written ({@link #makeRoom}, on the caller's
 * thread) and after each one is stored ({@link #request}, on its own thread {@code debswarm-storage-evict}),
 * it evicts whole contents until both limits hold: first contents no current index lists, then the least
 * recently served (or stored, if later); never pinned ones or ones in use. One pass at a time.
 */
final class Evictor implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Evictor.class);
    private static final java.time.Duration CLOSE_WAIT = java.time.Duration.ofSeconds(10);

    private final Path home;
    private final Records records;
    private final RetentionRecords rows;
    private final Retention retention;
    private final StoreLimits limits;
    private final ExecutorService thread;
    private final AtomicBoolean requested = new AtomicBoolean();
    private final AtomicLong evictedFiles = new AtomicLong();
    private final AtomicLong evictedBytes = new AtomicLong();

    Evictor(Path home, Records records, RetentionRecords rows, Retention retention, StoreLimits limits) {
        this.home = home;
        this.records = records;
        this.rows = rows;
        this.retention = retention;
        this.limits = limits;
        this.thread = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "debswarm-storage-evict");
            t.setDaemon(true);
            return t;
        });
        retention.onBacklog(this::flushSoon);
    }

    /** @return whether any limit is set (without, nothing is ever evicted but by {@link Retention#evictContent}) */
    boolean limited() {
        return limits.any();
    }

    /** Checks the limits soon on the eviction thread; requests while one is pending are merged into it. */
    void request() {
        if (!limits.any() || !requested.compareAndSet(false, true)) {
            return;
        }
        try {
            thread.execute(() -> {
                requested.set(false);
                try {
                    makeRoom(0);
                } catch (IOException | RuntimeException e) {
                    LOG.warn("Eviction failed: {}", e.toString());
                }
            });
        } catch (RejectedExecutionException e) {
            requested.set(false); // closing
        }
    }

    /** Evicts until {@code incoming} more bytes fit within both limits, as far as unpinned, unused contents allow. */
    synchronized void makeRoom(long incoming) throws IOException {
        if (!limits.any()) {
            return;
        }
        long excess = limits.excess(storedBytes(), usableBytes(), incoming);
        if (excess <= 0) {
            return;
        }
        for (RetentionRecords.Candidate c : inOrder()) {
            if (excess <= 0) {
                return;
            }
            if (retention.evictContent(c.sha256()) == EvictionOutcome.EVICTED) {
                excess -= c.size();
                evictedFiles.incrementAndGet();
                evictedBytes.addAndGet(c.size());
            }
        }
        if (excess > 0) {
            LOG.warn("The store is {} bytes past its limits (maxStoreBytes {}, minFreeDiskBytes {}): what is left is"
                    + " pinned or in use", excess, limits.maxStoreBytes(), limits.minFreeDiskBytes());
        }
    }

    /** Unlisted contents first, then by recency; a stable sort keeps the database's recency order within each. */
    private List<RetentionRecords.Candidate> inOrder() throws IOException {
        retention.flushServed();
        Map<String, Boolean> listed = retention.listedContents();
        List<RetentionRecords.Candidate> candidates = new ArrayList<>(rows.unpinned());
        candidates.sort(Comparator.comparing(c -> listed.getOrDefault(c.sha256(), false)));
        return candidates;
    }

    /** Counts an eviction an administrator asked for. */
    void counted(long bytes) {
        evictedFiles.incrementAndGet();
        evictedBytes.addAndGet(bytes);
    }

    StoreUsage usage() throws IOException {
        return new StoreUsage(storedBytes(), limits.maxStoreBytes(), usableBytes(), limits.minFreeDiskBytes(),
                evictedFiles.get(), evictedBytes.get());
    }

    private long storedBytes() throws IOException {
        return records.totals()[3];
    }

    private long usableBytes() throws IOException {
        return Files.getFileStore(home).getUsableSpace();
    }

    /** Writes the served times {@link Retention} holds, soon, on the eviction thread. */
    void flushSoon() {
        try {
            thread.execute(retention::flushServed);
        } catch (RejectedExecutionException e) {
            LOG.debug("Closing: served times are written by close"); // close flushes them
        }
    }

    @Override
    public void close() {
        Shutdown.orderly(thread, "Storage eviction", CLOSE_WAIT);
        retention.flushServed();
    }
}
