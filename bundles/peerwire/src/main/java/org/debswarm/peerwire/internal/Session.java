package org.debswarm.peerwire.internal;

import java.net.InetSocketAddress;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.Future;

import org.debswarm.peerwire.internal.swarm.Swarm;

/** A running torrent: its swarm, its connections (pending ones included) and its timer. */
final class Session {

    final Swarm swarm;
    /** Touched on the I/O thread only. */
    final Set<Connection> connections = new HashSet<>();
    /** Touched on the I/O thread only. */
    final KnownPeers known;
    volatile Future<?> tick;

    Session(Swarm swarm, int knownPeers) {
        this.swarm = swarm;
        this.known = new KnownPeers(knownPeers);
    }

    boolean connectedTo(InetSocketAddress address) {
        return connections.stream().anyMatch(c -> c.address().equals(address));
    }
}
