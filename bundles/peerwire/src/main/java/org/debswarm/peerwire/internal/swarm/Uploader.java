package org.debswarm.peerwire.internal.swarm;

import java.io.IOException;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.function.LongSupplier;

import org.debswarm.peerwire.internal.wire.BlockRef;
import org.debswarm.peerwire.internal.wire.Message;
import org.debswarm.peerwire.internal.wire.PeerWireException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Chooses whom to upload to (with the {@link Choker}) and serves the requests of unchoked peers, from
 * verified pieces only, as fast as each connection drains: a request waits in the peer's queue while more
 * than {@link #HIGH_WATER} bytes are queued on its connection.
 */
final class Uploader {

    /** Requests a peer may have waiting; announced as {@code reqq} in our BEP 10 handshake. */
    static final int MAX_QUEUED_REQUESTS = 250;
    static final long HIGH_WATER = 1024 * 1024;

    private static final Logger LOG = LoggerFactory.getLogger(Uploader.class);

    private final PieceStorage storage;
    private final LongSupplier clock;
    private final Choker choker;
    final RateMeter up = new RateMeter();

    Uploader(PieceStorage storage, LongSupplier clock, Choker choker) {
        this.storage = storage;
        this.clock = clock;
        this.choker = choker;
    }

    /**
     * A peer became (un)interested: a free slot is given at once. A peer that is no longer interested keeps being
     * unchoked until the next round, but holds no slot meanwhile ({@link Choker#hasFreeSlot}): it costs nothing
     * while it requests nothing, and a node asks for one file after another as its apt does, saying "not
     * interested" between two. Choked at once, it raced with its own next requests: they crossed our choke, we
     * served them after the unchoke that followed its "interested", and it had dropped them on the choke (BEP 3)
     * and asked again, so every block came twice (FleetIT: 2 MB of a 3 MB file).
     */
    void interested(PeerState peer, boolean interested, Collection<PeerState> peers) {
        peer.peerInterested = interested;
        if (interested && peer.amChoking && choker.hasFreeSlot(peers)) {
            setChoked(peer, false);
        }
    }

    /** A choking round: while we download, merit is what peers gave us; while we only seed, what they took. */
    void rechoke(Collection<PeerState> peers, boolean rotate) {
        long now = clock.getAsLong();
        boolean seeding = peers.stream().noneMatch(p -> p.amInterested);
        Set<PeerState> unchoke = choker.choose(peers, p -> seeding ? p.up.rate(now) : p.down.rate(now), rotate);
        for (PeerState p : List.copyOf(peers)) {
            setChoked(p, !unchoke.contains(p));
        }
    }

    /**
     * A tick: a peer that took none of our bytes over a whole tick interval while bytes queued for it waited (it
     * requests and never reads), or while it held an upload slot that another interested peer waits for (it
     * requests nothing), is stalled. It loses its slot at once, and the slot goes to the next peer; once it reads
     * again (or is choked with nothing left queued) it is a candidate again. A slot holder that requests nothing
     * while nobody waits keeps its slot: nodes request when apt asks for a file, not all the time.
     */
    void checkProgress(Collection<PeerState> peers, long now) {
        boolean someoneWaits = peers.stream().anyMatch(p -> p.peerInterested && p.amChoking && !p.stalled);
        boolean freed = false;
        for (PeerState p : peers) {
            long written = p.link.writtenBytes();
            boolean idle = written == p.writtenSeen && (p.link.queuedBytes() > 0 || !p.amChoking && someoneWaits);
            p.writtenSeen = written;
            p.ticksWithoutProgress = idle ? p.ticksWithoutProgress + 1 : 0;
            if (!idle) {
                p.stalled = false;
            } else if (p.ticksWithoutProgress >= 2 && !p.stalled) {
                p.stalled = true;
                p.stalledSince = now;
                freed |= !p.amChoking;
                LOG.debug("{} stalled: took none of {} queued bytes for a tick", p, p.link.queuedBytes());
            }
        }
        if (freed) {
            rechoke(peers, false);
        }
    }

    private void setChoked(PeerState peer, boolean choked) {
        if (peer.amChoking == choked) {
            return;
        }
        peer.amChoking = choked;
        peer.lastSent = clock.getAsLong();
        peer.link.send(choked ? Message.choke() : Message.unchoke());
        if (choked) {
            // BEP 3: a choked peer's pending requests are discarded
            peer.uploads.clear();
        } else {
            serve(peer);
        }
    }

    void requested(PeerState peer, BlockRef request) throws PeerWireException {
        long pieceLength = storage.pieceLength(request.piece());
        if ((long) request.begin() + request.length() > pieceLength) {
            throw new PeerWireException("request of " + request.length() + " bytes at " + request.begin()
                    + " in piece " + request.piece() + " (expected: within its " + pieceLength + " bytes)");
        }
        if (peer.amChoking || !storage.had().get(request.piece())) {
            // BEP 3: requests of a choked peer are dropped; a piece we lack was never announced
            return;
        }
        if (peer.uploads.size() >= MAX_QUEUED_REQUESTS) {
            throw new PeerWireException("requests queued " + (peer.uploads.size() + 1) + " (expected: <= "
                    + MAX_QUEUED_REQUESTS + ")");
        }
        peer.uploads.add(request);
        serve(peer);
    }

    void cancelled(PeerState peer, BlockRef cancel) {
        peer.uploads.remove(cancel);
    }

    void serve(PeerState peer) {
        while (!peer.uploads.isEmpty() && !peer.amChoking && peer.link.queuedBytes() < HIGH_WATER) {
            BlockRef r = peer.uploads.poll();
            try {
                BlockData data = storage.read(r.piece(), r.begin(), r.length());
                long now = clock.getAsLong();
                peer.link.sendBlock(r.piece(), r.begin(), data);
                peer.lastSent = now;
                peer.up.add(r.length(), now);
                up.add(r.length(), now);
            } catch (IOException | RuntimeException e) {
                LOG.warn("Cannot read piece {} for {}: {}", r.piece(), peer, e.toString());
                peer.uploads.clear();
            }
        }
    }
}
