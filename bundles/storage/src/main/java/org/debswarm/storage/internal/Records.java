package org.debswarm.storage.internal;

import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** SQL for what is stored: {@code storage_blob} (contents) and {@code storage_path} (mirror paths). */
final class Records {

    private static final String PATH_COLUMNS = "host, path, sha256, file_size, mtime_ns, stored_at_ms";

    private final StoreDatabase db;
    private final PathRows cached = new PathRows();

    Records(StoreDatabase db) {
        this.db = db;
    }

    /** The row of a path: from {@link PathRows} when no write was committed since it was read. */
    Optional<PathRecord> path(String host, String path) throws IOException {
        Optional<PathRecord> kept = cached.get(host, path);
        if (kept != null) {
            return kept;
        }
        long generation = cached.generation();
        Optional<PathRecord> row = queryPath(host, path);
        cached.keep(host, path, row, generation);
        return row;
    }

    private Optional<PathRecord> queryPath(String host, String path) throws IOException {
        return db.read("find path", c -> {
            try (PreparedStatement s = c.prepareStatement(
                    "SELECT " + PATH_COLUMNS + " FROM storage_path WHERE host = ? AND path = ?")) {
                s.setString(1, host);
                s.setString(2, path);
                List<PathRecord> rows = paths(s);
                return rows.isEmpty() ? Optional.empty() : Optional.of(rows.get(0));
            }
        });
    }

    List<PathRecord> pathsOf(String sha256) throws IOException {
        return db.read("find paths of content", c -> {
            try (PreparedStatement s = c.prepareStatement(
                    "SELECT " + PATH_COLUMNS + " FROM storage_path WHERE sha256 = ? ORDER BY stored_at_ms, host, path")) {
                s.setString(1, sha256);
                return paths(s);
            }
        });
    }

    Optional<BlobRecord> blob(String sha256) throws IOException {
        return db.read("find content", c -> {
            try (PreparedStatement s = c.prepareStatement(
                    "SELECT file_size, mtime_ns, stored_at_ms FROM storage_blob WHERE sha256 = ?")) {
                s.setString(1, sha256);
                try (ResultSet rs = s.executeQuery()) {
                    return rs.next()
                            ? Optional.of(new BlobRecord(sha256, rs.getLong(1), rs.getLong(2), rs.getLong(3)))
                            : Optional.empty();
                }
            }
        });
    }

    static void putBlob(Connection c, BlobRecord blob) throws SQLException {
        update(c, "DELETE FROM storage_blob WHERE sha256 = ?", blob.sha256());
        try (PreparedStatement s = c.prepareStatement(
                "INSERT INTO storage_blob (sha256, file_size, mtime_ns, stored_at_ms) VALUES (?, ?, ?, ?)")) {
            s.setString(1, blob.sha256());
            s.setLong(2, blob.size());
            s.setLong(3, blob.mtimeNanos());
            s.setLong(4, blob.storedAtMillis());
            s.executeUpdate();
        }
    }

    /**
     * Inserts or replaces the row of a path.
     *
     * @return the content the path had before, if it was different (a candidate for collection)
     */
    static Optional<String> putPath(Connection c, PathRecord row) throws SQLException {
        String before = null;
        try (PreparedStatement s = c.prepareStatement("SELECT sha256 FROM storage_path WHERE host = ? AND path = ?")) {
            s.setString(1, row.host());
            s.setString(2, row.path());
            try (ResultSet rs = s.executeQuery()) {
                before = rs.next() ? rs.getString(1) : null;
            }
        }
        update(c, "DELETE FROM storage_path WHERE host = ? AND path = ?", row.host(), row.path());
        try (PreparedStatement s = c.prepareStatement(
                "INSERT INTO storage_path (" + PATH_COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?)")) {
            s.setString(1, row.host());
            s.setString(2, row.path());
            s.setString(3, row.sha256());
            s.setLong(4, row.size());
            s.setLong(5, row.mtimeNanos());
            s.setLong(6, row.storedAtMillis());
            s.executeUpdate();
        }
        return before == null || before.equals(row.sha256()) ? Optional.empty() : Optional.of(before);
    }

