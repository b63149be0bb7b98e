package org.debswarm.node.internal.apt;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.IntSupplier;

import org.debswarm.aptlistener.Fill;
import org.debswarm.aptlistener.SourcesBelow;
import org.debswarm.storage.FileWrite;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One package apt waits for, written into a store write this node took, block by block from peers. A timer
 * looks at the write's progress every stall period (a progress deadline, not a wait for completion, which
 * is the write's own event): when no byte arrived in a whole period, the write goes to the sources below (the
 * mirror fills what is missing), unless a connected peer says it is fetching the package from the mirror itself:
 * then this node waits for that copy, up to the fetcher patience without progress. At the deadline the write is
 * aborted so nobody waits for it any longer; if the mirror fails, the mirror aborts it.
 */
final class PeerDownload implements Fill {

    private static final Logger LOG = LoggerFactory.getLogger(PeerDownload.class);

    private final FileWrite write;
    private final SourcesBelow below;
    private final String infoHash;
    private final Duration stall;
    private final long deadlineNanos;
    private final ScheduledExecutorService timer;
    private final IntSupplier fetchers;
    private final long patienceNanos;
    private final CompletableFuture<Void> done;
    private volatile ScheduledFuture<?> next;
    private long lastWritten = -1;
    private long lastProgress = System.nanoTime();
    private boolean handedDown;

    /**
     * @param infoHash        the torrent, hex, for the statistics of the mirror's bytes
     * @param fetchers        how many connected peers say they are fetching the package from the mirror now
     * @param fetcherPatience how long without progress to wait while one is
     */
    PeerDownload(FileWrite write, SourcesBelow below, String infoHash, Duration stall, Duration deadline,
            ScheduledExecutorService timer, IntSupplier fetchers, Duration fetcherPatience) {
        this.write = write;
        this.below = below;
        this.infoHash = infoHash;
        this.stall = stall;
        this.deadlineNanos = System.nanoTime() + deadline.toNanos();
        this.timer = timer;
        this.fetchers = fetchers;
        this.patienceNanos = fetcherPatience.toNanos();
        this.done = write.completion().thenApply(file -> null);
    }

    /** Starts watching; the write's completion ends the watch. */
    void start() {
        write.completion().whenComplete((file, failure) -> cancel());
        schedule();
    }

    @Override
    public CompletableFuture<Void> done() {
        return done;
    }

    /**
     * Ends the watch and leaves the write as it is (this component is stopping): the apt listener hands it to
     * the sources below, which finish it from where it is.
     */
    @Override
    public void stop() {
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
        if (write.isDone() || handedDown) {
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
            handDown();
            return;
        }
        schedule();
    }

    private void handDown() {
        handedDown = true;
        LOG.debug("{}: peers stalled at {} of {} bytes, the sources below fill the rest", write.key().path(),
                write.written(), write.size());
        below.fill(write, infoHash);
    }
}
