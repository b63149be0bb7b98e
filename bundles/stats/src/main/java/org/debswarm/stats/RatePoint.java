package org.debswarm.stats;

import java.time.Instant;
import java.util.Objects;

/**
 * Bytes moved during one period of the history.
 *
 * @param start       start of the period (UTC, aligned to the minute or hour)
 * @param fromPeers   piece bytes received from peers
 * @param fromMirrors body bytes received from mirrors
 * @param uploaded    piece bytes sent to peers
 */
public record RatePoint(Instant start, long fromPeers, long fromMirrors, long uploaded) {

    /** Checks that nothing is null. */
    public RatePoint {
        Objects.requireNonNull(start, "start");
    }
}
