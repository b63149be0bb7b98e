package org.debswarm.tracker.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The batched statements of one write. Portable upsert: UPDATE every row, then INSERT those the UPDATE did not
 * find (MERGE and ON CONFLICT are spelled differently in H2 and PostgreSQL). Counters are added in SQL and
 * saturate at the BIGINT maximum, so one absurd report never makes every later write fail. Rows are written in
 * key order, so trackers sharing one database lock rows in the same order and never deadlock each other; two
 * of them inserting the same new row at once still collide, and the loser retries ({@link WriteConflict}).
 */
final class StoreWrites {

    private static final String MAX = "9223372036854775807";
    private static final String UPDATE_TORRENT = "UPDATE tracker_torrent SET name = COALESCE(?, name),"
            + " seeders = ?, leechers = ?, " + add("completed") + ", " + add("uploaded") + ", "
            + add("downloaded") + ", last_announce = ? WHERE info_hash = ?";
    private static final String INSERT_TORRENT = "INSERT INTO tracker_torrent (info_hash, name, seeders, leechers,"
            + " completed, uploaded, downloaded, last_announce) VALUES (?, ?, ?, ?, ?, ?, ?, ?)";
    private static final String UPDATE_PEER = "UPDATE tracker_peer SET port = ?, uploaded = ?, downloaded = ?,"
            + " bytes_left = ?, event = ?, last_seen = ? WHERE info_hash = ? AND peer_id = ? AND ip = ?";
    private static final String INSERT_PEER = "INSERT INTO tracker_peer (port, uploaded, downloaded, bytes_left,"
            + " event, last_seen, info_hash, peer_id, ip) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)";
    private static final int READ_CHUNK = 100;

    private StoreWrites() {
    }

    private static String add(String column) {
        return column + " = CASE WHEN " + column + " > ? THEN " + MAX + " ELSE " + column + " + ? END";
    }

    static void upsertTorrents(Connection c, List<TorrentRow> rows) throws SQLException {
        List<TorrentRow> missing = new ArrayList<>();
        Collection<TorrentRow> merged = mergeByInfoHash(rows);
        try (PreparedStatement update = c.prepareStatement(UPDATE_TORRENT)) {
            for (TorrentRow row : merged) {
                update.setObject(1, row.name(), Types.VARCHAR);
                update.setInt(2, row.seeders());
                update.setInt(3, row.leechers());
                setIncrement(update, 4, row.completed());
                setIncrement(update, 6, row.uploaded());
                setIncrement(update, 8, row.downloaded());
                update.setLong(10, row.lastAnnounce());
                update.setString(11, row.infoHash());
                update.addBatch();
            }
            collectMissing(update.executeBatch(), merged, missing);
        }
        try (PreparedStatement insert = c.prepareStatement(INSERT_TORRENT)) {
            for (TorrentRow row : missing) {
                insert.setString(1, row.infoHash());
                insert.setObject(2, row.name(), Types.VARCHAR);
                insert.setInt(3, row.seeders());
                insert.setInt(4, row.leechers());
                insert.setLong(5, row.completed());
                insert.setLong(6, row.uploaded());
                insert.setLong(7, row.downloaded());
                insert.setLong(8, row.lastAnnounce());
                insert.addBatch();
            }
            insert.executeBatch();
        }
    }

    private static void setIncrement(PreparedStatement statement, int index, long increment) throws SQLException {
        statement.setLong(index, Long.MAX_VALUE - increment);
        statement.setLong(index + 1, increment);
    }

    /**
     * One row per torrent, in info hash order: a swarm evicted and re-created between two writes may appear
     * twice.
     */
    private static Collection<TorrentRow> mergeByInfoHash(List<TorrentRow> rows) {
        Map<String, TorrentRow> merged = new TreeMap<>();
        for (TorrentRow row : rows) {
            merged.merge(row.infoHash(), row, (a, b) -> {
                TorrentRow latest = a.lastAnnounce() >= b.lastAnnounce() ? a : b;
                return new TorrentRow(a.infoHash(), latest.name() != null ? latest.name() : a.name(),
                        latest.seeders(), latest.leechers(), Tally.saturatedAdd(a.completed(), b.completed()),
                        Tally.saturatedAdd(a.uploaded(), b.uploaded()),
                        Tally.saturatedAdd(a.downloaded(), b.downloaded()), latest.lastAnnounce());
            });
        }
        return merged.values();
    }

    static void upsertPeers(Connection c, List<PeerRow> rows) throws SQLException {
        // A peer that stopped and started again between two writes comes twice: keep its latest announce.
        Map<String, PeerRow> latest = new TreeMap<>();
        for (PeerRow row : rows) {
            latest.merge(row.infoHash() + ' ' + row.peerId() + ' ' + row.ip(), row,
                    (a, b) -> a.lastSeen() > b.lastSeen() ? a : b);
        }
        Collection<PeerRow> unique = latest.values();
        List<PeerRow> missing = new ArrayList<>();
        try (PreparedStatement update = c.prepareStatement(UPDATE_PEER)) {
            for (PeerRow row : unique) {
                bindPeer(update, row);
            }
            collectMissing(update.executeBatch(), unique, missing);
        }
        try (PreparedStatement insert = c.prepareStatement(INSERT_PEER)) {
            for (PeerRow row : missing) {
                bindPeer(insert, row);
            }
            insert.executeBatch();
        }
    }

    private static void bindPeer(PreparedStatement statement, PeerRow row) throws SQLException {
        statement.setInt(1, row.port());
        statement.setLong(2, row.uploaded());
        statement.setLong(3, row.downloaded());
        statement.setLong(4, row.left());
        statement.setString(5, row.event());
        statement.setLong(6, row.lastSeen());
        statement.setString(7, row.infoHash());
        statement.setString(8, row.peerId());
        statement.setString(9, row.ip());
        statement.addBatch();
    }

    private static <T> void collectMissing(int[] counts, Collection<T> rows, List<T> missing) {
        int i = 0;
        for (T row : rows) {
            // SUCCESS_NO_INFO (-2) means the driver did the update without counting rows: it found the row.
            if (counts[i++] == 0) {
                missing.add(row);
            }
        }
    }

    /** The totals stored for each written torrent, read back inside the same transaction. */
    static Map<String, Tally> readTotals(Connection c, List<TorrentRow> rows) throws SQLException {
        List<String> hashes = rows.stream().map(TorrentRow::infoHash).distinct().toList();
        Map<String, Tally> totals = new HashMap<>();
        for (int from = 0; from < hashes.size(); from += READ_CHUNK) {
            List<String> chunk = hashes.subList(from, Math.min(hashes.size(), from + READ_CHUNK));
            String sql = "SELECT info_hash, completed, uploaded, downloaded FROM tracker_torrent WHERE info_hash IN ("
                    + String.join(", ", Collections.nCopies(chunk.size(), "?")) + ")";
            try (PreparedStatement select = c.prepareStatement(sql)) {
                for (int i = 0; i < chunk.size(); i++) {
                    select.setString(i + 1, chunk.get(i));
                }
                try (ResultSet rs = select.executeQuery()) {
                    while (rs.next()) {
                        Tally tally = new Tally();
                        tally.set(rs.getLong(2), rs.getLong(3), rs.getLong(4));
                        totals.put(rs.getString(1).trim(), tally);
                    }
                }
            }
        }
        return totals;
    }
}
