package org.debswarm.tracker.internal;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The tracker's tables, in SQL that H2 and PostgreSQL both take. Binary values are stored as hexadecimal text
 * and times as epoch milliseconds, which sidesteps the two databases' different binary and timestamp types.
 */
final class Schema {

    private static final String[] STATEMENTS = {
        "CREATE TABLE IF NOT EXISTS tracker_torrent ("
            + "info_hash CHAR(40) NOT NULL PRIMARY KEY, "
            + "name VARCHAR(256), "
            + "seeders INTEGER NOT NULL, "
            + "leechers INTEGER NOT NULL, "
            + "completed BIGINT NOT NULL, "
            + "uploaded BIGINT NOT NULL, "
            + "downloaded BIGINT NOT NULL, "
            + "last_announce BIGINT NOT NULL)",
        "CREATE TABLE IF NOT EXISTS tracker_peer ("
            + "info_hash CHAR(40) NOT NULL, "
            + "peer_id CHAR(40) NOT NULL, "
            + "ip VARCHAR(45) NOT NULL, "
            + "port INTEGER NOT NULL, "
            + "uploaded BIGINT NOT NULL, "
            + "downloaded BIGINT NOT NULL, "
            + "bytes_left BIGINT NOT NULL, "
            + "event VARCHAR(16) NOT NULL, "
            + "last_seen BIGINT NOT NULL, "
            + "PRIMARY KEY (info_hash, peer_id, ip))",
        "CREATE INDEX IF NOT EXISTS tracker_peer_last_seen ON tracker_peer (last_seen)",
    };

    private Schema() {
    }

    static void create(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            for (String sql : STATEMENTS) {
                statement.execute(sql);
            }
        }
        connection.commit();
    }
}
