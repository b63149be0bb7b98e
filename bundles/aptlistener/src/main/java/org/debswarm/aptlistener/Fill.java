package org.debswarm.aptlistener;

import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * One source filling one store write ({@link PackageSource#offer}, {@link SourcesBelow#fill}).
 *
 * @since 2.0
 */
@ConsumerType
public interface Fill {

    /**
     * @return completes when this fill wrote what it had to (the write then completes, or fails verification);
     *         fails with the reason when it could not, and the write was then aborted; fails with a
     *         {@link CancellationException} after {@link #stop}
     */
    CompletableFuture<Void> done();

    /**
     * Stops filling, between two blocks: what was written stays, the write is neither completed nor aborted, and
     * whoever stops a fill is responsible for the write from then on.
     */
    void stop();
}
