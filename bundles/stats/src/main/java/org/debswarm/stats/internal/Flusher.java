package org.debswarm.stats.internal;

import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The writer's tick: adds what moved since the last tick to the rate history, samples the rate meters, writes
 * every changed figure in one transaction, and now and then forgets torrents and peers idle for longer than
 * the retention. Called by one thread at a time; never throws, so a scheduled executor keeps running it.
 */
final class Flusher {

    private static final Logger LOG = LoggerFactory.getLogger(Flusher.class);
    private static final long PURGE_PERIOD_MILLIS = 3_600_000;

    private final Ledger ledger;
    private final RateHistory history;
    private final RateMeter nodeMeter;
    private final StatsDatabase database;
    private final Clock clock;
    private final long retentionMillis;
    private long lastPeers;
    private long lastMirrors;
    private long lastUploaded;
    private long nextPurge;
    private boolean failing;

    Flusher(Ledger ledger, RateHistory history, RateMeter nodeMeter, StatsDatabase database, Clock clock,
            long retentionMillis) {
        this.ledger = ledger;
        this.history = history;
        this.nodeMeter = nodeMeter;
        this.database = database;
        this.clock = clock;
        this.retentionMillis = retentionMillis;
        FigureCounters node = ledger.node();
        lastPeers = node.fromPeers.value();
        lastMirrors = node.fromMirrors();
        lastUploaded = node.uploaded.value();
        nextPurge = clock.millis() + PURGE_PERIOD_MILLIS;
    }

    void run() {
        try {
            long now = clock.millis();
            sample(now);
            int rows = database.write(ledger, history);
            if (now >= nextPurge) {
                purge(now);
                nextPurge = now + PURGE_PERIOD_MILLIS;
            }
            LOG.trace("Wrote {} statistics rows", rows);
            if (failing) {
                LOG.info("Statistics database writable again");
                failing = false;
            }
        } catch (SQLException | RuntimeException e) {
            if (!failing) {
                LOG.warn("Writing statistics failed; figures are kept in memory and written later", e);
            }
            failing = true;
        }
    }

    private void sample(long now) {
        FigureCounters node = ledger.node();
        long peers = node.fromPeers.value();
        long mirrors = node.fromMirrors();
        long uploaded = node.uploaded.value();
        history.add(now, peers - lastPeers, mirrors - lastMirrors, uploaded - lastUploaded);
        lastPeers = peers;
        lastMirrors = mirrors;
        lastUploaded = uploaded;
        nodeMeter.sample(now, peers, mirrors, uploaded);
        for (TorrentEntry torrent : ledger.torrents()) {
            FigureCounters f = torrent.figures;
            torrent.meter.sample(now, f.fromPeers.value(), f.fromMirrors(), f.uploaded.value());
        }
    }

    /** Forgets torrents and peers idle past the retention, first in the database, then in memory. */
    void purge(long now) throws SQLException {
        long cutoff = now - retentionMillis;
        List<TorrentEntry> idleTorrents = new ArrayList<>();
        for (TorrentEntry torrent : ledger.torrents()) {
            if (torrent.lastActivity() < cutoff && torrent.connectedPeers() == 0) {
                idleTorrents.add(torrent);
                continue;
            }
            for (PeerEntry peer : torrent.peers()) {
                if (peer.lastActivity() < cutoff && !peer.isConnected()) {
                    database.deletePeer(torrent.infoHash, peer.peerId);
                    torrent.removePeer(peer);
                }
            }
        }
        for (TorrentEntry torrent : idleTorrents) {
            database.deleteTorrent(torrent.infoHash);
            ledger.remove(torrent);
        }
        LOG.debug("Purged {} idle torrents", idleTorrents.size());
    }
}
