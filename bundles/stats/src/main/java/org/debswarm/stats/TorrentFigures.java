package org.debswarm.stats;

import java.time.Instant;
import java.util.Objects;

/**
 * One torrent.
 *
 * @param infoHash       40 lower-case hexadecimal digits
 * @param name           as last given by {@link StatsRecorder#torrentNamed}, or {@code ""}
 * @param figures        its counters
 * @param rates          its current rates
 * @param swarm          the swarm's completion, {@link SwarmCompletion#UNKNOWN} if never reported
 * @param connectedPeers connections open now
 * @param lastActivity   when something was last recorded for it
 */
public record TorrentFigures(String infoHash, String name, Figures figures, Rates rates, SwarmCompletion swarm,
        int connectedPeers, Instant lastActivity) {

    /** Checks that nothing is null. */
    public TorrentFigures {
        Objects.requireNonNull(infoHash, "infoHash");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(figures, "figures");
        Objects.requireNonNull(rates, "rates");
        Objects.requireNonNull(swarm, "swarm");
        Objects.requireNonNull(lastActivity, "lastActivity");
    }
}
