package org.debswarm.tracker.internal;

import java.util.function.Predicate;

/**
 * What one client address may do to the tracker (issue 15, F2: one client announced 5,000 invented torrents in
 * 1.6 s and 5,000 invented peers into one swarm). Counted per {@link PeerAddress#client() client}: an IPv4
 * address or an IPv6 /64.
 *
 * @param newTorrentsPerMinute torrents one client may bring to the tracker per minute, as a token bucket of that
 *        size refilled evenly over the minute (a node starting with many indexes gets the whole bucket at once)
 * @param peersPerClient live peers one client may hold in one swarm; a new one beyond that replaces the client's
 *        least recently seen peer of the swarm, so a flood churns only its own entries and a legitimate client
 *        that restarts with new peer ids is never refused
 * @param idleTorrentMillis how long a torrent without peers stays in memory after its last announce
 * @param maxClients most client addresses whose buckets are tracked at once; beyond that new torrents are refused
 *        until buckets refill and are forgotten
 * @param allowed which info hashes may start a new swarm (opentracker's whitelist); existing swarms stay
 */
record FloodLimits(int newTorrentsPerMinute, int peersPerClient, long idleTorrentMillis, int maxClients,
        Predicate<Bytes> allowed) {

    static final int DEFAULT_NEW_TORRENTS_PER_MINUTE = 120;
    static final int DEFAULT_PEERS_PER_CLIENT = 32;
    static final int DEFAULT_IDLE_INTERVALS = 3;
    static final int DEFAULT_MAX_CLIENTS = 100_000;

    FloodLimits {
        require(newTorrentsPerMinute >= 1, "newTorrentsPerMinute " + newTorrentsPerMinute + " (expected: >= 1)");
        require(peersPerClient >= 1, "peersPerClient " + peersPerClient + " (expected: >= 1)");
        require(idleTorrentMillis >= 1000, "idle torrent lifetime " + idleTorrentMillis + " ms (expected: >= 1 s)");
        require(maxClients >= 1, "maxClients " + maxClients + " (expected: >= 1)");
    }

    /** The defaults for {@code settings}: idle torrents leave after three announce intervals, any torrent allowed. */
    static FloodLimits defaults(TrackerSettings settings) {
        return new FloodLimits(DEFAULT_NEW_TORRENTS_PER_MINUTE, DEFAULT_PEERS_PER_CLIENT,
                idleMillis(settings, DEFAULT_IDLE_INTERVALS), DEFAULT_MAX_CLIENTS, hash -> true);
    }

    /** A few announce intervals plus the expiry margin: a swarm outlives its last peer by that much. */
    static long idleMillis(TrackerSettings settings, int idleIntervals) {
        require(idleIntervals >= 1, "idleIntervals " + idleIntervals + " (expected: >= 1)");
        return idleIntervals * (long) settings.interval() * 1000L + settings.expiryMargin() * 1000L;
    }

    private static void require(boolean condition, String message) {
        if (!condition) {
            throw new IllegalArgumentException(message);
        }
    }
}
