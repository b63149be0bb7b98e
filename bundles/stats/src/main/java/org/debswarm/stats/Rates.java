package org.debswarm.stats;

/**
 * Transfer rates in bytes per second, measured over the last window of about ten seconds.
 *
 * @param fromPeers   piece bytes per second from peers
 * @param fromMirrors body bytes per second from mirrors
 * @param uploaded    piece bytes per second to peers
 */
public record Rates(double fromPeers, double fromMirrors, double uploaded) {

    /** Nothing moving (or not measured yet). */
    public static final Rates ZERO = new Rates(0, 0, 0);
}
