package org.debswarm.peerwire.internal.swarm;

import java.net.InetSocketAddress;

import org.debswarm.peerwire.internal.wire.Message;

/**
 * What the swarm needs of a connection; the transport implements it. Calls come on the engine's I/O thread
 * and never block: sends are queued.
 */
public interface PeerLink {

    InetSocketAddress address();

    boolean incoming();

    void send(Message message);

    /** Queues a piece message whose block comes from {@code data}. */
    void sendBlock(int piece, int begin, BlockData data);

    /** Bytes queued and not yet written: uploads wait while this is high. */
    long queuedBytes();

    /** Bytes the peer took (written to its socket) since the connection opened: its progress. */
    long writtenBytes();

    /** Closes the connection; the swarm then gets {@link Swarm#detached}. */
    void close(String reason);
}
