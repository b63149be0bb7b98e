package org.debswarm.stats;

import java.util.Map;

/**
 * Counters of the node or of one torrent, from the first start, across restarts.
 *
 * @param fromPeers            piece bytes received from peers
 * @param fromMirrors          body bytes received from mirrors, all hosts together
 * @param uploaded             piece bytes sent to peers
 * @param servedToApt          body bytes sent to apt
 * @param filesFromStore       answers to apt served from the store
 * @param filesFetched         answers to apt that had to fetch the file first
 * @param verificationFailures pieces that failed their hash check
 * @param bans                 peers banned
 * @param fromMirrorHosts      {@code fromMirrors} per mirror host, sorted by host
 */
public record Figures(long fromPeers, long fromMirrors, long uploaded, long servedToApt, long filesFromStore,
        long filesFetched, long verificationFailures, long bans, Map<String, Long> fromMirrorHosts) {

    /** All zero. */
    public static final Figures ZERO = new Figures(0, 0, 0, 0, 0, 0, 0, 0, Map.of());

    /** Copies the host map. */
    public Figures {
        fromMirrorHosts = Map.copyOf(fromMirrorHosts);
    }

    /** Bytes received from peers and mirrors together. */
    public long downloaded() {
        return fromPeers + fromMirrors;
    }

    /** Share of the downloaded bytes that came from peers, 0 to 1; 0 when nothing was downloaded. */
    public double peerShare() {
        long total = downloaded();
        return total == 0 ? 0 : (double) fromPeers / total;
    }
}