    /**
     * Records a verified content and the paths it was placed at, and forgets its partial file, in
     * one transaction.
     *
     * @return contents that lost a path to this one (candidates for collection)
     */
    List<String> storeContent(BlobRecord blob, List<PathRecord> rows) throws IOException {
        try {
            return db.transaction("record stored content", c -> {
                putBlob(c, blob);
                List<String> replaced = new ArrayList<>();
                for (PathRecord row : rows) {
                    putPath(c, row).ifPresent(replaced::add);
                }
                PartialRecords.delete(c, blob.sha256());
                return replaced;
            });
        } finally {
            cached.changed();
        }
    }

    /** @return the content the path had before, if different */
    Optional<String> putPathNow(PathRecord row) throws IOException {
        try {
            return db.transaction("record path", c -> putPath(c, row));
        } finally {
            cached.changed();
        }
    }

    /** Deletes the row of a path only if it still names {@code sha256}: a concurrent replacement wins. */
    boolean deletePath(String host, String path, String sha256) throws IOException {
        try {
            return db.read("delete path", c -> update(c,
                    "DELETE FROM storage_path WHERE host = ? AND path = ? AND sha256 = ?", host, path, sha256) > 0);
        } finally {
            cached.changed();
        }
    }

    void deleteBlob(String sha256) throws IOException {
        db.read("delete content", c -> update(c, "DELETE FROM storage_blob WHERE sha256 = ?", sha256));
    }

    /** Records a new modification time for a path whose bytes were just rehashed, and for its content's file. */
    void touch(PathRecord row, long mtimeNanos, boolean sameFileAsBlob) throws IOException {
        try {
            db.transaction("update modification time", c -> {
                try (PreparedStatement s = c.prepareStatement(
                        "UPDATE storage_path SET mtime_ns = ? WHERE host = ? AND path = ?")) {
                    s.setLong(1, mtimeNanos);
                    s.setString(2, row.host());
                    s.setString(3, row.path());
                    s.executeUpdate();
                }
                if (sameFileAsBlob) {
                    try (PreparedStatement s = c.prepareStatement("UPDATE storage_blob SET mtime_ns = ? WHERE sha256 = ?")) {
                        s.setLong(1, mtimeNanos);
                        s.setString(2, row.sha256());
                        s.executeUpdate();
                    }
                }
                return null;
            });
        } finally {
            cached.changed();
        }
    }

    /** {@code [paths, path bytes, blobs, blob bytes]}. */
    long[] totals() throws IOException {
        return db.read("count", c -> {
            long[] totals = new long[4];
            count(c, "SELECT COUNT(*), COALESCE(SUM(file_size), 0) FROM storage_path", totals, 0);
            count(c, "SELECT COUNT(*), COALESCE(SUM(file_size), 0) FROM storage_blob", totals, 2);
            return totals;
        });
    }

    private static void count(Connection c, String sql, long[] into, int at) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(sql); ResultSet rs = s.executeQuery()) {
            rs.next();
            into[at] = rs.getLong(1);
            into[at + 1] = rs.getLong(2);
        }
    }

    private static List<PathRecord> paths(PreparedStatement s) throws SQLException {
        List<PathRecord> rows = new ArrayList<>();
        try (ResultSet rs = s.executeQuery()) {
            while (rs.next()) {
                rows.add(new PathRecord(rs.getString(1), rs.getString(2), rs.getString(3),
                        rs.getLong(4), rs.getLong(5), rs.getLong(6)));
            }
        }
        return rows;
    }

    static int update(Connection c, String sql, String... args) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                s.setString(i + 1, args[i]);
            }
            return s.executeUpdate();
        }
    }
}
