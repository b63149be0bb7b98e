package org.debswarm.stats;

import java.time.Instant;
import java.util.Objects;

/**
 * One peer, in one torrent or summed over all.
 *
 * @param infoHash             the torrent, or {@code ""} in {@link StatsView#peerTotals()}
 * @param peerId               40 lower-case hexadecimal digits
 * @param clientName           as last reported, or {@code ""}
 * @param downloaded           piece bytes received from it
 * @param uploaded             piece bytes sent to it
 * @param verificationFailures pieces it contributed to that failed their hash check
 * @param bans                 times it was banned
 * @param connected            whether a connection to it is open now
 * @param lastActivity         when something was last recorded for it
 */
public record PeerFigures(String infoHash, String peerId, String clientName, long downloaded, long uploaded,
        long verificationFailures, long bans, boolean connected, Instant lastActivity) {

    /** Checks that nothing is null. */
    public PeerFigures {
        Objects.requireNonNull(infoHash, "infoHash");
        Objects.requireNonNull(peerId, "peerId");
        Objects.requireNonNull(clientName, "clientName");
        Objects.requireNonNull(lastActivity, "lastActivity");
    }
}
