package org.debswarm.storage.internal;

import java.time.Duration;

/**
 * Tuning of the store.
 *
 * @param checkpointBytes how many new bytes of a partial file trigger recording its ranges
 *                        (a crash re-fetches at most about this much per file)
 * @param idleTimeout     a write that receives no byte for this long is suspended (partial kept)
 * @param closeTimeout    how long closing waits for verifications in progress
 */
public record StoreOptions(long checkpointBytes, Duration idleTimeout, Duration closeTimeout) {

    public static final StoreOptions DEFAULTS = new StoreOptions(8L << 20, Duration.ofMinutes(5), Duration.ofSeconds(10));

    public StoreOptions {
        if (checkpointBytes < org.debswarm.storage.FileWrite.BLOCK_SIZE) {
            throw new IllegalArgumentException("checkpointBytes " + checkpointBytes + " (expected: >= " + org.debswarm.storage.FileWrite.BLOCK_SIZE + ")");
        }
        if (idleTimeout.isNegative() || idleTimeout.isZero()) {
            throw new IllegalArgumentException("idleTimeout " + idleTimeout + " (expected: > 0)");
        }
        if (closeTimeout.isNegative()) {
            throw new IllegalArgumentException("closeTimeout " + closeTimeout + " (expected: >= 0)");
        }
    }
}
