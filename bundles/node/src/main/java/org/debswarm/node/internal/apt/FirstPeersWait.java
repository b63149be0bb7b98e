package org.debswarm.node.internal.apt;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import org.debswarm.aptlistener.Fill;
import org.debswarm.storage.FileWrite;

/**
 * A package asked for when no peer is connected yet, just after its torrent's session started: at the start of a
 * run every node is in this moment, and each would ask the mirror. The swarm's first peers are on their way (Local
 * Service Discovery announces a torrent about a second after it starts, a tracker answers about as fast), so this
 * fill waits a short, bounded time, then looks once more: from peers if one has the package or fetches it, else
 * from the mirror, announced to whoever is connected by then. One scheduled look, not a poll: the engine's API
 * has no event for a first connected peer.
 */
public final class FirstPeersWait implements Fill {

    private final CompletableFuture<Void> done;
    private final CompletableFuture<Fill> decided = new CompletableFuture<>();
    private volatile ScheduledFuture<?> look;

    FirstPeersWait(FileWrite write) {
        this.done = write.completion().thenApply(file -> null);
    }

    /**
     * @param decide the look after the wait; returns the fill that then takes the write (run on the timer)
     * @throws java.util.concurrent.RejectedExecutionException if the timer stopped
     */
    void start(Duration wait, ScheduledExecutorService timer, Supplier<Fill> decide) {
        look = timer.schedule(() -> {
            try {
                decided.complete(decide.get());
            } catch (RuntimeException e) {
                decided.completeExceptionally(e);
                throw e;
            }
        }, wait.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** The fill chosen after the wait: for {@link #stop}, and tests. */
    public CompletableFuture<Fill> decided() {
        return decided;
    }

    @Override
    public CompletableFuture<Void> done() {
        return done;
    }

    /** The look is dropped, or the fill it chose stopped: the apt listener hands the write on from where it is. */
    @Override
    public void stop() {
        ScheduledFuture<?> scheduled = look;
        if (scheduled != null) {
            scheduled.cancel(false);
        }
        decided.thenAccept(Fill::stop);
    }
}
