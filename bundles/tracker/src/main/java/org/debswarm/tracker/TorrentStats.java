package org.debswarm.tracker;

import java.time.Instant;
import java.util.Objects;

/**
 * One torrent as the tracker sees it.
 *
 * @param infoHash   40 lower-case hexadecimal digits
 * @param name       the name nodes announced with the Debswarm {@code name} parameter, or {@code ""} when none
 * @param seeders    live peers with nothing left to download
 * @param leechers   live peers still downloading
 * @param completed  how many times a peer reported {@code event=completed}, across restarts
 * @param uploaded   bytes peers reported as uploaded, summed over their announces, across restarts
 * @param downloaded bytes peers reported as downloaded, summed over their announces, across restarts
 * @param lastAnnounce when the last announce for this torrent arrived
 */
public record TorrentStats(String infoHash, String name, int seeders, int leechers, long completed, long uploaded,
        long downloaded, Instant lastAnnounce) {

    /** Checks that nothing is null and no figure is negative. */
    public TorrentStats {
        Objects.requireNonNull(infoHash, "infoHash");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(lastAnnounce, "lastAnnounce");
        if (seeders < 0 || leechers < 0 || completed < 0 || uploaded < 0 || downloaded < 0) {
            throw new IllegalArgumentException("negative figure in " + infoHash);
        }
    }
}
