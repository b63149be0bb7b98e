package org.debswarm.peerwire.internal.swarm;

import java.time.Duration;
import java.util.BitSet;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;

import org.debswarm.peerwire.internal.wire.Handshake;
import org.debswarm.peerwire.internal.wire.Heard;
import org.debswarm.peerwire.internal.wire.Heard.Bitfield;
import org.debswarm.peerwire.internal.wire.Heard.Piece;
import org.debswarm.peerwire.internal.wire.Heard.Request;
import org.debswarm.peerwire.internal.wire.Heard.Unchoke;
import org.debswarm.peerwire.internal.wire.Message;
import org.debswarm.peerwire.internal.wire.MessageDecoder;
import org.debswarm.peerwire.internal.wire.PeerWireException;
import org.debswarm.torrent.InfoHash;
import org.debswarm.torrent.PieceBits;

/** A swarm with in-memory pieces, fake connections and a clock the test moves. */
final class SwarmHarness {

    static final int BLOCK = PieceProgress.BLOCK;
    /** This node's peer id: 0x40 in every byte, so a test peer on a port below 0x40 sorts before it. */
    static final byte[] OUR_PEER_ID = new byte[20];

    static {
        java.util.Arrays.fill(OUR_PEER_ID, (byte) 0x40);
    }

    final AtomicLong clock = new AtomicLong(Duration.ofHours(1).toNanos());
    final MemoryStorage storage;
    final PieceBits wanted;
    final BanList bans;
    final Swarm swarm;
    /** What peer exchange handed on, list by list. */
    final java.util.List<java.util.List<java.net.InetSocketAddress>> exchanged = new java.util.ArrayList<>();

    SwarmHarness(int[] pieceLengths, SwarmOptions options) {
        Random random = new Random(3);
        byte[][] pieces = new byte[pieceLengths.length][];
        for (int i = 0; i < pieces.length; i++) {
            pieces[i] = new byte[pieceLengths[i]];
            random.nextBytes(pieces[i]);
        }
        this.storage = new MemoryStorage(pieces);
        this.wanted = new PieceBits(pieces.length);
        this.bans = new BanList(options.maxBadPieces());
        this.swarm = new Swarm(InfoHash.of(new byte[20]), "test", l -> {
            storage.listener = l;
            return storage;
        }, wanted, options, bans, 6881, OUR_PEER_ID, clock::get, SwarmContext.of(InfoHash.of(new byte[20]),
                java.util.Optional.empty(), exchanged::add, SwarmContext.PROOF_DEADLINE));
    }

    static SwarmOptions options(int pipeline) {
        SwarmOptions d = SwarmOptions.DEFAULTS;
        return new SwarmOptions(d.uploadSlots(), d.maxBadPieces(), pipeline, d.maxPeers(), d.snubTimeout(),
                d.keepAlive(), d.idleTimeout(), d.chokeInterval(), d.optimisticInterval(), d.client());
    }

    void wantAll() {
        for (int i = 0; i < storage.pieceCount(); i++) {
            wanted.set(i);
        }
    }

    /** A peer that joined and sent its bitfield. */
    PeerState peer(int port, int... pieces) throws PeerWireException {
        FakeLink link = new FakeLink(port);
        link.pieceCount = storage.pieceCount();
        byte[] id = new byte[20];
        id[0] = (byte) port;
        id[1] = (byte) (port >> 8);
        PeerState state = swarm.join(link, Handshake.of(InfoHash.of(new byte[20]), id));
        link.onClose = () -> swarm.detached(state, link.closed);
        BitSet has = new BitSet();
        for (int p : pieces) {
            has.set(p);
        }
        Bitfield.of(has, storage.pieceCount()).tell(swarm.inbox(state));
        return state;
    }

    static FakeLink link(PeerState peer) {
        return (FakeLink) peer.link;
    }

    /** The peer says {@code m}: its handler is told, as the connection's decoder would tell it. */
    void receive(PeerState peer, Heard m) throws PeerWireException {
        m.tell(swarm.inbox(peer));
        storage.deliver();
    }

    /** The peer sends {@code m} (an extension's message): its bytes are decoded into the peer's handler. */
    void receive(PeerState peer, Message m) throws PeerWireException {
        new MessageDecoder(storage.pieceCount()).decode(m.toBuffer(), swarm.inbox(peer));
        storage.deliver();
    }

    void unchoke(PeerState peer) throws PeerWireException {
        receive(peer, Unchoke.INSTANCE);
    }

    /** Answers a request with the right bytes, or with junk. */
    void answer(PeerState peer, Request r, boolean honest) throws PeerWireException {
        byte[] block = new byte[r.length()];
        if (honest) {
            System.arraycopy(storage.expected[r.piece()], r.begin(), block, 0, r.length());
        } else {
            new Random(r.begin()).nextBytes(block);
        }
        receive(peer, new Piece(r.piece(), r.begin(), block));
    }

    /** Answers every request the peer has outstanding, oldest first, until it asks for nothing more. */
    void serveAll(PeerState peer, boolean honest) throws PeerWireException {
        for (int round = 0; round < 1000 && !peer.requested.isEmpty() && link(peer).closed == null; round++) {
            var ref = peer.requested.keySet().iterator().next();
            answer(peer, new Request(ref.piece(), ref.begin(), ref.length()), honest);
        }
    }

    void advance(Duration d) {
        clock.addAndGet(d.toNanos());
    }
}
