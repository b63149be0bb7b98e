package org.debswarm.peerwire.internal;

import java.net.InetSocketAddress;
import java.util.Collection;

import org.debswarm.peerwire.SessionSnapshot;
import org.debswarm.torrent.InfoHash;

/**
 * What every handle of a running session does alike, a torrent's ({@link EngineSession}) or the content swarm's
 * ({@link EngineContentSession}): each call goes to the engine with the session it was made for, so a handle of a
 * stopped session stays stopped, even once another session of its swarm runs.
 */
abstract class EngineHandle {

    final PeerEngine engine;
    final Session session;

    EngineHandle(PeerEngine engine, Session session) {
        this.engine = engine;
        this.session = session;
    }

    public InfoHash infoHash() {
        return session.swarm.infoHash();
    }

    public void addPeers(Collection<InetSocketAddress> peers) {
        engine.addPeers(session, peers);
    }

    public SessionSnapshot snapshot() {
        return engine.snapshot(session);
    }

    public boolean isRunning() {
        return engine.runs(session);
    }

    public boolean stop() {
        return engine.stop(session);
    }
}
