package org.debswarm.health;

import java.time.Duration;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Whether the node can answer apt now: its apt listener is registered and serving on the apt port's Jetty
 * instance. Until then that port answers 503 with {@code Retry-After}.
 */
@ProviderType
public interface Readiness {

    /** @return true when apt can be served */
    boolean ready();

    /** @return what the node still waits for, for people and logs; empty when ready */
    String waitingFor();

    /**
     * Waits until the node is ready or the timeout passes, woken by the whiteboard's changes, not by polling.
     *
     * @param timeout how long to wait at most
     * @return whether the node is ready
     * @throws InterruptedException if the waiting thread is interrupted
     */
    boolean awaitReady(Duration timeout) throws InterruptedException;
}
