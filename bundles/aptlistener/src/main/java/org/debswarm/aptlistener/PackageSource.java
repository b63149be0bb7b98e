package org.debswarm.aptlistener;

import java.util.Optional;

import org.debswarm.storage.FileWrite;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * A source of package files, asked when apt wants a file that an index lists and the store does not hold.
 * Register it as a service (whiteboard); the node does, for files its peers have. The listener begins the store's
 * write for the file and offers it to the sources in service ranking order (highest first) until one takes it;
 * below every registered source is the mirror, which the listener reaches through the governor and which takes
 * every file it is offered. apt receives the bytes from the write as they arrive, whoever writes them.
 *
 * @since 2.0 (a source is offered the write instead of claiming it; the mirror is the last source)
 */
@ConsumerType
public interface PackageSource {

    /**
     * Offers the write of a file apt is waiting for. A source that can get the file takes the write: it fills it
     * (or has it filled) and completes it or lets it be aborted; it returns its {@link Fill} at once. A source that
     * cannot returns empty at once, and the write goes to the next source.
     * <p>
     * A source that took a write may hand what is left of it to the sources ranked below it at any time
     * ({@code below}), for example when its peers stall: down there the mirror fills the missing bytes. If the
     * source goes away (its service is unregistered, for example while its bundle is updated) before the write
     * is complete, the listener hands the write to the sources below it itself, so a source leaving must not
     * abort what it took. Called on a request thread: it must not wait on the network.
     *
     * @param write the store's write, created by the listener; its key says what the index says the file is
     *              (mirror host, path, size, SHA-256)
     * @param below the sources ranked below this one, down to the mirror
     * @return this source's fill of the write if it takes it; empty otherwise
     */
    Optional<Fill> offer(FileWrite write, SourcesBelow below);
}
