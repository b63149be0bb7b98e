package org.debswarm.storage.internal;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The rows of {@code storage_path} read lately, so that serving a stored file does not query the database each
 * time (the query cost about as much as the rest of sending a 50 KB file). The database stays the truth: every
 * write of {@code storage_path} (all of them go through {@link Records}) calls {@link #changed} once committed,
 * which starts a new generation; a row read is kept only with the generation in force before its query, and
 * is used only while that generation lasts, so a row read across a write is never used. The file's own check
 * (size and modification time, {@link FileChecks#matches}) still runs on every look-up: a file deleted or
 * changed on disk is noticed as before. Bounded: at {@value #MAX_ROWS} rows it starts over.
 */
final class PathRows {

    static final int MAX_ROWS = 4096;

    private record Key(String host, String path) {
    }

    private record Row(Optional<PathRecord> row, long generation) {
    }

    private final Map<Key, Row> rows = new ConcurrentHashMap<>();
    private final AtomicLong generation = new AtomicLong();

    /** Take before the query whose result goes to {@link #keep}. */
    long generation() {
        return generation.get();
    }

    /** @return the row kept for this path (empty if the path has none), or null when nothing current is kept */
    Optional<PathRecord> get(String host, String path) {
        Row kept = rows.get(new Key(host, path));
        return kept == null || kept.generation() != generation.get() ? null : kept.row();
    }

    /** Keeps what a query begun in {@code readIn} found, unless a write was committed since. */
    void keep(String host, String path, Optional<PathRecord> row, long readIn) {
        if (readIn != generation.get()) {
            return;
        }
        if (rows.size() >= MAX_ROWS) {
            rows.clear();
        }
        rows.put(new Key(host, path), new Row(row, readIn));
    }

    /** A write of {@code storage_path} was committed (or failed): nothing read before it is used again. */
    void changed() {
        generation.incrementAndGet();
        rows.clear();
    }
}
