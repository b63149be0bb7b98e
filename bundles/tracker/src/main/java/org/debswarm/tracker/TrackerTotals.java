package org.debswarm.tracker;

/**
 * Sums over every torrent the tracker holds.
 *
 * @param torrents   torrents held in memory
 * @param seeders    live seeders
 * @param leechers   live leechers
 * @param completed  completed events
 * @param uploaded   bytes uploaded as reported by peers
 * @param downloaded bytes downloaded as reported by peers
 */
public record TrackerTotals(int torrents, int seeders, int leechers, long completed, long uploaded,
        long downloaded) {
}
