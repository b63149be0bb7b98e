package org.debswarm.peerwire.internal.swarm;

import java.security.SecureRandom;
import java.time.Duration;
import java.util.Optional;

import org.debswarm.peerwire.internal.fleet.FleetKey;
import org.debswarm.peerwire.internal.wire.ExtensionHandshake;
import org.debswarm.peerwire.internal.wire.FleetProof;
import org.debswarm.peerwire.internal.wire.PeerWireException;
import org.debswarm.torrent.InfoHash;

/**
 * The fleet key check of one swarm (docs/torrent-format.md, "Fleet key"): each side puts a fresh nonce in its
 * BEP 10 handshake; on the other side's nonce it sends its {@link FleetProof}; a peer is proven when its proof
 * verifies. Until then nothing of the torrent moves: no bitfield, have or mirror notice is sent to it, and any
 * message from it but the extension handshake, its proof and keep-alives is a protocol error. A peer that
 * offers no proof within the deadline (the engine's connect timeout: the proof is part of the handshake), or a
 * wrong one, is closed.
 */
final class FleetGate {

    private final Duration deadline;
    private final Optional<FleetKey> key;
    private final InfoHash wireHash;
    private final byte[] ourPeerId;
    private final SecureRandom random = new SecureRandom();

    FleetGate(Optional<FleetKey> key, InfoHash wireHash, byte[] ourPeerId, Duration deadline) {
        this.deadline = deadline;
        this.key = key;
        this.wireHash = wireHash;
        this.ourPeerId = ourPeerId.clone();
    }

    boolean keyed() {
        return key.isPresent();
    }

    /** A new peer: proven at once without a key; else it gets a nonce to answer. */
    void attached(PeerState peer) {
        if (key.isEmpty()) {
            peer.proven = true;
        } else {
            peer.ourNonce = new byte[ExtensionHandshake.NONCE_BYTES];
            random.nextBytes(peer.ourNonce);
        }
    }

    /** The peer's extension handshake came: send our proof over its nonce. */
    void handshake(PeerState peer, ExtensionHandshake hs) throws PeerWireException {
        if (key.isEmpty() || peer.theirNonce != null) {
            return;
        }
        int id = hs.extensions().getOrDefault(FleetProof.NAME, 0);
        if (id == 0 || hs.fleetNonce().length == 0) {
            throw new PeerWireException("refused: no fleet key challenge in the extension handshake (expected: "
                    + FleetProof.NAME + " and " + ExtensionHandshake.FLEET_NONCE + ")");
        }
        peer.theirNonce = hs.fleetNonce();
        peer.link.send(new FleetProof(key.get().proof(wireHash, ourPeerId, peer.peerId, peer.ourNonce,
                peer.theirNonce)).toMessage(id));
    }

    /** The peer's proof came: it is proven, or the connection is refused. */
    void proof(PeerState peer, FleetProof proof) throws PeerWireException {
        if (key.isEmpty() || peer.proven) {
            throw new PeerWireException(FleetProof.NAME + " proof not asked for");
        }
        if (peer.theirNonce == null) {
            throw new PeerWireException(FleetProof.NAME + " proof before the extension handshake");
        }
        if (!key.get().verify(proof.proof(), wireHash, peer.peerId, ourPeerId, peer.theirNonce, peer.ourNonce)) {
            throw new PeerWireException("refused: the fleet key proof does not match (another key, or none)");
        }
        peer.proven = true;
    }

    /** Whether the peer should have been proven by now. */
    boolean overdue(PeerState peer, long now) {
        return !peer.proven && now - peer.attachedAt > deadline.toNanos();
    }

    Duration deadline() {
        return deadline;
    }
}
