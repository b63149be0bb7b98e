package org.debswarm.stats.internal;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

import org.debswarm.stats.HistoryResolution;
import org.debswarm.stats.SwarmCompletion;

/** Reads the previous state back into a fresh ledger and history. */
final class StatsLoader {

    private StatsLoader() {
    }

    static Ledger load(Connection c, Clock clock, RateHistory history) throws SQLException {
        Map<String, Map<String, Long>> counters = counters(c);
        Ledger ledger = new Ledger(clock, counters.getOrDefault(StatsSchema.NODE_SCOPE, Map.of()));
        counters.remove(StatsSchema.NODE_SCOPE);
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT info_hash, name,"
                + " swarm_held, swarm_wanted, swarm_at, last_activity FROM stats_torrent")) {
            while (rs.next()) {
                String hash = rs.getString(1).trim();
                SwarmCompletion swarm = rs.getLong(5) == 0 ? SwarmCompletion.UNKNOWN
                        : new SwarmCompletion(rs.getLong(3), rs.getLong(4), Instant.ofEpochMilli(rs.getLong(5)));
                Map<String, Long> stored = counters.remove(hash);
                ledger.restore(new TorrentEntry(hash, rs.getString(2), swarm, rs.getLong(6),
                        stored == null ? Map.of() : stored));
            }
        }
        // Counters whose torrent row is missing (should not happen: both are written in one transaction).
        counters.forEach((hash, stored) -> ledger.restore(new TorrentEntry(hash, "", SwarmCompletion.UNKNOWN, 0,
                stored)));
        peers(c, ledger);
        history(c, history);
        c.commit();
        return ledger;
    }

    private static Map<String, Map<String, Long>> counters(Connection c) throws SQLException {
        Map<String, Map<String, Long>> byScope = new HashMap<>();
        try (Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT scope, name, val FROM stats_counter")) {
            while (rs.next()) {
                byScope.computeIfAbsent(rs.getString(1).trim(), k -> new HashMap<>())
                        .put(rs.getString(2), rs.getLong(3));
            }
        }
        return byScope;
    }

    private static void peers(Connection c, Ledger ledger) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT info_hash, peer_id, client,"
                + " downloaded, uploaded, verification_failures, bans, last_activity FROM stats_peer")) {
            while (rs.next()) {
                TorrentEntry torrent = ledger.find(rs.getString(1).trim());
                if (torrent != null) {
                    torrent.restore(new PeerEntry(rs.getString(2).trim(), rs.getString(3), rs.getLong(4),
                            rs.getLong(5), rs.getLong(6), rs.getLong(7), rs.getLong(8)));
                }
            }
        }
    }

    private static void history(Connection c, RateHistory history) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT resolution, slot, start_ms,"
                + " from_peers, from_mirrors, uploaded FROM stats_history")) {
            while (rs.next()) {
                HistoryResolution resolution = resolution(rs.getString(1));
                if (resolution != null) {
                    history.restore(resolution, rs.getInt(2), rs.getLong(3), rs.getLong(4), rs.getLong(5),
                            rs.getLong(6));
                }
            }
        }
    }

    private static HistoryResolution resolution(String name) {
        try {
            return HistoryResolution.valueOf(name.trim());
        } catch (IllegalArgumentException e) {
            return null; // a resolution a later version added and this one does not know
        }
    }
}
