package org.debswarm.aptlistener;

import org.debswarm.storage.FileKey;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * A source of package files other than the mirror, asked first when apt wants a file that an index lists and
 * the store does not hold. Register it as a service (whiteboard); the peer wire does, for files other nodes
 * have. Several sources are asked in service ranking order until one takes the file.
 */
@ConsumerType
public interface PackageSource {

    /**
     * Offers a file apt is waiting for. A source that can get it claims the store's write for {@code key}
     * ({@link org.debswarm.storage.PieceStore#begin}) before it returns {@code true}, fills it, and stays
     * responsible for completing or aborting it (falling back to the mirror itself if it must): the listener then
     * joins that write and streams to apt from it as the bytes arrive. If the source goes away first (its
     * service is unregistered, for example while its bundle is updated), the listener finishes the write from
     * the mirror from where it is, so a source leaving must not abort what it claimed. A source that cannot returns
     * {@code false} at once, and the listener fetches from the mirror. Called on a request thread: it must not
     * wait on the network.
     *
     * @param key what the index says the file is (mirror host, path, size, SHA-256)
     * @return whether this source has begun the store's write of the file
     */
    boolean offer(FileKey key);
}
