package org.debswarm.peerwire.internal.swarm;

import java.nio.ByteBuffer;
import java.util.BitSet;
import java.util.function.LongSupplier;

import org.debswarm.peerwire.internal.wire.BlockRef;
import org.debswarm.peerwire.internal.wire.FleetProof;
import org.debswarm.peerwire.internal.wire.MessageHandler;
import org.debswarm.peerwire.internal.wire.PeerWireException;

/**
 * One peer's messages, as its connection's decoder reads them, on their way to the swarm. Each passes the gates
 * every message passes first: it counts as a sign of life, and before the fleet key proof nothing but
 * keep-alives, the extension handshake and the proof itself is accepted. Then the swarm handles it by its kind.
 * Whether a bitfield is late is judged against {@link PeerState#greeted}, set after every message but a
 * keep-alive or the extension handshake. The connection holds this handler, not the swarm's state of its peer.
 */
final class PeerInbox implements MessageHandler {

    private final Swarm swarm;
    private final PeerState peer;
    private final LongSupplier clock;

    PeerInbox(Swarm swarm, PeerState peer, LongSupplier clock) {
        this.swarm = swarm;
        this.peer = peer;
        this.clock = clock;
    }

    @Override
    public void keepAlive() {
        peer.lastReceived = clock.getAsLong();
    }

    @Override
    public void choke() throws PeerWireException {
        admit("Choke");
        swarm.choked(peer, true);
        peer.greeted = true;
    }

    @Override
    public void unchoke() throws PeerWireException {
        admit("Unchoke");
        swarm.choked(peer, false);
        peer.greeted = true;
    }

    @Override
    public void interested() throws PeerWireException {
        admit("Interested");
        swarm.interested(peer, true);
        peer.greeted = true;
    }

    @Override
    public void notInterested() throws PeerWireException {
        admit("NotInterested");
        swarm.interested(peer, false);
        peer.greeted = true;
    }

    @Override
    public void have(int piece) throws PeerWireException {
        admit("Have");
        swarm.has(peer, piece);
        peer.greeted = true;
    }

    @Override
    public void bitfield(BitSet pieces) throws PeerWireException {
        admit("Bitfield");
        swarm.bitfield(peer, pieces);
        peer.greeted = true;
    }

    @Override
    public void request(BlockRef block) throws PeerWireException {
        admit("Request");
        swarm.requested(peer, block);
        peer.greeted = true;
    }

    @Override
    public void cancel(BlockRef block) throws PeerWireException {
        admit("Cancel");
        swarm.cancelled(peer, block);
        peer.greeted = true;
    }

    @Override
    public void piece(int piece, int begin, ByteBuffer block) throws PeerWireException {
        admit("Piece");
        swarm.piece(peer, piece, begin, block);
        peer.greeted = true;
    }

    @Override
    public void extended(int extendedId, byte[] payload) throws PeerWireException {
        peer.lastReceived = clock.getAsLong();
        if (!peer.proven && extendedId != 0 && extendedId != FleetProof.LOCAL_ID) {
            throw beforeProof("Extended");
        }
        swarm.extended(peer, extendedId, payload);
        peer.greeted |= extendedId != 0;
    }

    private void admit(String message) throws PeerWireException {
        peer.lastReceived = clock.getAsLong();
        if (!peer.proven) {
            throw beforeProof(message);
        }
    }

    private static PeerWireException beforeProof(String message) {
        return new PeerWireException(message + " before the fleet key proof (expected: " + FleetProof.NAME
                + " first)");
    }
}
