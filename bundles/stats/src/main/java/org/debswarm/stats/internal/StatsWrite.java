package org.debswarm.stats.internal;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * One write of everything that changed since the last one, inside the caller's transaction. What was
 * written is remembered only through {@link #commit()}, after the transaction commits, so a failed write
 * leaves everything dirty for the next one.
 */
final class StatsWrite {

    private static final String[] COUNTER_KEYS = {"scope", "name"};
    private static final String[] COUNTER_VALUES = {"val"};
    private static final String[] TORRENT_KEYS = {"info_hash"};
    private static final String[] TORRENT_VALUES = {"name", "swarm_held", "swarm_wanted", "swarm_at",
        "last_activity"};
    private static final String[] PEER_KEYS = {"info_hash", "peer_id"};
    private static final String[] PEER_VALUES = {"client", "downloaded", "uploaded", "verification_failures",
        "bans", "last_activity"};
    private static final String[] HISTORY_KEYS = {"resolution", "slot"};
    private static final String[] HISTORY_VALUES = {"start_ms", "from_peers", "from_mirrors", "uploaded"};

    private final List<Runnable> commits = new ArrayList<>();
    private int rows;

    /** Writes the changes of {@code ledger} and the history {@code slots}; returns the rows written. */
    int write(Connection c, Ledger ledger, List<RateHistory.Slot> slots) throws SQLException {
        try (Upsert counters = new Upsert(c, "stats_counter", COUNTER_KEYS, COUNTER_VALUES);
                Upsert torrents = new Upsert(c, "stats_torrent", TORRENT_KEYS, TORRENT_VALUES);
                Upsert peers = new Upsert(c, "stats_peer", PEER_KEYS, PEER_VALUES);
                Upsert history = new Upsert(c, "stats_history", HISTORY_KEYS, HISTORY_VALUES)) {
            counters(counters, StatsSchema.NODE_SCOPE, ledger.node());
            for (TorrentEntry torrent : ledger.torrents()) {
                torrent(torrents, torrent);
                counters(counters, torrent.infoHash, torrent.figures);
                for (PeerEntry peer : torrent.peers()) {
                    peer(peers, torrent.infoHash, peer);
                }
            }
            for (RateHistory.Slot slot : slots) {
                history.write(slot.resolution().name(), slot.slot(), slot.start(), slot.fromPeers(),
                        slot.fromMirrors(), slot.uploaded());
                rows++;
            }
        }
        return rows;
    }

    void commit() {
        commits.forEach(Runnable::run);
    }

    private void counters(Upsert upsert, String scope, FigureCounters figures) throws SQLException {
        List<Object[]> changed = new ArrayList<>();
        figures.forEach((name, counter) -> {
            long value = counter.value();
            if (value != counter.written()) {
                changed.add(new Object[] {name, counter, value});
            }
        });
        for (Object[] change : changed) {
            long value = (Long) change[2];
            upsert.write(scope, change[0], value);
            Counter counter = (Counter) change[1];
            commits.add(() -> counter.written(value));
            rows++;
        }
    }

    private void torrent(Upsert upsert, TorrentEntry torrent) throws SQLException {
        if (torrent.rowDirty()) {
            TorrentEntry.Row row = torrent.toWrite();
            upsert.write(torrent.infoHash, row.name(), row.swarm().bytesHeldBySwarm(), row.swarm().bytesWanted(),
                    row.swarm().reportedAt().toEpochMilli(), row.lastActivity());
            commits.add(row::commit);
            rows++;
        }
    }

    private void peer(Upsert upsert, String infoHash, PeerEntry peer) throws SQLException {
        if (peer.dirty()) {
            PeerEntry.Written row = peer.toWrite();
            upsert.write(infoHash, peer.peerId, row.client(), row.downloaded(), row.uploaded(), row.failures(),
                    row.bans(), row.lastActivity());
            commits.add(row::commit);
            rows++;
        }
    }
}
