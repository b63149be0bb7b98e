package org.debswarm.stats.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;

/**
 * Update-then-insert of one table by key, in SQL every database takes (no MERGE or ON CONFLICT). The
 * statements are prepared once per transaction.
 */
final class Upsert implements AutoCloseable {

    private final PreparedStatement update;
    private final PreparedStatement insert;
    private final int keys;

    /**
     * @param table  the table
     * @param keys   key columns
     * @param values value columns
     */
    Upsert(Connection c, String table, String[] keys, String[] values) throws SQLException {
        this.keys = keys.length;
        String set = String.join(" = ?, ", values) + " = ?";
        String where = String.join(" = ? AND ", keys) + " = ?";
        String columns = String.join(", ", keys) + ", " + String.join(", ", values);
        String marks = "?" + ", ?".repeat(keys.length + values.length - 1);
        this.update = c.prepareStatement("UPDATE " + table + " SET " + set + " WHERE " + where);
        this.insert = c.prepareStatement("INSERT INTO " + table + " (" + columns + ") VALUES (" + marks + ")");
    }

    /** @param row the key values, then the other values, in the order of the constructor's columns */
    void write(Object... row) throws SQLException {
        int values = row.length - keys;
        for (int i = 0; i < values; i++) {
            update.setObject(i + 1, row[keys + i]);
        }
        for (int i = 0; i < keys; i++) {
            update.setObject(values + i + 1, row[i]);
        }
        if (update.executeUpdate() == 0) {
            for (int i = 0; i < row.length; i++) {
                insert.setObject(i + 1, row[i]);
            }
            insert.executeUpdate();
        }
    }

    @Override
    public void close() throws SQLException {
        try {
            update.close();
        } finally {
            insert.close();
        }
    }
}
