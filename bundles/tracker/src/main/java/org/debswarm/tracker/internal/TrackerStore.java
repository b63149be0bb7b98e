package org.debswarm.tracker.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The tracker's database: one connection, used by one thread at a time (the writer), opened lazily and
 * reopened after a failure, so a database that was down is picked up again by the next write. Each write is
 * one transaction.
 */
final class TrackerStore implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(TrackerStore.class);

    private static final String LOAD_TORRENTS = "SELECT info_hash, name, seeders, leechers, completed, uploaded,"
            + " downloaded, last_announce FROM tracker_torrent WHERE last_announce >= ? ORDER BY last_announce DESC";
    private static final String LOAD_PEERS = "SELECT info_hash, peer_id, ip, port, uploaded, downloaded,"
            + " bytes_left, event, last_seen FROM tracker_peer WHERE last_seen >= ? AND event <> 'stopped'";
    private static final String PURGE_PEERS = "DELETE FROM tracker_peer WHERE last_seen < ?";

    private final DataSource dataSource;
    private Connection connection;

    TrackerStore(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Torrents announced since {@code activeSince} (epoch ms), most recent first, at most {@code limit}. */
    List<TorrentRow> loadTorrents(long activeSince, int limit) throws SQLException {
        return inTransaction(c -> {
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
        return inTransaction(c -> {
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
        return inTransaction(c -> {
            StoreWrites.upsertTorrents(c, torrents);
            StoreWrites.upsertPeers(c, peers);
            return StoreWrites.readTotals(c, torrents);
        });
    }

    /** Deletes the last announces older than {@code seenBefore} (epoch ms). */
    int purgePeers(long seenBefore) throws SQLException {
        return inTransaction(c -> {
            try (PreparedStatement delete = c.prepareStatement(PURGE_PEERS)) {
                delete.setLong(1, seenBefore);
                return delete.executeUpdate();
            }
        });
    }

    private <T> T inTransaction(Work<T> work) throws SQLException {
        Connection c = connection();
        try {
            T result = work.run(c);
            c.commit();
            return result;
        } catch (SQLException | RuntimeException e) {
            discard(c);
            throw e;
        }
    }

    private Connection connection() throws SQLException {
        if (connection == null) {
            Connection c = dataSource.getConnection();
            try {
                c.setAutoCommit(false);
                Schema.create(c);
            } catch (SQLException e) {
                discard(c);
                throw e;
            }
            connection = c;
        }
        return connection;
    }

    /** Rolls back and drops a connection after a failure; the next call opens a fresh one. */
    private void discard(Connection c) {
        connection = null;
        try (c) {
            c.rollback();
        } catch (SQLException e) {
            LOG.debug("Rollback after a failed write failed too", e);
        }
    }

    @Override
    public void close() throws SQLException {
        Connection c = connection;
        connection = null;
        if (c != null) {
            c.close();
        }
    }

    @FunctionalInterface
    private interface Work<T> {
        T run(Connection connection) throws SQLException;
    }
}
