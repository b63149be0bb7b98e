package org.debswarm.stats.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Clock;
import java.util.List;

import javax.sql.DataSource;

import org.debswarm.commons.TransactionRunner;

/**
 * The statistics database: one connection, used by one thread at a time (the activating thread, then the
 * writer, then the deactivating thread once the writer has stopped). It stays open for the component's life,
 * since an embedded H2 database closes with its last connection, and is reopened after a failure.
 */
final class StatsDatabase implements AutoCloseable {

    private final TransactionRunner transactions;

    StatsDatabase(DataSource dataSource) {
        this.transactions = new TransactionRunner(dataSource, StatsSchema::create);
    }

    Ledger load(Clock clock, RateHistory history) throws SQLException {
        return transactions.inTransaction(c -> StatsLoader.load(c, clock, history));
    }

    /** Writes what changed, in one transaction; returns the rows written. */
    int write(Ledger ledger, RateHistory history) throws SQLException {
        List<RateHistory.Slot> slots = history.dirty();
        StatsWrite write = new StatsWrite();
        int rows = transactions.inTransaction(c -> write.write(c, ledger, slots));
        write.commit();
        history.written(slots);
        return rows;
    }

    /** Deletes a torrent with its counters and peers. */
    void deleteTorrent(String infoHash) throws SQLException {
        transactions.inTransaction(c -> {
            delete(c, "DELETE FROM stats_counter WHERE scope = ?", infoHash);
            delete(c, "DELETE FROM stats_peer WHERE info_hash = ?", infoHash);
            return delete(c, "DELETE FROM stats_torrent WHERE info_hash = ?", infoHash);
        });
    }

    void deletePeer(String infoHash, String peerId) throws SQLException {
        transactions.inTransaction(c -> delete(c, "DELETE FROM stats_peer WHERE info_hash = ? AND peer_id = ?", infoHash, peerId));
    }

    private static int delete(Connection c, String sql, String... keys) throws SQLException {
        try (PreparedStatement delete = c.prepareStatement(sql)) {
            for (int i = 0; i < keys.length; i++) {
                delete.setString(i + 1, keys[i]);
            }
            return delete.executeUpdate();
        }
    }

    @Override
    public void close() throws SQLException {
        transactions.close();
    }
}
