package org.debswarm.peerwire.internal;

import java.net.InetSocketAddress;
import java.util.Collection;
import java.util.concurrent.CompletableFuture;

import org.debswarm.peerwire.PieceAvailability;
import org.debswarm.peerwire.SessionSnapshot;
import org.debswarm.peerwire.TorrentSession;
import org.debswarm.torrent.InfoHash;

/**
 * The handle of one running session, as {@link PeerEngine#start} returns it. Two handles of the same session
 * (a start of a torrent that runs already returns a new handle) act on the same session; a handle of a stopped
 * session stays stopped, even once another session of its torrent runs.
 */
final class EngineSession implements TorrentSession {

    private final PeerEngine engine;
    private final Session session;

    EngineSession(PeerEngine engine, Session session) {
        this.engine = engine;
        this.session = session;
    }

    @Override
    public InfoHash infoHash() {
        return session.swarm.infoHash();
    }

    @Override
    public int pieceCount() {
        return session.swarm.pieceCount();
    }

    @Override
    public void addPeers(Collection<InetSocketAddress> peers) {
        engine.addPeers(session, peers);
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
    public SessionSnapshot snapshot() {
        return engine.snapshot(session);
    }

    @Override
    public boolean isRunning() {
        return engine.runs(session);
    }

    @Override
    public boolean stop() {
        return engine.stop(session);
    }

    @Override
    public String toString() {
        return "session of " + infoHash();
    }
}
