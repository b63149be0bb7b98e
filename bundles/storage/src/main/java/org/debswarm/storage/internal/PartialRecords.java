package org.debswarm.storage.internal;

import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * SQL for partial files: {@code storage_partial} (one row per file being written) and
 * {@code storage_partial_range} (the byte ranges known to be on disk at the last checkpoint).
 * The ranges recorded are always a subset of what is durable, so a resumed file may re-fetch
 * bytes but never skips missing ones.
 */
final class PartialRecords {

    private final StoreDatabase db;

    PartialRecords(StoreDatabase db) {
        this.db = db;
    }

    /**
     * Records a new partial file, forgetting any earlier one for the same content. Not forced to disk: a file
     * killed before its first checkpoint has less than one checkpoint to lose, and that checkpoint's
     * {@link #saveRanges} writes this record too; forcing every begin would cost a sync per small file.
     */
    void create(String sha256, long size) throws IOException {
        db.transaction("record partial", c -> {
            delete(c, sha256);
            try (PreparedStatement s = c.prepareStatement(
                    "INSERT INTO storage_partial (sha256, file_size, updated_at_ms) VALUES (?, ?, ?)")) {
                s.setString(1, sha256);
                s.setLong(2, size);
                s.setLong(3, System.currentTimeMillis());
                return s.executeUpdate();
            }
        });
    }

    /** The recorded size of the partial file for {@code sha256}, if there is one. */
    Optional<Long> size(String sha256) throws IOException {
        return db.read("find partial", c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT file_size FROM storage_partial WHERE sha256 = ?")) {
                s.setString(1, sha256);
                try (ResultSet rs = s.executeQuery()) {
                    return rs.next() ? Optional.of(rs.getLong(1)) : Optional.empty();
                }
            }
        });
    }

    /** Every partial file recorded, by SHA-256, with its size. */
    Map<String, Long> all() throws IOException {
        return db.read("list partials", c -> {
            Map<String, Long> all = new HashMap<>();
            try (PreparedStatement s = c.prepareStatement("SELECT sha256, file_size FROM storage_partial");
                 ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    all.put(rs.getString(1), rs.getLong(2));
                }
            }
            return all;
        });
    }

    long count() throws IOException {
        return db.read("count partials", c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT COUNT(*) FROM storage_partial");
                 ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        });
    }

    List<ByteRange> ranges(String sha256) throws IOException {
        return db.read("read partial ranges", c -> {
            List<ByteRange> ranges = new ArrayList<>();
            try (PreparedStatement s = c.prepareStatement(
                    "SELECT range_start, range_end FROM storage_partial_range WHERE sha256 = ? ORDER BY range_start")) {
                s.setString(1, sha256);
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        ranges.add(new ByteRange(rs.getLong(1), rs.getLong(2)));
                    }
                }
            }
            return ranges;
        });
    }

    /**
     * Replaces the recorded ranges of a partial file, if it is still recorded; on disk when it returns, so that
     * a kill -9 loses at most the bytes since this checkpoint (finding F8 of issue 15).
     */
    void saveRanges(String sha256, List<ByteRange> ranges) throws IOException {
        db.durable("save partial ranges", c -> {
            Records.update(c, "DELETE FROM storage_partial_range WHERE sha256 = ?", sha256);
            try (PreparedStatement s = c.prepareStatement(
                    "UPDATE storage_partial SET updated_at_ms = ? WHERE sha256 = ?")) {
                s.setLong(1, System.currentTimeMillis());
                s.setString(2, sha256);
                if (s.executeUpdate() == 0) {
                    return 0;
                }
            }
            return insertRanges(c, sha256, ranges);
        });
    }

    void delete(String sha256) throws IOException {
        db.transaction("delete partial", c -> delete(c, sha256));
    }

    static int delete(Connection c, String sha256) throws SQLException {
        Records.update(c, "DELETE FROM storage_partial_range WHERE sha256 = ?", sha256);
        return Records.update(c, "DELETE FROM storage_partial WHERE sha256 = ?", sha256);
    }

    private static int insertRanges(Connection c, String sha256, List<ByteRange> ranges) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(
                "INSERT INTO storage_partial_range (sha256, range_start, range_end) VALUES (?, ?, ?)")) {
            for (ByteRange r : ranges) {
                s.setString(1, sha256);
                s.setLong(2, r.start());
                s.setLong(3, r.end());
                s.addBatch();
            }
            s.executeBatch();
        }
        return ranges.size();
    }
}
