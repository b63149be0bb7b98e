package org.debswarm.stats;

import java.time.Instant;
import java.util.Objects;

/**
 * How much of a torrent the swarm holds, in bytes (not pieces: Debian files range from bytes to hundreds of
 * megabytes), as last reported through {@link StatsRecorder#swarmCompletion}.
 *
 * @param bytesHeldBySwarm bytes that this node or at least one connected peer holds
 * @param bytesWanted      bytes of the torrent considered
 * @param reportedAt       when it was reported; {@link Instant#EPOCH} when never
 */
public record SwarmCompletion(long bytesHeldBySwarm, long bytesWanted, Instant reportedAt) {

    /** Never reported. */
    public static final SwarmCompletion UNKNOWN = new SwarmCompletion(0, 0, Instant.EPOCH);

    /** Checks the figures. */
    public SwarmCompletion {
        Objects.requireNonNull(reportedAt, "reportedAt");
        if (bytesHeldBySwarm < 0 || bytesWanted < 0) {
            throw new IllegalArgumentException("swarm completion " + bytesHeldBySwarm + " of " + bytesWanted
                    + " (expected: >= 0)");
        }
    }

    /** Whether it was ever reported. */
    public boolean known() {
        return !reportedAt.equals(Instant.EPOCH);
    }

    /** 0 to 1 (held bytes beyond the wanted ones count as complete); 0 when unknown or nothing is wanted. */
    public double fraction() {
        return bytesWanted == 0 ? 0 : Math.min(1.0, (double) bytesHeldBySwarm / bytesWanted);
    }
}
