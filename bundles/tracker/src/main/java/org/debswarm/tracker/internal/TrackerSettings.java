package org.debswarm.tracker.internal;

/**
 * The tracker's tunables as plain values, so that the engine can be built without OSGi.
 *
 * @param interval      seconds between regular announces, as told to clients
 * @param minInterval   seconds a client must wait at least, as told to clients
 * @param expiryMargin  seconds past the interval after which a silent peer is dropped
 * @param numwantDefault peers handed out when the client does not say how many
 * @param numwantMax    most peers handed out per announce
 * @param trustIpParam  whether the {@code ip} parameter may replace the request's remote address
 * @param maxTorrents   most torrents held in memory
 * @param maxPeers      most live peers over all torrents
 * @param retention     seconds a peer's last announce stays in the database, and an idle torrent in memory
 * @param fullScrape    whether a scrape without {@code info_hash} lists every torrent
 */
record TrackerSettings(int interval, int minInterval, int expiryMargin, int numwantDefault, int numwantMax,
        boolean trustIpParam, int maxTorrents, int maxPeers, long retention, boolean fullScrape) {

    TrackerSettings {
        require(interval >= 1, "interval " + interval + " (expected: >= 1)");
        require(minInterval >= 0 && minInterval <= interval,
                "minInterval " + minInterval + " (expected: 0.." + interval + ")");
        require(expiryMargin >= 0, "expiryMargin " + expiryMargin + " (expected: >= 0)");
        require(numwantMax >= 0 && numwantMax <= AnnounceRequest.NUMWANT_LIMIT,
                "numwantMax " + numwantMax + " (expected: 0.." + AnnounceRequest.NUMWANT_LIMIT + ")");
        require(numwantDefault >= 0 && numwantDefault <= numwantMax,
                "numwantDefault " + numwantDefault + " (expected: 0.." + numwantMax + ")");
        require(maxTorrents >= 1, "maxTorrents " + maxTorrents + " (expected: >= 1)");
        require(maxPeers >= 1, "maxPeers " + maxPeers + " (expected: >= 1)");
        require(retention >= 1, "retention " + retention + " (expected: >= 1)");
    }

    /** Production defaults: 30 minute interval, 50 peers by default and 200 at most. */
    static TrackerSettings defaults() {
        return new TrackerSettings(1800, 300, 300, 50, 200, false, 100_000, 1_000_000, 7 * 24 * 3600L, true);
    }

    /** How long a silent peer stays, in milliseconds. */
    long peerLifetimeMillis() {
        return (interval + (long) expiryMargin) * 1000L;
    }

    int numwant(int requested) {
        return requested < 0 ? numwantDefault : Math.min(requested, numwantMax);
    }

    private static void require(boolean condition, String message) {
        if (!condition) {
            throw new IllegalArgumentException(message);
        }
    }
}
