package org.debswarm.node.internal.apt;

import java.net.URI;
import java.time.Duration;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.LongConsumer;

import org.debswarm.governor.HttpGovernor;
import org.debswarm.node.internal.webseed.MirrorFill;
import org.debswarm.peerwire.TorrentSession;
import org.debswarm.storage.FileWrite;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A package no connected peer has or is fetching: this node fetches it from the mirror into its store write and
 * tells its peers first ({@code ds_mirror_fetch}), so that those whose apt asks for it meanwhile wait for this
 * copy. Two nodes asked at the same moment both start; at the give-way check, the one whose peer id sorts
 * after the other's stops, keeps the blocks it has, and waits for the other's copy ({@code onGiveWay}). When the
 * write completes, the engine's {@code have} tells the peers; when the mirror fails, they hear it was abandoned.
 */
final class AnnouncedMirrorFetch {

    private static final Logger LOG = LoggerFactory.getLogger(AnnouncedMirrorFetch.class);

    private final FileWrite write;
    private final TorrentSession session;
    private final int piece;
    private volatile boolean stopped;
    private volatile ScheduledFuture<?> check;

    AnnouncedMirrorFetch(FileWrite write, TorrentSession session, int piece) {
        this.write = write;
        this.session = session;
        this.piece = piece;
    }

    /**
     * Announces the fetch and starts it.
     *
     * @param onGiveWay run (on the timer) when this node stops in favour of a peer fetching the same package
     */
    void start(HttpGovernor governor, URI uri, Duration deadline, Duration giveWay, ScheduledExecutorService timer,
            Executor copier, LongConsumer fromMirror, Runnable onGiveWay) {
        session.fetchingFromMirror(piece, true);
        check = timer.schedule(() -> giveWayIfPreceded(onGiveWay), giveWay.toMillis(), TimeUnit.MILLISECONDS);
        MirrorFill.start(governor, uri, write, deadline, copier, fromMirror, () -> stopped)
                .whenComplete((v, failure) -> finished(failure));
    }

    private void giveWayIfPreceded(Runnable onGiveWay) {
        if (write.isDone() || AptDemand.availability(session, piece).fetchersWithPrecedence() == 0) {
            return;
        }
        stopped = true;
        session.fetchingFromMirror(piece, false);
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
        if (cause == null || cause instanceof CancellationException || write.isDone()) {
            return;
        }
        session.fetchingFromMirror(piece, false);
        write.abort("the mirror failed: " + cause.getMessage());
    }

    /** This component stops: the fetch stops too, and the apt listener finishes the write from the mirror. */
    void release() {
        ScheduledFuture<?> scheduled = check;
        if (scheduled != null) {
            scheduled.cancel(false);
        }
        stopped = true;
    }
}
