package org.debswarm.storage.internal;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Supplier;

import org.debswarm.storage.EvictionOutcome;
import org.debswarm.storage.FileKey;
import org.debswarm.storage.FileLease;
import org.debswarm.storage.ListedFiles;
import org.debswarm.storage.StoreEntry;
import org.debswarm.storage.StoredFile;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What may be evicted and what may not: pins, files in use, when each content was last served, which paths a
 * current index lists, and the eviction of one content. Decisions about one content are made under its stripe,
 * so a lease taken there and an eviction judged there cannot cross.
 */
final class Retention {

    private static final Logger LOG = LoggerFactory.getLogger(Retention.class);
    static final int SERVED_BACKLOG = 4096;

    private final Catalog catalog;
    private final Records records;
    private final RetentionRecords rows;
    private final Stripes stripes;
    private final Leases leases = new Leases();
    private final Supplier<List<ListedFiles>> listed;
    private final Consumer<FileKey> evicted;
    /** When each content was last served, not yet written: content to epoch milliseconds. */
    private final Map<String, Long> served = new java.util.concurrent.ConcurrentHashMap<>();
    private volatile Runnable onBacklog = () -> { };

    /**
     * @param listed  the {@link ListedFiles} services registered now, asked at each use
     * @param evicted told of every path evicted, outside every stripe
     */
    Retention(Catalog catalog, Records records, RetentionRecords rows, Stripes stripes, Supplier<List<ListedFiles>> listed,
            Consumer<FileKey> evicted) {
        this.catalog = catalog;
        this.records = records;
        this.rows = rows;
        this.stripes = stripes;
        this.listed = listed;
        this.evicted = evicted;
    }

    Optional<FileLease> use(String host, String path) throws IOException {
        Optional<StoredFile> found = catalog.lookupHeld(host, path, leases::acquire);
        if (found.isEmpty()) {
            return Optional.empty();
        }
        String sha = found.get().sha256();
        if (served.put(sha, System.currentTimeMillis()) == null && served.size() >= SERVED_BACKLOG) {
            onBacklog.run();
        }
        return Optional.of(new Lease(found.get(), leases));
    }

    /**
     * Writes the times recorded by {@link #use} since the last call, in one transaction. Serving records them in
     * memory only (a database write per file sent would cost more than the rest of sending a small file); they
     * are written before each eviction pass and listing, when {@value #SERVED_BACKLOG} are waiting, and at close.
     */
    void flushServed() {
        if (served.isEmpty()) {
            return;
        }
        Map<String, Long> batch = new HashMap<>();
        for (String sha : List.copyOf(served.keySet())) {
            Long at = served.remove(sha);
            if (at != null) {
                batch.put(sha, at);
            }
        }
        try {
            rows.served(batch);
        } catch (IOException e) {
            LOG.warn("Could not record {} contents as served: {}", batch.size(), e.toString());
        }
    }

    boolean pin(String host, String path, boolean pinned) throws IOException {
        Optional<PathRecord> row = records.path(FileKey.checkHost(host), FileKey.checkPath(path));
        if (row.isEmpty()) {
            return false;
        }
        synchronized (stripes.of(row.get().sha256())) {
            rows.pin(row.get().sha256(), pinned);
        }
        LOG.info("{} {}/{} (content {})", pinned ? "Pinned" : "Unpinned", row.get().host(), row.get().path(),
                row.get().sha256());
        return true;
    }

    /** @param task run (quickly: hand it to a thread) when {@value #SERVED_BACKLOG} served times wait to be written */
    void onBacklog(Runnable task) {
        onBacklog = task;
    }

    List<StoreEntry> entries() throws IOException {
        flushServed();
        List<StoreEntry> out = new ArrayList<>();
        for (RetentionRecords.PathState state : rows.paths()) {
            PathRecord p = state.path();
            FileKey key = p.key();
            Optional<Instant> served = state.lastServedMillis() > 0
                    ? Optional.of(Instant.ofEpochMilli(state.lastServedMillis())) : Optional.empty();
            out.add(new StoreEntry(key, Instant.ofEpochMilli(p.storedAtMillis()), served, state.pinned(), listed(key)));
        }
        return out;
    }

    /** @return for each stored content, whether a current index lists any of its paths */
    Map<String, Boolean> listedContents() throws IOException {
        Map<String, Boolean> out = new HashMap<>();
        for (RetentionRecords.PathState state : rows.paths()) {
            String sha = state.path().sha256();
            if (!out.getOrDefault(sha, false)) {
                out.put(sha, listed(state.path().key()));
            }
        }
        return out;
    }

    private boolean listed(FileKey key) {
        for (ListedFiles l : listed.get()) {
            try {
                if (l.lists(key)) {
                    return true;
                }
            } catch (RuntimeException e) {
                LOG.debug("A ListedFiles service failed for {}: {}", key, e.toString());
            }
        }
        return false;
    }

    EvictionOutcome evictPath(String host, String path) throws IOException {
        Optional<PathRecord> row = records.path(FileKey.checkHost(host), FileKey.checkPath(path));
        return row.isEmpty() ? EvictionOutcome.NOT_STORED : evictContent(row.get().sha256());
    }

    /** Evicts a content with every path to it unless it is pinned or in use; tells the listener outside the stripe. */
    EvictionOutcome evictContent(String sha) throws IOException {
        List<FileKey> removed;
        synchronized (stripes.of(sha)) {
            if (leases.inUse(sha)) {
                return EvictionOutcome.IN_USE;
            }
            if (rows.pinned(sha)) {
                return EvictionOutcome.PINNED;
            }
            removed = catalog.removeContent(sha);
            rows.forget(sha);
        }
        if (removed.isEmpty()) {
            return EvictionOutcome.NOT_STORED;
        }
        LOG.info("Evicted {} ({} bytes, {} path(s), first {}/{})", sha, removed.get(0).size(), removed.size(),
                removed.get(0).host(), removed.get(0).path());
        removed.forEach(evicted);
        return EvictionOutcome.EVICTED;
    }
}
