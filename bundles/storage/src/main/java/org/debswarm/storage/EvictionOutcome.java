package org.debswarm.storage;

/**
 * What {@link PieceStore#evict} did.
 *
 * @since 1.1
 */
public enum EvictionOutcome {
    /** The content and every path to it are gone; {@link EvictionListener}s were told. */
    EVICTED,
    /** Nothing is stored at that path. */
    NOT_STORED,
    /** The content is pinned: unpin it first. */
    PINNED,
    /** The content is being served ({@link PieceStore#use}): try again when it is not. */
    IN_USE
}
