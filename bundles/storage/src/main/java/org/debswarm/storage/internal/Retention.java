package org.debswarm.storage.internal;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

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

    private final Catalog catalog;
    private final Records records;
    private final RetentionRecords rows;
    private final Stripes stripes;
    private final Leases leases = new Leases();
    private final Collection<ListedFiles> listed;
    private final Consumer<FileKey> evicted;

    /**
     * @param listed  the {@link ListedFiles} services registered now (a live, thread-safe collection)
     * @param evicted told of every path evicted, outside every stripe
     */
    Retention(Catalog catalog, Records records, RetentionRecords rows, Stripes stripes, Collection<ListedFiles> listed,
            Consumer<FileKey> evicted) {
        this.catalog = catalog;
        this.records = records;
        this.rows = rows;
        this.stripes = stripes;
        this.listed = listed;
        this.evicted = evicted;
    }

    Optional<FileLease> use(String host, String path) throws IOException {
        Optional<StoredFile> found = catalog.lookup(host, path);
        if (found.isEmpty()) {
            return Optional.empty();
        }
        String sha = found.get().sha256();
        synchronized (stripes.of(sha)) {
            // Re-read under the stripe: an eviction may have judged this content since the look-up.
            if (records.path(found.get().host(), found.get().path()).filter(r -> r.sha256().equals(sha)).isEmpty()) {
                return Optional.empty();
            }
            leases.acquire(sha);
            try {
                rows.served(sha, System.currentTimeMillis());
            } catch (IOException e) {
                LOG.debug("Could not record {} as served: {}", sha, e.toString()); // the lease matters, not the time
            }
        }
        return Optional.of(new Lease(found.get(), leases));
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

    List<StoreEntry> entries() throws IOException {
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
        for (ListedFiles l : listed) {
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
