package org.debswarm.peerwire.internal;

import java.util.concurrent.CompletableFuture;

import org.debswarm.peerwire.PieceAvailability;
import org.debswarm.peerwire.TorrentSession;

/**
 * The handle of one running session, as {@link PeerEngine#start} returns it. Two handles of the same session
 * (a start of a torrent that runs already returns a new handle) act on the same session; a handle of a stopped
 * session stays stopped, even once another session of its torrent runs ({@link EngineHandle}).
 */
final class EngineSession extends EngineHandle implements TorrentSession {

    EngineSession(PeerEngine engine, Session session) {
        super(engine, session);
    }

    @Override
    public int pieceCount() {
        return session.swarm.pieceCount();
    }

    @Override
    public CompletableFuture<Void> want(int piece) {
        return engine.want(session, piece);
    }

    @Override
    public CompletableFuture<PieceAvailability> availability(int piece) {
        return engine.availability(session, piece);
    }

    @Override
    public void lost(int piece) {
        engine.lost(session, piece);
    }

    @Override
    public void fetchingFromMirror(int piece, boolean fetching) {
        engine.fetchingFromMirror(session, piece, fetching);
    }

    @Override
    public String toString() {
        return "session of " + infoHash();
    }
}
