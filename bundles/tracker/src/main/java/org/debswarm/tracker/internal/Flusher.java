package org.debswarm.tracker.internal;

import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The writer: every period it takes what changed in the swarms and writes it in one transaction, so announces
 * never wait for a disk sync and a crash loses at most one period of counters. On its first successful run it
 * brings back the torrents and the live peers of the previous run. Only ever called from one thread at a time.
 */
final class Flusher {

    private static final Logger LOG = LoggerFactory.getLogger(Flusher.class);
    /** Writes per tick while each collides with another tracker's (several trackers on one database). */
    static final int CONFLICT_ATTEMPTS = 3;

    private final Swarms swarms;
    private final TrackerStore store;
    private final TrackerSettings settings;
    private final Clock clock;
    /** How long a new peer that moved no counter waits before its row is written ({@link Swarm#drain}). */
    private final long settleMillis;
    private final CompletableFuture<Void> restored = new CompletableFuture<>();
    private boolean failing;

    Flusher(Swarms swarms, TrackerStore store, TrackerSettings settings, Clock clock, long settleMillis) {
        this.swarms = swarms;
        this.settleMillis = settleMillis;
        this.store = store;
        this.settings = settings;
        this.clock = clock;
    }

    /** One writer tick; never throws, so a scheduled executor keeps running it. */
    void run() {
        tick(clock.millis() - settleMillis);
    }

    /** The last tick, at deactivation: every live peer's row is written, however new. */
    void runLast() {
        tick(Long.MAX_VALUE);
    }

    private void tick(long settledBefore) {
        try {
            if (!restored.isDone()) {
                restore();
            }
            flush(settledBefore);
            if (failing) {
                LOG.info("Tracker database writable again");
                failing = false;
            }
        } catch (SQLException | RuntimeException e) {
            if (!failing) {
                LOG.warn("Tracker database write failed; counters are kept in memory and retried", e);
            } else {
                LOG.debug("Tracker database write failed again", e);
            }
            failing = true;
        }
    }

    /**
     * Writes what changed. A write that collided with another tracker's on the same database (both inserted the
     * same new torrent or peer) went the way of every failed write, its increments back in the swarms, and is
     * made again at once: the rows now exist, so the retry adds to them.
     */
    void flush(long settledBefore) throws SQLException {
        for (int attempt = 1; ; attempt++) {
            try {
                writeChanges(settledBefore);
                return;
            } catch (SQLException e) {
                if (attempt == CONFLICT_ATTEMPTS || !WriteConflict.is(e)) {
                    throw e;
                }
                LOG.debug("Tracker write collided with another writer (SQLState {}); writing again",
                        e.getSQLState());
            }
        }
    }

    private void writeChanges(long settledBefore) throws SQLException {
        List<Swarm.Drained> drained = swarms.drainDirty(settledBefore);
        if (drained.isEmpty()) {
            return;
        }
        List<TorrentRow> torrents = new ArrayList<>(drained.size());
        List<PeerRow> peers = new ArrayList<>();
        for (Swarm.Drained item : drained) {
            torrents.add(item.torrent());
            peers.addAll(item.peerRows());
        }
        Map<String, Tally> stored;
        try {
            stored = store.write(torrents, peers);
        } catch (SQLException | RuntimeException e) {
            drained.forEach(item -> item.swarm().flushFailed(item.peers()));
            throw e;
        }
        for (Swarm.Drained item : drained) {
            Tally totals = stored.get(item.torrent().infoHash());
            if (totals != null) {
                item.swarm().flushed(totals);
            }
        }
        LOG.debug("Wrote {} torrents and {} peers", torrents.size(), peers.size());
    }

    private void restore() throws SQLException {
        long now = clock.millis();
        // only the torrents announced lately: one idle longer would be dropped at the next sweep anyway
        List<TorrentRow> torrents = store.loadTorrents(now - swarms.limits().idleTorrentMillis(),
                settings.maxTorrents());
        List<PeerRow> peers = store.loadPeers(now - settings.peerLifetimeMillis());
        try {
            for (TorrentRow row : torrents) {
                swarms.restore(row);
            }
            for (PeerRow row : peers) {
                swarms.restore(row);
            }
        } catch (TrackerRequestException full) {
            LOG.warn("Tracker restored only part of its previous state: {}", full.getMessage());
        }
        restored.complete(null);
        LOG.debug("Restored {} torrents and {} live peers", torrents.size(), peers.size());
    }

    /** Completes when the first successful run has brought back the previous state. */
    CompletionStage<Void> restored() {
        return restored.minimalCompletionStage();
    }

    /** Deletes peers' last announces older than the retention; run now and then. */
    void purge() {
        try {
            int deleted = store.purgePeers(clock.millis() - settings.retention() * 1000L);
            LOG.debug("Purged {} old peer rows", deleted);
        } catch (SQLException | RuntimeException e) {
            LOG.debug("Purging old peer rows failed; retried later", e);
        }
    }
}
