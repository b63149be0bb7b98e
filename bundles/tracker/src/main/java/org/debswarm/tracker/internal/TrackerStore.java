package org.debswarm.tracker.internal;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import org.debswarm.commons.TransactionRunner;

/**
 * The tracker's database: one connection, used by one thread at a time (the writer), opened lazily and
 * reopened after a failure, so a database that was down is picked up again by the next write. Each write is
 * one transaction.
 */
final class TrackerStore implements AutoCloseable {

    private static final String LOAD_TORRENTS = "SELECT info_hash, name, seeders, leechers, completed, uploaded,"
            + " downloaded, last_announce FROM tracker_torrent WHERE last_announce >= ? ORDER BY last_announce DESC";
    private static final String LOAD_PEERS = "SELECT info_hash, peer_id, ip, port, uploaded, downloaded,"
            + " bytes_left, event, last_seen FROM tracker_peer WHERE last_seen >= ? AND event <> 'stopped'";
    private static final String PURGE_PEERS = "DELETE FROM tracker_peer WHERE last_seen < ?";

    private final TransactionRunner transactions;

    TrackerStore(DataSource dataSource) {
        this.transactions = new TransactionRunner(dataSource, Schema::create);
    }

    /** Torrents announced since {@code activeSince} (epoch ms), most recent first, at most {@code limit}. */
    List<TorrentRow> loadTorrents(long activeSince, int limit) throws SQLException {
        return transactions.inTransaction(c -> {
            List<TorrentRow> rows = new ArrayList<>();
            try (PreparedStatement select = c.prepareStatement(LOAD_TORRENTS)) {
                select.setLong(1, activeSince);
                select.setMaxRows(limit);
                try (ResultSet rs = select.executeQuery()) {
                    while (rs.next()) {
                        rows.add(new TorrentRow(rs.getString(1).trim(), rs.getString(2), rs.getInt(3), rs.getInt(4),
                                rs.getLong(5), rs.getLong(6), rs.getLong(7), rs.getLong(8)));
                    }
                }
            }
            return rows;
        });
    }

    /** Peers whose last announce, since {@code seenSince} (epoch ms), was not a {@code stopped}. */
    List<PeerRow> loadPeers(long seenSince) throws SQLException {
        return transactions.inTransaction(c -> {
            List<PeerRow> rows = new ArrayList<>();
            try (PreparedStatement select = c.prepareStatement(LOAD_PEERS)) {
                select.setLong(1, seenSince);
                try (ResultSet rs = select.executeQuery()) {
                    while (rs.next()) {
                        rows.add(new PeerRow(rs.getString(1).trim(), rs.getString(2).trim(), rs.getString(3),
                                rs.getInt(4), rs.getLong(5), rs.getLong(6), rs.getLong(7), rs.getString(8),
                                rs.getLong(9)));
                    }
                }
            }
            return rows;
        });
    }

    /**
     * Adds the torrents' increments and stores the peers' last announces, in one transaction.
     *
     * @return the totals now stored, by info hash, for every torrent written
     */
    Map<String, Tally> write(List<TorrentRow> torrents, List<PeerRow> peers) throws SQLException {
        return transactions.inTransaction(c -> {
            StoreWrites.upsertTorrents(c, torrents);
            StoreWrites.upsertPeers(c, peers);
            return StoreWrites.readTotals(c, torrents);
        });
    }

    /** Deletes the last announces older than {@code seenBefore} (epoch ms). */
    int purgePeers(long seenBefore) throws SQLException {
        return transactions.inTransaction(c -> {
            try (PreparedStatement delete = c.prepareStatement(PURGE_PEERS)) {
                delete.setLong(1, seenBefore);
                return delete.executeUpdate();
            }
        });
    }

    @Override
    public void close() throws SQLException {
        transactions.close();
    }
}
