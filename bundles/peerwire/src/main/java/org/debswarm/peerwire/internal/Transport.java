package org.debswarm.peerwire.internal;

import java.util.Optional;
import java.util.concurrent.Future;

import org.debswarm.peerwire.internal.swarm.Swarm;
import org.debswarm.torrent.InfoHash;

/** What a {@link Connection} needs of the engine that owns it. Called on the I/O thread. */
interface Transport {

    /** The running swarm of a torrent, or null. */
    Swarm swarm(InfoHash infoHash);

    byte[] peerId();

    /** Why this handshake is refused (limits, bans, ourselves), if it is. */
    Optional<String> refusal(Connection connection, Swarm swarm, byte[] remotePeerId);

    /** The connection ended. */
    void closed(Connection connection, Swarm swarm);

    TokenBucket uploadLimit();

    TokenBucket downloadLimit();

    /** Runs {@code task} on the I/O thread after {@code delayNanos}. */
    Future<?> schedule(Runnable task, long delayNanos);

    long nanoTime();
}
