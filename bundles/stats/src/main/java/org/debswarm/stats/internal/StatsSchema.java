package org.debswarm.stats.internal;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The tables. Counters are rows of {@code (scope, name, val)}: scope {@code node} or an info hash, name a
 * figure ({@code from_peers}, {@code mirror:<host>}...), so a new figure or mirror needs no schema change.
 * Ids are hexadecimal text and times epoch milliseconds. The history has at most 1440 + 720 rows.
 */
final class StatsSchema {

    static final String NODE_SCOPE = "node";

    private static final String[] STATEMENTS = {
        "CREATE TABLE IF NOT EXISTS stats_counter (scope VARCHAR(40) NOT NULL, name VARCHAR(300) NOT NULL,"
            + " val BIGINT NOT NULL, PRIMARY KEY (scope, name))",
        "CREATE TABLE IF NOT EXISTS stats_torrent (info_hash CHAR(40) NOT NULL PRIMARY KEY,"
            + " name VARCHAR(512) NOT NULL, swarm_held BIGINT NOT NULL, swarm_wanted BIGINT NOT NULL,"
            + " swarm_at BIGINT NOT NULL, last_activity BIGINT NOT NULL)",
        "CREATE TABLE IF NOT EXISTS stats_peer (info_hash CHAR(40) NOT NULL, peer_id CHAR(40) NOT NULL,"
            + " client VARCHAR(128) NOT NULL, downloaded BIGINT NOT NULL, uploaded BIGINT NOT NULL,"
            + " verification_failures BIGINT NOT NULL, bans BIGINT NOT NULL, last_activity BIGINT NOT NULL,"
            + " PRIMARY KEY (info_hash, peer_id))",
        "CREATE TABLE IF NOT EXISTS stats_history (resolution VARCHAR(8) NOT NULL, slot INTEGER NOT NULL,"
            + " start_ms BIGINT NOT NULL, from_peers BIGINT NOT NULL, from_mirrors BIGINT NOT NULL,"
            + " uploaded BIGINT NOT NULL, PRIMARY KEY (resolution, slot))",
    };

    private StatsSchema() {
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
