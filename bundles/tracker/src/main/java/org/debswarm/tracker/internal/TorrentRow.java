package org.debswarm.tracker.internal;

/**
 * A torrent as stored in {@code tracker_torrent}. When read, the three counters are totals; when written
 * ({@link TrackerStore#write}), they are the increments since the last write, added in SQL so that several
 * trackers sharing one database add up instead of overwriting each other.
 *
 * @param infoHash     40 hex digits
 * @param name         the announced name, or null to keep the stored one
 * @param lastAnnounce epoch milliseconds
 */
record TorrentRow(String infoHash, String name, int seeders, int leechers, long completed, long uploaded,
        long downloaded, long lastAnnounce) {
}
