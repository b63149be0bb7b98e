package org.debswarm.node.internal.apt;

import java.net.URI;
import java.time.Duration;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.IntSupplier;
import java.util.function.LongConsumer;

import org.debswarm.governor.HttpGovernor;
import org.debswarm.node.internal.webseed.MirrorFill;
import org.debswarm.storage.FileWrite;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One package apt waits for, written into a store write this node owns, block by block from peers. A timer
 * looks at the write's progress every stall period (a progress deadline, not a wait for completion, which
 * is the write's own event): when no byte arrived in a whole period, the mirror fills what is missing, unless
 * a connected peer says it is fetching the package from the mirror itself: then this node waits for that copy,
 * up to the fetcher patience without progress. At the deadline, or if the mirror fails too, the write is
 * aborted so nobody waits for it any longer.
 */
final class PeerDownload {

    private static final Logger LOG = LoggerFactory.getLogger(PeerDownload.class);

    private final FileWrite write;
    private final URI mirror;
    private final HttpGovernor governor;
    private final Duration stall;
    private final long deadlineNanos;
    private final ScheduledExecutorService timer;
    private final Executor copier;
    private final LongConsumer fromMirror;
    private final IntSupplier fetchers;
    private final long patienceNanos;
    private volatile ScheduledFuture<?> next;
    private long lastWritten = -1;
    private long lastProgress = System.nanoTime();
    private boolean filling;

    /**
     * @param fetchers        how many connected peers say they are fetching the package from the mirror now
     * @param fetcherPatience how long without progress to wait while one is
     */
    PeerDownload(FileWrite write, URI mirror, HttpGovernor governor, Duration stall, Duration deadline,
            ScheduledExecutorService timer, Executor copier, LongConsumer fromMirror, IntSupplier fetchers,
            Duration fetcherPatience) {
        this.write = write;
        this.mirror = mirror;
        this.governor = governor;
        this.stall = stall;
        this.deadlineNanos = System.nanoTime() + deadline.toNanos();
        this.timer = timer;
        this.copier = copier;
        this.fromMirror = fromMirror;
        this.fetchers = fetchers;
        this.patienceNanos = fetcherPatience.toNanos();
    }

    /** Starts watching; the write's completion ends the watch. */
    void start() {
        write.completion().whenComplete((file, failure) -> cancel());
        schedule();
    }

    /**
     * Ends the watch and leaves the write as it is (this component is stopping): the apt listener, which joined
     * it, finishes it from the mirror when this source goes away.
     */
    void release() {
        cancel();
    }

    private void schedule() {
        next = timer.schedule(this::check, stall.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void cancel() {
        ScheduledFuture<?> scheduled = next;
        if (scheduled != null) {
            scheduled.cancel(false);
        }
    }

    /** On the timer thread only. */
    private void check() {
        if (write.isDone() || filling) {
            return;
        }
        long remaining = deadlineNanos - System.nanoTime();
        if (remaining <= 0) {
            write.abort("no complete copy from peers or mirror within the deadline");
            return;
        }
        long written = write.written();
        long now = System.nanoTime();
        if (written != lastWritten) {
            lastWritten = written;
            lastProgress = now;
        } else if (now - lastProgress >= patienceNanos || fetchers.getAsInt() == 0) {
            fill(Duration.ofNanos(remaining));
            return;
        }
        schedule();
    }

    private void fill(Duration remaining) {
        filling = true;
        LOG.debug("{}: peers stalled at {} of {} bytes, the mirror fills the rest", write.key().path(),
                write.written(), write.size());
        MirrorFill.start(governor, mirror, write, remaining, copier, fromMirror).whenComplete((v, failure) -> {
            if (failure != null && !write.isDone()) {
                write.abort("peers stalled and the mirror failed: " + failure.getMessage());
            }
        });
    }
}
