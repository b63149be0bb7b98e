package org.debswarm.peerwire.internal.swarm;

import java.net.InetSocketAddress;
import java.util.ArrayDeque;
import java.util.BitSet;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import org.debswarm.peerwire.PeerSnapshot;
import org.debswarm.peerwire.internal.wire.BlockRef;

/** What a swarm knows of one connected peer. Confined to the swarm's thread. */
final class PeerState {

    final PeerLink link;
    final byte[] peerId;
    String client;
    final BitSet has = new BitSet();
    /** In the content swarm, the peer's inventory and numbers; null in a torrent's swarm. */
    ContentPeer content;
    long bytesHad;
    boolean amChoking = true;
    boolean amInterested;
    boolean peerChoking = true;
    boolean peerInterested;
    int requestQueue;
    /** The id the peer receives {@code ds_mirror_fetch} under (its BEP 10 handshake), 0 if it has none. */
    int mirrorFetchId;
    /** Pieces the peer told us it is fetching from a mirror, until its {@code have} or {@code abandoned}. */
    final BitSet fetchingFromMirror = new BitSet();
    /** Whether a message other than a keep-alive or the BEP 10 handshake came: a bitfield is late after it. */
    boolean greeted;
    /** Our requests to the peer, with when they were sent. */
    final Map<BlockRef, Long> requested = new LinkedHashMap<>();
    /** The peer's requests to us, served as the connection drains. */
    final ArrayDeque<BlockRef> uploads = new ArrayDeque<>();
    final RateMeter down = new RateMeter();
    final RateMeter up = new RateMeter();
    int badPieces;
    /** When the BitTorrent handshake completed: the fleet key proof is due within the gate's deadline. */
    final long attachedAt;
    /** Whether the peer proved it holds the fleet key (always, in a swarm without key). */
    boolean proven;
    /** Our fleet key challenge to this peer, and its challenge to us (null until its extension handshake). */
    byte[] ourNonce;
    byte[] theirNonce;
    /** The listening port from the peer's BEP 10 handshake, 0 if it gave none. */
    int listenPort;
    /** The id the peer receives {@code ut_pex} under, 0 if it has none; what we told it, and when. */
    int pexId;
    final Set<InetSocketAddress> pexSent = new HashSet<>();
    long pexSentAt;
    boolean pexReceived;
    long pexReceivedAt;
    long lastReceived;
    long lastSent;
    long lastBlock;
    /** When the handshake completed: among peers of equal merit, the newest gets an upload slot first. */
    final long joined;
    /** {@link PeerLink#writtenBytes} at the last tick, and for how many ticks running it has not moved. */
    long writtenSeen;
    int ticksWithoutProgress;
    /** Whether the peer leaves our bytes unread (a whole tick without taking any), and since when. */
    boolean stalled;
    long stalledSince;

    PeerState(PeerLink link, byte[] peerId, long now) {
        this.link = link;
        this.joined = now;
        this.peerId = peerId.clone();
        this.client = ClientNames.fromPeerId(peerId);
        this.lastReceived = now;
        this.lastSent = now;
        this.lastBlock = now;
        this.attachedAt = now;
        this.pexSentAt = now - PeerExchanges.INTERVAL.toNanos();
    }

    /** The peer said it fetches {@code piece} from a mirror, or gave that up; a piece it has is fetched already. */
    void heardFetching(int piece, boolean fetching) {
        fetchingFromMirror.set(piece, fetching && !has.get(piece));
    }

    /** Where the peer accepts connections: the address we dialled, or the port its BEP 10 handshake gave. */
    InetSocketAddress listenAddress() {
        if (!link.incoming()) {
            return link.address();
        }
        return listenPort > 0 ? new InetSocketAddress(link.address().getAddress(), listenPort) : null;
    }

    boolean stalled() {
        return stalled;
    }

    PeerLink link() {
        return link;
    }

    PeerSnapshot snapshot(long now) {
        return new PeerSnapshot(java.util.HexFormat.of().formatHex(peerId), link.address(), client, link.incoming(), up.total(), down.total(), up.rate(now),
                down.rate(now), bytesHad, has.cardinality(), amChoking, peerChoking, peerInterested, amInterested,
                badPieces);
    }

    @Override
    public String toString() {
        return link.address() + " (" + client + ")";
    }
}
