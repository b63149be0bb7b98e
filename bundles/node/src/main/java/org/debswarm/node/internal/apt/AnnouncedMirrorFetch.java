package org.debswarm.node.internal.apt;

import java.time.Duration;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import org.debswarm.aptlistener.Fill;
import org.debswarm.aptlistener.SourcesBelow;
import org.debswarm.storage.FileWrite;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A package no connected peer has or is fetching: this node hands its store write to the sources below (the
 * mirror fills it) and tells its peers first, in its Packages torrent ({@code ds_mirror_fetch}) and in the content
 * swarm (by SHA-256), so that those whose apt asks for it meanwhile wait for this copy. Two nodes asked at the same moment both start; at the give-way check, the one
 * whose peer id sorts after the other's stops the mirror's fill, keeps the blocks it has, and waits for the
 * other's copy ({@code onGiveWay}). When the write completes, the engine's {@code have} tells the peers; when the
 * mirror fails (it aborts the write), they hear the fetch was abandoned.
 */
final class AnnouncedMirrorFetch implements Fill {

    private static final Logger LOG = LoggerFactory.getLogger(AnnouncedMirrorFetch.class);

    private final FileWrite write;
    private final FileSwarms swarms;
    private final CompletableFuture<Void> done;
    private volatile ScheduledFuture<?> check;

    AnnouncedMirrorFetch(FileWrite write, FileSwarms swarms) {
        this.write = write;
        this.swarms = swarms;
        this.done = write.completion().thenApply(file -> null);
    }

    /**
     * Announces the fetch and hands the write down.
     *
     * @param onGiveWay run (on the timer) when this node stops in favour of a peer fetching the same package
     */
    void start(SourcesBelow below, Duration giveWay, ScheduledExecutorService timer, Runnable onGiveWay) {
        swarms.fetchingFromMirror(true);
        Fill mirror = below.fill(write, swarms.countedFor());
        check = timer.schedule(() -> giveWayIfPreceded(mirror, onGiveWay), giveWay.toMillis(), TimeUnit.MILLISECONDS);
        mirror.done().whenComplete((v, failure) -> finished(failure));
    }

    private void giveWayIfPreceded(Fill mirror, Runnable onGiveWay) {
        if (write.isDone() || swarms.fetchersWithPrecedence() == 0) {
            return;
        }
        mirror.stop();
        swarms.fetchingFromMirror(false);
        LOG.debug("{}: a peer with precedence fetches it from the mirror too; waiting for its copy",
                write.key().path());
        onGiveWay.run();
    }

    private void finished(Throwable failure) {
        ScheduledFuture<?> scheduled = check;
        if (scheduled != null && failure == null) {
            scheduled.cancel(false);
        }
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null
                ? failure.getCause() : failure;
        if (cause == null || cause instanceof CancellationException) {
            return;
        }
        swarms.fetchingFromMirror(false); // the mirror failed and aborted the write
    }

    @Override
    public CompletableFuture<Void> done() {
        return done;
    }

    /** This component stops: the give-way check is dropped; the mirror's fill goes on, the listener's own. */
    @Override
    public void stop() {
        ScheduledFuture<?> scheduled = check;
        if (scheduled != null) {
            scheduled.cancel(false);
        }
    }
}
