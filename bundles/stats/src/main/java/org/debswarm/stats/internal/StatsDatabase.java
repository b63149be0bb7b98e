package org.debswarm.stats.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Clock;
import java.util.List;

import javax.sql.DataSource;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The statistics database: one connection, used by one thread at a time (the activating thread, then the
 * writer, then the deactivating thread once the writer has stopped). It stays open for the component's life,
 * since an embedded H2 database closes with its last connection, and is reopened after a failure.
 */
final class StatsDatabase implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(StatsDatabase.class);

    private final DataSource dataSource;
    private Connection connection;

    StatsDatabase(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    Ledger load(Clock clock, RateHistory history) throws SQLException {
        return inTransaction(c -> StatsLoader.load(c, clock, history));
    }

    /** Writes what changed, in one transaction; returns the rows written. */
    int write(Ledger ledger, RateHistory history) throws SQLException {
        List<RateHistory.Slot> slots = history.dirty();
        StatsWrite write = new StatsWrite();
        int rows = inTransaction(c -> write.write(c, ledger, slots));
        write.commit();
        history.written(slots);
        return rows;
    }

    /** Deletes a torrent with its counters and peers. */
    void deleteTorrent(String infoHash) throws SQLException {
        inTransaction(c -> {
            delete(c, "DELETE FROM stats_counter WHERE scope = ?", infoHash);
            delete(c, "DELETE FROM stats_peer WHERE info_hash = ?", infoHash);
            return delete(c, "DELETE FROM stats_torrent WHERE info_hash = ?", infoHash);
        });
    }

    void deletePeer(String infoHash, String peerId) throws SQLException {
        inTransaction(c -> delete(c, "DELETE FROM stats_peer WHERE info_hash = ? AND peer_id = ?", infoHash, peerId));
    }

    private static int delete(Connection c, String sql, String... keys) throws SQLException {
        try (PreparedStatement delete = c.prepareStatement(sql)) {
            for (int i = 0; i < keys.length; i++) {
                delete.setString(i + 1, keys[i]);
            }
            return delete.executeUpdate();
        }
    }

    @FunctionalInterface
    private interface Work<T> {
        T run(Connection c) throws SQLException;
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
                StatsSchema.create(c);
            } catch (SQLException e) {
                discard(c);
                throw e;
            }
            connection = c;
        }
        return connection;
    }

    private void discard(Connection c) {
        connection = null;
        try {
            c.rollback();
        } catch (SQLException e) {
            LOG.debug("Rollback failed", e);
        }
        try {
            c.close();
        } catch (SQLException e) {
            LOG.debug("Closing a failed connection failed", e);
        }
    }

    @Override
    public void close() throws SQLException {
        if (connection != null) {
            Connection c = connection;
            connection = null;
            c.close();
        }
    }
}
