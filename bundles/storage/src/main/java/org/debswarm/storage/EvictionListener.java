package org.debswarm.storage;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Whiteboard: told of every stored file the store evicts (past {@code maxStoreBytes} or
 * {@code minFreeDiskBytes}, or on an administrator's request), so that a file no longer held is no
 * longer offered, for instance to peers. Eviction removes a content with every path to it: after
 * {@code evicted(key)} no path holds {@code key.sha256()} any more (until it is stored again).
 *
 * <p>Called on the store's eviction thread (or the caller of {@link PieceStore#evict}), after the
 * files and records are gone, once per evicted path; keep it short and do not block.
 *
 * @since 1.1
 */
@ConsumerType
public interface EvictionListener {

    void evicted(FileKey key);
}
