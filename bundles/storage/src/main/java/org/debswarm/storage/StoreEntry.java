package org.debswarm.storage;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One stored path as the administrator sees it ({@link PieceStore#entries()}).
 *
 * @param key        host, path, size and SHA-256
 * @param storedAt   when the path was stored (or linked to known content)
 * @param lastServed when its content was last handed out through {@link PieceStore#use}, if ever
 * @param pinned     whether its content is pinned (never evicted); pinning is per content, so every
 *                   path of the same bytes shows the same
 * @param listed     whether a current index lists this path with this SHA-256 (as far as the
 *                   {@link ListedFiles} services registered now can tell)
 * @since 1.1
 */
public record StoreEntry(FileKey key, Instant storedAt, Optional<Instant> lastServed, boolean pinned, boolean listed) {

    public StoreEntry {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(storedAt, "storedAt");
        Objects.requireNonNull(lastServed, "lastServed");
    }
}
