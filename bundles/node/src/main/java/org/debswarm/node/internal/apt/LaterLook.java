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
 * A package whose source is chosen a short, bounded time later, at the start of a run, when every node of a fleet
 * asks for the same files at once and each would ask the mirror: while this node gives the peers whose id sorts
 * before its own their turn (their mirror-fetch notices are on their way), or, configured so, waits for its first
 * peers when none is connected yet (Local Service Discovery announces a torrent 100 ms after it starts, a tracker
 * answers about as fast). It takes the write now and looks once more when the time is up: from peers if one has the
 * package or fetches it, else from the mirror, announced to whoever is connected by then. One scheduled look, not a
 * poll: the engine's API has no event for a first connected peer or a notice.
 */
public final class LaterLook implements Fill {

    private final CompletableFuture<Void> done;
    private final CompletableFuture<Fill> decided = new CompletableFuture<>();
    private volatile ScheduledFuture<?> look;

    LaterLook(FileWrite write) {
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
