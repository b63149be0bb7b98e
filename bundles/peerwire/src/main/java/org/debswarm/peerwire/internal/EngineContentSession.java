package org.debswarm.peerwire.internal;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import org.debswarm.peerwire.ContentSession;
import org.debswarm.peerwire.PieceAvailability;
import org.debswarm.storage.FileKey;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The handle of the content swarm's session: files named by {@link FileKey} (their SHA-256 and where they are
 * stored) become the swarm's numbered pieces on the I/O thread. An offer after a quiet {@link #BATCH} goes out at
 * once (a newly stored file is findable as soon as the message arrives); offers within {@link #BATCH} of the last
 * one wait until it has passed, so that a burst of stored files (an {@code apt-get install} of many packages)
 * reaches each peer as one message per {@link #BATCH}.
 */
final class EngineContentSession extends EngineHandle implements ContentSession {

    /**
     * 100 ms: at most ten inventory messages a second per peer, and a burst of stored files (which arrive at disk
     * speed) still goes out in a few; with 500 ms a node that asked right after a neighbour stored a file did not
     * find it there (FleetIT: host 2's apt asked about 300 ms after host 1's last file was stored).
     */
    static final Duration BATCH = Duration.ofMillis(100);

    private static final Logger LOG = LoggerFactory.getLogger(EngineContentSession.class);

    private final ContentFiles files;
    /** Offers waiting for the batch; guarded by this. */
    private List<FileKey> pending = new ArrayList<>();
    /** When the last batch went to the swarm ({@link System#nanoTime}); guarded by this. */
    private long lastFlush = System.nanoTime() - BATCH.toNanos();

    EngineContentSession(PeerEngine engine, Session session, ContentFiles files) {
        super(engine, session);
        this.files = files;
    }

    Session session() {
        return session;
    }

    @Override
    public void offer(Collection<FileKey> stored) {
        Duration wait;
        synchronized (this) {
            boolean first = pending.isEmpty();
            pending.addAll(stored);
            if (!first || stored.isEmpty()) {
                return; // a flush is due already
            }
            long quiet = System.nanoTime() - lastFlush;
            wait = quiet >= BATCH.toNanos() ? Duration.ZERO : BATCH.minusNanos(quiet);
        }
        engine.later(wait, this::flush);
    }

    // on the I/O thread
    private void flush() {
        List<FileKey> batch;
        synchronized (this) {
            batch = pending;
            pending = new ArrayList<>();
            lastFlush = System.nanoTime();
        }
        if (!engine.runs(session)) {
            return;
        }
        List<Integer> pieces = new ArrayList<>(batch.size());
        for (FileKey key : batch) {
            try {
                pieces.add(number(key));
            } catch (IllegalArgumentException | IllegalStateException e) {
                LOG.info("Not offered to the content swarm: {}: {}", key, e.getMessage());
            }
        }
        session.swarm.offered(pieces);
    }

    @Override
    public void lost(String sha256) {
        engine.inSession(session, () -> {
            int piece = files.indexOf(sha256);
            if (piece >= 0) {
                session.swarm.lost(piece);
            }
        });
    }

    @Override
    public void fetchingFromMirror(FileKey file, boolean fetching) {
        engine.inSession(session, () -> {
            try {
                session.swarm.fetchingFromMirror(number(file), fetching);
            } catch (IllegalArgumentException | IllegalStateException e) {
                LOG.info("Mirror fetch not told to the content swarm: {}: {}", file, e.getMessage());
            }
        });
    }

    @Override
    public CompletableFuture<PieceAvailability> availability(FileKey file) {
        return engine.ask(session, () -> session.swarm.availabilityOf(number(file)), PieceAvailability.NONE);
    }

    @Override
    public CompletableFuture<Void> want(FileKey file) {
        return engine.ask(session, () -> number(file), -1).thenCompose(piece -> piece < 0
                ? CompletableFuture.failedFuture(new IllegalStateException("content swarm stopped"))
                : engine.want(session, piece));
    }

    // on the I/O thread: a file numbered for the first time may be one a peer listed already
    private int number(FileKey key) {
        boolean known = files.indexOf(key.sha256()) >= 0;
        int piece = files.number(key);
        if (!known) {
            session.swarm.numbered(piece);
        }
        return piece;
    }

    @Override
    public String toString() {
        return "content swarm " + infoHash();
    }
}
