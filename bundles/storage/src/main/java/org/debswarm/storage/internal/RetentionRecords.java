package org.debswarm.storage.internal;

import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * SQL for what eviction needs beyond the records of what is stored: {@code storage_retention}, one row per
 * content that was pinned or served (contents never served have none). A table of its own, added beside the
 * others, so an older database gains it without a migration; a row whose content is gone is harmless (a
 * pin then holds when the same bytes are stored again) and eviction deletes the rows of what it evicts.
 */
final class RetentionRecords {

    private static final String DDL = "CREATE TABLE IF NOT EXISTS storage_retention (sha256 VARCHAR(64) NOT NULL"
            + " PRIMARY KEY, pinned INTEGER NOT NULL, last_served_ms BIGINT NOT NULL)";

    /** A stored content as eviction judges it: recency is the later of stored and last served. */
    record Candidate(String sha256, long size, long recencyMillis) {
    }

    /** A stored path with its content's retention state; {@code lastServedMillis} 0 = never. */
    record PathState(PathRecord path, boolean pinned, long lastServedMillis) {
    }

    private final StoreDatabase db;

    RetentionRecords(StoreDatabase db) throws IOException {
        this.db = db;
        db.transaction("create retention table", c -> {
            try (Statement s = c.createStatement()) {
                s.execute(DDL);
            }
            return null;
        });
    }

    /** Records when each content was last served: content to epoch milliseconds, one transaction. */
    void served(java.util.Map<String, Long> times) throws IOException {
        db.transaction("record served", c -> {
            try (PreparedStatement s = c.prepareStatement(
                    "UPDATE storage_retention SET last_served_ms = ? WHERE sha256 = ?")) {
                for (java.util.Map.Entry<String, Long> e : times.entrySet()) {
                    s.setLong(1, e.getValue());
                    s.setString(2, e.getKey());
                    if (s.executeUpdate() == 0) {
                        insert(c, e.getKey(), false, e.getValue());
                    }
                }
            }
            return null;
        });
    }

    void pin(String sha256, boolean pinned) throws IOException {
        db.transaction("record pin", c -> {
            try (PreparedStatement s = c.prepareStatement("UPDATE storage_retention SET pinned = ? WHERE sha256 = ?")) {
                s.setInt(1, pinned ? 1 : 0);
                s.setString(2, sha256);
                if (s.executeUpdate() == 0) {
                    insert(c, sha256, pinned, 0);
                }
            }
            return null;
        });
    }

    boolean pinned(String sha256) throws IOException {
        return db.read("find pin", c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT pinned FROM storage_retention WHERE sha256 = ?")) {
                s.setString(1, sha256);
                try (ResultSet rs = s.executeQuery()) {
                    return rs.next() && rs.getInt(1) != 0;
                }
            }
        });
    }

    void forget(String sha256) throws IOException {
        db.read("forget retention", c -> Records.update(c, "DELETE FROM storage_retention WHERE sha256 = ?", sha256));
    }

    /** @return the unpinned stored contents, least recently stored or served first */
    List<Candidate> unpinned() throws IOException {
        return db.read("find eviction candidates", c -> {
            List<Candidate> out = new ArrayList<>();
            try (PreparedStatement s = c.prepareStatement("SELECT b.sha256, b.file_size,"
                    + " CASE WHEN r.last_served_ms > b.stored_at_ms THEN r.last_served_ms ELSE b.stored_at_ms END AS recency"
                    + " FROM storage_blob b LEFT JOIN storage_retention r ON r.sha256 = b.sha256"
                    + " WHERE r.pinned IS NULL OR r.pinned = 0 ORDER BY recency, b.sha256");
                 ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    out.add(new Candidate(rs.getString(1), rs.getLong(2), rs.getLong(3)));
                }
            }
            return out;
        });
    }

    /** @return every stored path with its content's retention state, by host and path */
    List<PathState> paths() throws IOException {
        return db.read("list stored paths", c -> {
            List<PathState> out = new ArrayList<>();
            try (PreparedStatement s = c.prepareStatement("SELECT p.host, p.path, p.sha256, p.file_size, p.mtime_ns,"
                    + " p.stored_at_ms, r.pinned, r.last_served_ms FROM storage_path p"
                    + " LEFT JOIN storage_retention r ON r.sha256 = p.sha256 ORDER BY p.host, p.path");
                 ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    PathRecord path = new PathRecord(rs.getString(1), rs.getString(2), rs.getString(3), rs.getLong(4),
                            rs.getLong(5), rs.getLong(6));
                    out.add(new PathState(path, rs.getInt(7) != 0, rs.getLong(8)));
                }
            }
            return out;
        });
    }

    private static void insert(Connection c, String sha256, boolean pinned, long servedMillis) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(
                "INSERT INTO storage_retention (sha256, pinned, last_served_ms) VALUES (?, ?, ?)")) {
            s.setString(1, sha256);
            s.setInt(2, pinned ? 1 : 0);
            s.setLong(3, servedMillis);
            s.executeUpdate();
        }
    }
}
