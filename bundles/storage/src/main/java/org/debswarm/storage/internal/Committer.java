package org.debswarm.storage.internal;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.debswarm.storage.FileKey;
import org.debswarm.storage.VerificationException;
import org.debswarm.storage.internal.ActiveWrite.State;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Ends writes: verifies a complete one and stores it, or stops one (abort, suspend, failure) and
 * settles its partial file. Either way every waiter is completed once, after the locks are released.
 *
 * <p>Order of a commit, chosen so that a crash at any step never serves a wrong file: hash the
 * partial; rename it to {@code store/sha256/..} (atomic); link it at each mirror path (temporary
 * name, then atomic rename); record blob and paths and forget the partial in one transaction. A
 * crash before the transaction leaves files without records, which are never served and are
 * replaced when the content is fetched again; a partial whose file was already renamed is
 * forgotten at the next start.
 */
final class Committer {

    private static final Logger LOG = LoggerFactory.getLogger(Committer.class);

    private final StoreLayout layout;
    private final Catalog catalog;
    private final PartialFiles partialFiles;
    private final PartialRecords partials;
    private final WriteRegistry registry;
    private final Stripes stripes;

    Committer(StoreLayout layout, Catalog catalog, PartialFiles partialFiles, PartialRecords partials,
              WriteRegistry registry, Stripes stripes) {
        this.layout = layout;
        this.catalog = catalog;
        this.partialFiles = partialFiles;
        this.partials = partials;
        this.registry = registry;
        this.stripes = stripes;
    }

    /** Verifies and stores a write whose bytes are all present. Runs on the store's thread. */
    void commit(ActiveWrite write) {
        FileKey key = write.key();
        String actual;
        try {
            actual = write.hashAll();
        } catch (IOException e) {
            end(write, e, State.VERIFYING, true);
            return;
        }
        if (!actual.equals(key.sha256())) {
            end(write, new VerificationException(key, actual), State.VERIFYING, false);
            return;
        }
        Placement placement;
        try {
            synchronized (stripes.of(key.sha256())) {
                write.moveInto(layout.blob(key.sha256()));
                placement = catalog.place(key, keysOf(write));
                write.markStored();
                registry.remove(write);
            }
        } catch (IOException e) {
            end(write, e, State.VERIFYING, false);
            return;
        }
        settle(write, placement);
    }

    private void settle(ActiveWrite write, Placement placement) {
        List<String> orphans = new ArrayList<>(placement.replaced());
        if (placement.rows().isEmpty()) {
            orphans.add(write.key().sha256());
        }
        try {
            catalog.collect(orphans);
        } catch (IOException e) {
            LOG.warn("Collecting replaced contents failed: {}", e.toString());
        }
        LOG.debug("Stored {} at {} path(s)", write.key(), placement.rows().size());
        write.targets().succeed(placement.stored(), placement.failed());
    }

    /** The write's own key first, then every other path waiting for the same content. */
    private static List<FileKey> keysOf(ActiveWrite write) {
        Map<String, FileKey> keys = new LinkedHashMap<>();
        keys.put(WriteTargets.id(write.key()), write.key());
        write.targets().keys().forEach(k -> keys.putIfAbsent(WriteTargets.id(k), k));
        return new ArrayList<>(keys.values());
    }

    /**
     * Stops {@code write} with {@code cause} if it is still in state {@code expected}, keeping the
     * partial file and its ranges for a later resume or deleting both, then fails every waiter.
     */
    void end(ActiveWrite write, IOException cause, State expected, boolean keepPartial) {
        String sha = write.key().sha256();
        synchronized (stripes.of(sha)) {
            synchronized (write.persistLock()) {
                List<ByteRange> ranges = write.stop(cause, expected);
                if (ranges == null) {
                    return;
                }
                registry.remove(write);
                settlePartial(sha, ranges, keepPartial);
            }
        }
        if (cause instanceof VerificationException) {
            LOG.warn("{}", cause.getMessage());
        } else {
            LOG.debug("Write of {} ended: {}", write.key(), cause.toString());
        }
        write.targets().fail(cause);
    }

    private void settlePartial(String sha, List<ByteRange> ranges, boolean keep) {
        try {
            if (keep) {
                partials.saveRanges(sha, ranges);
            } else {
                partialFiles.delete(sha);
            }
        } catch (IOException e) {
            LOG.warn("Settling the partial file of {} failed: {}", sha, e.toString());
        }
    }
}
