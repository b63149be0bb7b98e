package org.debswarm.peerwire.internal.apt;

import java.net.URI;
import java.time.Duration;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.LongConsumer;

import org.debswarm.governor.HttpGovernor;
import org.debswarm.peerwire.internal.webseed.MirrorFill;
import org.debswarm.storage.FileWrite;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One package apt waits for, written into a store write this node owns, block by block from peers. A timer
 * looks at the write's progress every stall period (a progress deadline, not a wait for completion, which
 * is the write's own event): when no byte arrived in a whole period, the mirror fills what is missing. At the
 * deadline, or if the mirror fails too, the write is aborted so nobody waits for it any longer.
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
    private volatile ScheduledFuture<?> next;
    private long lastWritten = -1;
    private boolean filling;

    PeerDownload(FileWrite write, URI mirror, HttpGovernor governor, Duration stall, Duration deadline,
            ScheduledExecutorService timer, Executor copier, LongConsumer fromMirror) {
        this.write = write;
        this.mirror = mirror;
        this.governor = governor;
        this.stall = stall;
        this.deadlineNanos = System.nanoTime() + deadline.toNanos();
        this.timer = timer;
        this.copier = copier;
        this.fromMirror = fromMirror;
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
        if (written == lastWritten) {
            fill(Duration.ofNanos(remaining));
            return;
        }
        lastWritten = written;
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
